/**
 * The router's frame, the same for every set of routes it serves: the
 * security headers, the body limits, the sign-in check of every `/api` route
 * but the document, and the one mapping of errors, 404 and 405. The routes
 * themselves are registered by `register` (app.ts: all of them at once;
 * lazy.ts: one group on its first request). Imports no route module.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Principal } from './auth.js';
import { errorResponse, HttpError, INTERNAL_ERROR, refusalOf, validationHook } from './errors.js';
import { limitBody, MAX_BODY_BYTES, securityHeaders } from './http.js';
import { registerSecurity } from './openapi.js';
import { methodsServed, OPENAPI_PATH, pathWithoutTrailingSlash } from './route-match.js';
import type { ContactOptions } from './routes/contact.js';
import type { LocalPorts } from './routes/local.js';
import type { ApiApp, ApiDeps, ApiEnv } from './routes/shared.js';

/** A letter scan may be larger than any other body (the router's limit makes room for it). */
export const MAX_LETTER_BYTES = 20 * 1024 * 1024;

export { OPENAPI_PATH };

export interface ApiOptions extends ContactOptions {
  /**
   * The adapters and use cases, resolved on first use: a Lambda builds them on
   * its first invocation, and `/health` and the document need none.
   */
  deps(): ApiDeps;
  /** Who is calling (a local bearer token, or the cloud authorizer's claims); throws AuthError. */
  authenticate(c: Context): Promise<Principal>;
  /** False while the stack is starting: `/health` answers 503. */
  ready?(): boolean;
  /** An unexpected failure, told by the error's name and the route only: messages can quote a resident. */
  onError?(failure: { error: string; method: string; route: string }): void;
  /** The local stack's own routes, mounted only when given. */
  local?: LocalPorts;
}

/**
 * A router over the routes `register` adds. `allowed` gives the methods
 * served on a path (405 rather than 404): by default this router's own routes.
 */
export function buildRouter(
  options: ApiOptions,
  register: (app: ApiApp) => void,
  allowed?: (path: string) => string[],
): ApiApp {
  const app: ApiApp = new OpenAPIHono<ApiEnv>({ getPath: pathWithoutTrailingSlash, defaultHook: validationHook });

  app.use(securityHeaders);
  // One limit for every body but a letter scan's, before anything reads it.
  const bodyLimit = limitBody(MAX_BODY_BYTES);
  const letterLimit = limitBody(MAX_LETTER_BYTES);
  app.use((c, next) => (c.req.path === '/local/letters' ? letterLimit : bodyLimit)(c, next));
  // Every /api route but the document needs a signed-in officer: checked before anything else,
  // so a caller without a token learns nothing (not even which routes exist).
  app.use('/api/*', async (c, next) => {
    if (c.req.path !== OPENAPI_PATH) c.set('actor', await options.authenticate(c));
    await next();
  });

  registerSecurity(app);
  register(app);

  const methodsOn = allowed ?? allowedMethods(app);
  app.notFound((c) => {
    const methods = methodsOn(c.req.path);
    if (methods.length === 0) return errorResponse(c, new HttpError(404, 'not-found', `no route ${c.req.path}`));
    const refusal = new HttpError(405, 'method-not-allowed', `${c.req.method} is not allowed on ${c.req.path}`);
    return errorResponse(c, refusal, { allow: methods.join(', ') });
  });
  app.onError((err, c) => {
    const refusal = refusalOf(err);
    if (refusal) return errorResponse(c, refusal);
    options.onError?.({ error: errorName(err), method: c.req.method, route: c.req.routePath });
    return errorResponse(c, INTERNAL_ERROR);
  });
  return app;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

/** The methods an app serves on a path (for 405 rather than 404 on a known path). */
function allowedMethods(app: ApiApp): (path: string) => string[] {
  let routes: { method: string; path: string }[] | undefined;
  return (path) => {
    routes ??= app.routes.filter((r) => r.method !== 'ALL');
    return methodsServed(routes, path);
  };
}
