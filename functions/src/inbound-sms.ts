/**
 * Inbound SMS. AWS End User Messaging publishes each text a resident sends to
 * our number to the inbound-SMS SNS topic as two-way SMS JSON; this function is
 * subscribed to it. The SNS envelope is validated (a malformed one is a wiring
 * fault: thrown, retried, then kept by the DLQ); the message inside is the
 * resident's payload, kept and ingested, or quarantined if it is not an SMS.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parseSms } from '@housing-inbox/channels';
import { acceptDelivery } from '@housing-inbox/core';
import middy from '@middy/core';
import type * as z from 'zod';
import { parsed } from './lib/events.js';
import { type IngestRuntime, ingestRuntimeFromEnvironment } from './lib/ingest-runtime.js';
import { createLogger, ingestLog, logOutcome } from './lib/logging.js';
import { snsEventSchema } from './lib/sns-events.js';

export interface HandlerOptions {
  runtime?: () => IngestRuntime;
  logger?: Logger;
}

export function createInboundSmsHandler({
  logger = createLogger(),
  runtime = ingestRuntimeFromEnvironment({ log: ingestLog(logger) }),
}: HandlerOptions = {}) {
  return middy<z.output<typeof snsEventSchema>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(snsEventSchema))
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
