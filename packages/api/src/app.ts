/**
 * The router: every HTTP route of the product as data (path, schemas,
 * handler side by side), built once per process and served by both
 * transports — `@hono/node-server` on the local stack, `hono/aws-lambda`
 * behind API Gateway. Errors are mapped here, once.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Principal } from './auth.js';
import { errorResponse, HttpError, INTERNAL_ERROR, refusalOf, validationHook } from './errors.js';
import { limitBody, MAX_BODY_BYTES, pathWithoutTrailingSlash, securityHeaders } from './http.js';
import { generateDocument, registerSecurity } from './openapi.js';
import { auditRoutes } from './routes/audit.js';
import { caseRoutes } from './routes/cases.js';
import { commandRoutes } from './routes/commands.js';
import { type ContactOptions, contactRoutes } from './routes/contact.js';
import { directoryRoutes } from './routes/directory.js';
import { letterRoutes } from './routes/letters.js';
import { describeLocalRoutes, type LocalPorts, localRoutes, MAX_LETTER_BYTES } from './routes/local.js';
import { notificationRoutes } from './routes/notifications.js';
import { privacyRoutes } from './routes/privacy.js';
import { quarantineRoutes } from './routes/quarantine.js';
import { replyRoutes } from './routes/replies.js';
import { reportRoutes } from './routes/reports.js';
import { residentRoutes } from './routes/resident.js';
import { searchRoutes } from './routes/search.js';
import { OPENAPI_PATH, serviceRoutes } from './routes/service.js';
import type { ApiApp, ApiDeps, ApiEnv } from './routes/shared.js';

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

export function createApi(options: ApiOptions): ApiApp {
  let resolved: ApiDeps | undefined;
  const deps = () => {
    resolved ??= options.deps();
    return resolved;
  };
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
  serviceRoutes(app, options.ready ?? (() => true));
  caseRoutes(app, deps);
  searchRoutes(app, deps);
  letterRoutes(app, deps);
  commandRoutes(app, deps);
  replyRoutes(app, deps);
  directoryRoutes(app, deps);
  reportRoutes(app, deps);
  quarantineRoutes(app, deps);
  auditRoutes(app, deps);
  privacyRoutes(app, deps);
  contactRoutes(app, deps, options);
  residentRoutes(app, deps);
  notificationRoutes(app, deps);
  if (options.local) localRoutes(app, deps, options.local);
  else describeLocalRoutes(app);

  const allowed = allowedMethods(app);
  app.notFound((c) => {
    const methods = allowed(c.req.path);
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

/** The methods the app serves on a path (for 405 rather than 404 on a known path). */
function allowedMethods(app: ApiApp): (path: string) => string[] {
  let routes: { method: string; pattern: RegExp }[] | undefined;
  return (path) => {
    routes ??= app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, pattern: new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`) }));
    return [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
  };
}

/** The document, without a running service (tests, the COMMANDS.md generator). */
export function openApiDocument() {
  const unavailable = () => {
    throw new Error('the document alone has no service behind it');
  };
  return generateDocument(createApi({ deps: unavailable, authenticate: unavailable }));
}
