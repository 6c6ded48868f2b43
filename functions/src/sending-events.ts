/**
 * SES sending events. The configuration set publishes bounces, complaints and
 * deliveries of what we send to the sending-events SNS topic; this function is
 * subscribed to it. A permanent bounce or a complaint flags each recipient's
 * address on its contact (`recordSendingProblem` in @housing-inbox/core): no
 * more automatic email goes to it. Deliveries and transient bounces change
 * nothing. A malformed SNS envelope is a wiring fault (thrown, retried, then
 * kept by the DLQ); a message that is not an SES event is logged and dropped.
 * Logs carry SES ids and outcomes, never an address.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { recordSendingProblem, type SendingProblem } from '@housing-inbox/core';
import middy from '@middy/core';
import * as z from 'zod';
import { parsed } from './lib/events.js';
import { createLogger, ingestLog } from './lib/logging.js';
import { snsEventSchema } from './lib/sns-events.js';
import { createRecordsRuntime, once, type RecordsRuntime } from './lib/store-runtime.js';

export interface HandlerOptions {
  runtime?: () => Pick<RecordsRuntime, 'repository' | 'clock'>;
  logger?: Logger;
}

const recipients = z.array(z.object({ emailAddress: z.string() }));

/** SES event publishing (`eventType`) or identity notifications (`notificationType`): the fields we use. */
const SesEvent = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({ messageId: z.string().min(1) }),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: recipients, timestamp: z.string() }).optional(),
  complaint: z.object({ complainedRecipients: recipients, timestamp: z.string() }).optional(),
});

/** The permanent bounces and complaints an SES event reports, one per recipient. */
export function sendingProblems(message: string): SendingProblem[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = SesEvent.safeParse(json);
  if (!parsed.success) return undefined;
  const { eventType, notificationType, mail, bounce, complaint } = parsed.data;
  const type = eventType ?? notificationType;
  const sesMessageId = mail.messageId;
  if (type === 'Bounce' && bounce?.bounceType === 'Permanent') {
    return bounce.bouncedRecipients.map((r) => ({
      kind: 'permanent-bounce',
      address: r.emailAddress,
      sesMessageId,
      at: bounce.timestamp,
    }));
  }
  if (type === 'Complaint' && complaint) {
    return complaint.complainedRecipients.map((r) => ({
      kind: 'complaint',
      address: r.emailAddress,
      sesMessageId,
      at: complaint.timestamp,
    }));
  }
  return [];
}

export function createSendingEventsHandler({
  logger = createLogger(),
  runtime = once(() => createRecordsRuntime(process.env)),
}: HandlerOptions = {}) {
  return middy<z.output<typeof snsEventSchema>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(snsEventSchema))
    .handler(async (event): Promise<void> => {
      for (const { Sns: notification } of event.Records) {
        const problems = sendingProblems(notification.Message);
        if (!problems) {
          logger.warn('sending-event-unreadable', { snsMessageId: notification.MessageId });
          continue;
        }
        const { repository, clock } = runtime();
        for (const problem of problems) {
          const outcome = await recordSendingProblem({ repository, clock, log: ingestLog(logger) }, problem);
          logger.info('sending-event', { kind: problem.kind, outcome, sesMessageId: problem.sesMessageId });
        }
      }
    });
}

export const handler = createSendingEventsHandler();
