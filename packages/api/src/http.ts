/** What every response and request body goes through, whichever transport carries it. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from './errors.js';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The resident form's pages: nothing but their own inline styles, posting only to themselves.
 * `same-origin`, not `no-referrer`: under `no-referrer` a browser's form post says `Origin: null`,
 * which the local stack must refuse (a sandboxed page of any site says the same); the
 * referrer still never leaves the landlord's own site.
 */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

/** Every response: never sniffed, not cached, no referrer (a route may set its own); JSON says it is UTF-8. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  }
  if (c.res.headers.get('content-type') === 'application/json') {
    c.res.headers.set('content-type', 'application/json; charset=utf-8');
  }
};

export function html(c: Context, status: 200 | 400, page: string) {
  return c.html(page, status, PAGE_HEADERS);
}

export { pathWithoutTrailingSlash } from './route-match.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** 413 for a body over `maxSize` bytes, before anything reads it. */
export function limitBody(maxSize: number, message = 'the request body is too large'): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(413, 'too-large', message);
    },
  });
}

/**
 * Officer API bodies are JSON objects, read whatever the content type says
 * (an empty body is `{}`), as they always were; the request then goes on as
 * JSON to the route's schema.
 */
export const jsonObjectBody: MiddlewareHandler = async (c, next) => {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text.length > 0 ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'invalid-json', 'the body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'invalid-json', 'the body must be a JSON object');
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  c.req.raw = new Request(c.req.url, { method: c.req.method, headers, body: JSON.stringify(value) });
  c.req.bodyCache = {};
  await next();
};

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );
}
