/** SNS events as Lambda delivers them (events.ts has the rules these follow). */
import * as z from 'zod';

const snsRecord = z.looseObject({
  EventSource: z.literal('aws:sns'),
  Sns: z.looseObject({
    Type: z.literal('Notification'),
    TopicArn: z.string(),
    MessageId: z.string(),
    Message: z.string(),
    Timestamp: z.iso.datetime({ offset: true }),
  }),
});

/** An SNS event as Lambda delivers it (one or more records). */
export const snsEventSchema = z.looseObject({ Records: z.array(snsRecord).min(1) });

/** An SNS event whose every message is JSON satisfying `message`: gives the parsed messages. */
export function snsJsonMessages<S extends z.ZodType>(message: S) {
  return snsEventSchema.transform((event, ctx) => {
    const out: z.output<S>[] = [];
    for (const [i, record] of event.Records.entries()) {
      let json: unknown;
      try {
        json = JSON.parse(record.Sns.Message);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'the SNS message is not JSON',
          path: ['Records', i, 'Sns', 'Message'],
        });
        return z.NEVER;
      }
      const parsed = message.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ ...issue, path: ['Records', i, 'Sns', 'Message', ...issue.path] } as never);
        }
        return z.NEVER;
      }
      out.push(parsed.data);
    }
    return out;
  });
}
