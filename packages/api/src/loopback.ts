/**
 * The local stack serves only its own machine: the console it serves and
 * programs run on it. A hostile page reaches 127.0.0.1 in two ways, and each
 * leaves a mark: through DNS rebinding (its own name now resolves to
 * 127.0.0.1) the request's `Host` is that name; through a cross-site post (a
 * form or a `text/plain` fetch, which need no preflight) it carries the page's
 * `Origin`. So: a loopback `Host` only, and an `Origin`, when there is one,
 * that is the console's own (the origin the request was addressed to). curl,
 * scripts and tests send no `Origin` and are served as before.
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.js';

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;

/** Why a request cannot be one of this machine's own, or undefined when it is. */
export function foreignRequest(url: string, headers: Headers): string | undefined {
  const host = (headers.get('host') ?? new URL(url).host).toLowerCase();
  if (!LOOPBACK_HOST.test(host)) {
    return `the local stack answers only requests addressed to 127.0.0.1, localhost or [::1], not to ${JSON.stringify(host)}`;
  }
  const origin = headers.get('origin');
  if (origin !== null && origin.toLowerCase() !== `http://${host}`) {
    return `the local stack answers pages from its own address (http://${host}) only, not from ${JSON.stringify(origin)}`;
  }
  return undefined;
}

/** Refuses (403) a request from anywhere but this machine's own console and programs. */
export const loopbackOnly: MiddlewareHandler = async (c, next) => {
  const refusal = foreignRequest(c.req.url, c.req.raw.headers);
  if (refusal) throw new HttpError(403, 'foreign-origin', refusal);
  await next();
};
