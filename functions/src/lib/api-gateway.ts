/** API Gateway HTTP API (payload 2.0) as the router sees it through hono/aws-lambda. */
import type * as z from 'zod';
import type { httpApiEventSchema } from './http-events.js';

export type HttpApiEvent = z.output<typeof httpApiEventSchema>;

/** What hono/aws-lambda hands each request as `c.env`. */
export interface LambdaBindings {
  event: HttpApiEvent;
}

/** The verified JWT claims API Gateway's authorizer put on the request, if any. */
export function jwtClaims(env: LambdaBindings): Record<string, unknown> | undefined {
  return env.event.requestContext.authorizer?.jwt?.claims;
}

/**
 * The address of the browser that made the request, for the resident form's
 * per-client limit (never logged). In order: CloudFront's
 * `CloudFront-Viewer-Address` ("ip:port"; IPv6 unbracketed, so the port is
 * after the last colon; the console distribution's origin request policy
 * forwards it), else the first `X-Forwarded-For` entry, else API Gateway's
 * `requestContext.http.sourceIp`. Undefined when none is there.
 */
export function viewerAddress(event: HttpApiEvent): string | undefined {
  const header = (name: string) => {
    for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name) return value;
    return undefined;
  };
  const viewer = header('cloudfront-viewer-address')?.trim();
  if (viewer?.includes(':')) return viewer.slice(0, viewer.lastIndexOf(':'));
  const forwarded = header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  return event.requestContext.http.sourceIp || undefined;
}
