/**
 * The notification SES publishes to SNS after its receipt rule's S3 action has
 * stored a message. Powertools' SesSchema describes the event SES sends to a
 * Lambda action (action type "Lambda", dmarcPolicy always present), so this one
 * is written from the SES guide ("Contents of notifications for email
 * receiving"): action type "S3" with the bucket and object key, verdicts that
 * may be missing, and every other field tolerated.
 */
import { mailVerdictHold } from '@housing-inbox/channels';
import * as z from 'zod';

const verdict = z.object({ status: z.string() }).optional();

export const sesS3NotificationSchema = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    /** SES's own id for this delivery; also the object key's last part. */
    messageId: z.string().min(1),
    timestamp: z.iso.datetime({ offset: true }),
  }),
  receipt: z.object({
    action: z.object({
      type: z.literal('S3'),
      bucketName: z.string().min(1),
      objectKey: z.string().min(1),
      objectKeyPrefix: z.string().optional(),
      topicArn: z.string().optional(),
    }),
    virusVerdict: verdict,
    spamVerdict: verdict,
    spfVerdict: verdict,
    dkimVerdict: verdict,
    dmarcVerdict: verdict,
  }),
});

export type SesS3Notification = z.infer<typeof sesS3NotificationSchema>;

/** SES's verdicts on a received message and whether they hold it in quarantine (channels' `mailVerdictHold`). */
export function sesVerdictHold(receipt: SesS3Notification['receipt']) {
  return mailVerdictHold({
    virus: receipt.virusVerdict?.status,
    spam: receipt.spamVerdict?.status,
    spf: receipt.spfVerdict?.status,
    dkim: receipt.dkimVerdict?.status,
    dmarc: receipt.dmarcVerdict?.status,
  });
}
