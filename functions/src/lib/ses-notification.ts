/**
 * The notification SES publishes to SNS after its receipt rule's S3 action has
 * stored a message. Powertools' SesSchema describes the event SES sends to a
 * Lambda action (action type "Lambda", dmarcPolicy always present), so this one
 * is written from the SES guide ("Contents of notifications for email
 * receiving"): action type "S3" with the bucket and object key, verdicts that
 * may be missing, and every other field tolerated.
 */
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

/**
 * Why SES's verdicts on a received message keep it from becoming (or joining)
 * a case, or undefined when they do not. Quarantined messages are listed for
 * operators with this reason and never acknowledged:
 * - virus `FAIL`: never opened;
 * - spam `FAIL`: an acknowledgement would answer the spammer (and any address
 *   the spam forged);
 * - DMARC `FAIL`: the From domain's owner says this message is not theirs — a
 *   spoof must never thread into that resident's case nor be answered there;
 * - SPF and DKIM both `FAIL`: nothing authenticates the sender at all.
 * `GRAY` and `PROCESSING_FAILED` (SES could not decide) let the message through.
 * Source: SES Developer Guide, "Contents of notifications for email receiving" (receipt object).
 */
export function sesVerdictRefusal(receipt: SesS3Notification['receipt']): string | undefined {
  const failed = (v: { status: string } | undefined) => v?.status === 'FAIL';
  if (failed(receipt.virusVerdict)) return 'SES found a virus in this message: kept for an operator, not opened';
  if (failed(receipt.spamVerdict)) return 'SES marked this message as spam: kept for an operator, not acknowledged';
  if (failed(receipt.dmarcVerdict)) {
    return 'DMARC failed: the sender’s domain did not authorise this message (possible spoofing); not filed to any case';
  }
  if (failed(receipt.spfVerdict) && failed(receipt.dkimVerdict)) {
    return 'SPF and DKIM both failed: nothing authenticates the sender; not filed to any case';
  }
  return undefined;
}
