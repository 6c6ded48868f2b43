/**
 * The Lambda events our functions receive, checked on arrival (a malformed
 * one is a wiring fault: thrown, retried, then kept by the dead-letter queue):
 * SNS, S3, EventBridge and API Gateway HTTP API (payload 2.0) events. Written
 * from the AWS Lambda developer guide's event shapes, with the fields the
 * handlers read required and every other field kept as it came.
 *
 * Why not Powertools' parser schemas: they import zod as `{ z }`, which makes
 * esbuild keep all of zod (every locale, ~440 KB minified) in every bundle
 * that uses them; these cost a few hundred bytes.
 */
import type middy from '@middy/core';
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

/** An EventBridge event with its `detail` checked by `detail`. */
export function eventBridgeSchema<S extends z.ZodType>(detail: S) {
  return z.looseObject({
    id: z.string(),
    source: z.string(),
    'detail-type': z.string(),
    time: z.iso.datetime({ offset: true }),
    detail,
  });
}

/** API Gateway HTTP API, payload format 2.0: what the router and the handler read; the rest kept for hono. */
export const httpApiEventSchema = z.looseObject({
  version: z.literal('2.0'),
  routeKey: z.string(),
  rawPath: z.string(),
  rawQueryString: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  cookies: z.array(z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean(),
  requestContext: z.looseObject({
    http: z.looseObject({ method: z.string(), path: z.string(), sourceIp: z.string() }),
    authorizer: z
      .looseObject({ jwt: z.looseObject({ claims: z.record(z.string(), z.unknown()) }).optional() })
      .optional(),
  }),
});

/**
 * A middy middleware that replaces the event with `schema`'s output, or
 * throws the schema's error (Lambda retries, then the dead-letter queue).
 */
export function parsed<S extends z.ZodType>(schema: S): middy.MiddlewareObj<unknown> {
  return {
    before(request) {
      request.event = schema.parse(request.event);
    },
  };
}
