/**
 * Which route a request is for, without building any: paths as the router
 * sees them and routes' paths as patterns. Imports nothing of the routes, zod
 * or the OpenAPI library (the Lambda's router dispatches with it at import).
 */
import { getPath } from 'hono/utils/url';

/** The document's path: the one `/api` route open without signing in. */
export const OPENAPI_PATH = '/api/openapi.json';

/** `/api/cases/` is `/api/cases`: trailing slashes never change the route. */
export function pathWithoutTrailingSlash(request: Request): string {
  const path = getPath(request);
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

const patterns = new Map<string, RegExp>();
/** A route's Hono path (`/api/cases/:ref`, a `:name` one segment) as the request paths it matches. */
export function routePattern(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    pattern = new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

/** The methods of `routes` that match `path`, each once, in the routes' order (a 405's `allow`). */
export function methodsServed(routes: readonly { method: string; path: string }[], path: string): string[] {
  return [...new Set(routes.filter((r) => routePattern(r.path).test(path)).map((r) => r.method))];
}
