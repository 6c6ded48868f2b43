/** S3 event notifications as Lambda delivers them (events.ts has the rules these follow). */
import * as z from 'zod';

/** An S3 event notification record (ObjectCreated), any source address (IPv4 or IPv6). */
export const s3RecordSchema = z.looseObject({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  eventTime: z.iso.datetime({ offset: true }),
  requestParameters: z.looseObject({ sourceIPAddress: z.string() }),
  s3: z.looseObject({
    bucket: z.looseObject({ name: z.string().min(1) }),
    object: z.looseObject({ key: z.string().min(1) }),
  }),
});
