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
 *
 * The SNS, S3 and HTTP API schemas are modules of their own (sns-events.ts,
 * s3-events.ts, http-events.ts): building a zod schema runs at import, so a
 * function imports (and bundles) only the one it is invoked with.
 */
import type middy from '@middy/core';
import * as z from 'zod';

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
