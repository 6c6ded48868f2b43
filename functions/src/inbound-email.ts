/**
 * Inbound email. SES's receipt rule stores the raw MIME in the payload bucket
 * (S3 action) and publishes a notification to the inbound-email SNS topic; this
 * function is subscribed to it. It reads the stored message and ingests it.
 *
 * Why SNS rather than the bucket's ObjectCreated event: the notification
 * carries SES's message id (which names the stored object and traces the
 * delivery in logs), the receipt time and SES's verdicts (virus, spam, SPF,
 * DKIM, DMARC: `sesVerdictHold` quarantines what they condemn), and fires
 * only for mail SES accepted, not for anything else written under the prefix.
 *
 * Transient failures (S3, DynamoDB) throw, so Lambda retries and then the DLQ
 * keeps the event; a message that cannot be parsed is quarantined, not thrown.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parseEmail } from '@housing-inbox/channels';
import { acceptDelivery, HeldByVerdict } from '@housing-inbox/core';
import middy from '@middy/core';
import { parsed } from './lib/events.js';
import { type IngestRuntime, ingestRuntimeFromEnvironment } from './lib/ingest-runtime.js';
import { createLogger, ingestLog, logOutcome } from './lib/logging.js';
import { type SesS3Notification, sesS3NotificationSchema, sesVerdictHold } from './lib/ses-notification.js';
import { snsJsonMessages } from './lib/sns-events.js';

export interface HandlerOptions {
  runtime?: () => IngestRuntime;
  logger?: Logger;
}

export function createInboundEmailHandler({
  logger = createLogger(),
  runtime = ingestRuntimeFromEnvironment({ log: ingestLog(logger) }),
}: HandlerOptions = {}) {
  return middy<SesS3Notification[]>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(snsJsonMessages(sesS3NotificationSchema)))
    .handler(async (notifications): Promise<void> => {
      for (const notification of notifications) await ingestEmail(runtime(), logger, notification);
    });
}

async function ingestEmail(runtime: IngestRuntime, logger: Logger, notification: SesS3Notification): Promise<void> {
  const { mail, receipt } = notification;
  const { bucketName, objectKey } = receipt.action;
  if (bucketName !== runtime.bucketName) {
    throw new Error(
      `SES stored the message in bucket ${bucketName}, not ${runtime.bucketName}: check the receipt rule`,
    );
  }
  const stored = await runtime.blobs.get(objectKey);
  // SES writes the object before it notifies: a missing one is worth retrying, then the DLQ.
  if (!stored) throw new Error(`the stored message for SES message ${mail.messageId} is missing`);

  const outcome = await acceptDelivery(runtime.services.ingest, {
    channel: 'email',
    raw: stored.body,
    contentType: 'message/rfc822',
    // SES's id names this one message; a redelivered notification repeats it.
    transportId: `ses:${mail.messageId}`,
    parse: (raw) => {
      // Virus, spam, DMARC failure (a spoof), or no authentication at all: quarantined with the
      // reason and the verdict (an operator's release skips just that verdict).
      const hold = sesVerdictHold(receipt);
      if (hold) throw new HeldByVerdict(hold.reason, 'email', hold.verdict);
      // A redelivered notification names the same stored object: ingest drops it by SES's id;
      // a resend by the sender's server, by Message-ID and content digest.
      return parseEmail(raw, { receivedAt: mail.timestamp, deliveryId: `ses:${mail.messageId}` });
    },
  });
  logOutcome(logger, outcome, { channel: 'email', sesMessageId: mail.messageId });
}

export const handler = createInboundEmailHandler();
