/**
 * Inbound SMS. AWS End User Messaging publishes each text a resident sends to
 * our number to the inbound-SMS SNS topic as two-way SMS JSON; this function is
 * subscribed to it. The SNS envelope is validated (a malformed one is a wiring
 * fault: thrown, retried, then kept by the DLQ); the message inside is the
 * resident's payload, kept and ingested, or quarantined if it is not an SMS.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { SnsSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import { parseSms } from '@housing-inbox/channels';
import { acceptDelivery } from '@housing-inbox/core';
import middy from '@middy/core';
import { createLogger, ingestLog, logOutcome } from './lib/logging.js';
import { type Runtime, runtimeFromEnvironment } from './lib/runtime.js';

export interface HandlerOptions {
  runtime?: () => Runtime;
  logger?: Logger;
}

export function createInboundSmsHandler({
  logger = createLogger(),
  runtime = runtimeFromEnvironment({ log: ingestLog(logger) }),
}: HandlerOptions = {}) {
  return middy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parser({ schema: SnsSchema }))
    .handler(async (event): Promise<void> => {
      const deps = runtime().services.ingest;
      for (const { Sns: notification } of event.Records) {
        const outcome = await acceptDelivery(deps, {
          channel: 'sms',
          raw: new TextEncoder().encode(notification.Message),
          contentType: 'application/json',
          parse: (raw) => parseSms(raw, { receivedAt: notification.Timestamp }),
        });
        logOutcome(logger, outcome, { channel: 'sms', snsMessageId: notification.MessageId });
      }
    });
}

export const handler = createInboundSmsHandler();
