/** API Gateway HTTP API events as Lambda delivers them (events.ts has the rules these follow). */
import * as z from 'zod';

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
