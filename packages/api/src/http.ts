/** A transport-free request and response: API Gateway events and node's http both map onto these. */
export interface ApiRequest {
  method: string;
  /** Path without the query string, e.g. /api/cases/HT-2026-000001 */
  path: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  body?: Uint8Array;
  /** The caller's address, for rate limiting (never logged). */
  sourceIp?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(value),
  };
}

export function html(status: number, page: string, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: page,
  };
}

/** Errors as JSON without internals: no stack, no error object. */
export function errorResponse(err: HttpError): ApiResponse {
  return json(err.status, {
    error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
  });
}

export function header(req: ApiRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
