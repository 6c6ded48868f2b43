/**
 * The router: every HTTP route of the product as data (path, schemas,
 * handler side by side), served by both transports — `@hono/node-server` on
 * the local stack, `hono/aws-lambda` behind API Gateway. `createApi` builds
 * every route at once (the local stack, tests, the document); the Lambda
 * builds each group of routes on its first request instead (lazy.ts), from
 * the same groups in the same order. Errors are mapped once (router.ts).
 */
import { generateDocument } from './openapi.js';
import { type ApiOptions, buildRouter } from './router.js';
import { auditRoutes } from './routes/audit.js';
import { caseRoutes } from './routes/cases.js';
import { commandRoutes } from './routes/commands.js';
import { contactRoutes } from './routes/contact.js';
import { directoryRoutes } from './routes/directory.js';
import { letterRoutes } from './routes/letters.js';
import { describeLocalRoutes, localRoutes } from './routes/local.js';
import { notificationRoutes } from './routes/notifications.js';
import { privacyRoutes } from './routes/privacy.js';
import { quarantineRoutes } from './routes/quarantine.js';
import { replyRoutes } from './routes/replies.js';
import { reportRoutes } from './routes/reports.js';
import { residentRoutes } from './routes/resident.js';
import { searchRoutes } from './routes/search.js';
import { serviceRoutes } from './routes/service.js';
import type { ApiApp, ApiDeps } from './routes/shared.js';

export type { ApiOptions } from './router.js';

/** Registers one group's routes (one module under routes/) on a router. */
export type RouteGroup = (app: ApiApp, deps: () => ApiDeps, options: ApiOptions) => void;

/**
 * Every group, in the order the router registers them (which decides the
 * document's order and, where two routes match a path, which answers). The
 * Lambda's loaders (lazy.ts `LOADERS`) name the same groups.
 */
export const ROUTE_GROUPS = {
  service: (app, _deps, options) => serviceRoutes(app, options.ready ?? (() => true)),
  cases: caseRoutes,
  search: searchRoutes,
  letters: letterRoutes,
  commands: commandRoutes,
  replies: replyRoutes,
  directory: directoryRoutes,
  reports: reportRoutes,
  quarantine: quarantineRoutes,
  audit: auditRoutes,
  privacy: privacyRoutes,
  contact: contactRoutes,
  resident: residentRoutes,
  notifications: notificationRoutes,
  // Served on the local stack only; the cloud's document describes them.
  local: (app, deps, options) => (options.local ? localRoutes(app, deps, options.local) : describeLocalRoutes(app)),
} satisfies Record<string, RouteGroup>;
export type RouteGroupName = keyof typeof ROUTE_GROUPS;

/** Resolves the adapters once, on the first call. */
export function depsOnce(options: ApiOptions): () => ApiDeps {
  let resolved: ApiDeps | undefined;
  return () => {
    resolved ??= options.deps();
    return resolved;
  };
}

/** Every route, built now. */
export function createApi(options: ApiOptions): ApiApp {
  const deps = depsOnce(options);
  return buildRouter(options, (app) => {
    for (const group of Object.values(ROUTE_GROUPS) as RouteGroup[]) group(app, deps, options);
  });
}

/** The document, without a running service (tests, the COMMANDS.md generator). */
export function openApiDocument() {
  const unavailable = () => {
    throw new Error('the document alone has no service behind it');
  };
  return generateDocument(createApi({ deps: unavailable, authenticate: unavailable }));
}

/** One served route: its method, its Hono path (`:name` a segment) and the group that registers it. */
export type RouteEntry = [method: string, path: string, group: RouteGroupName];

/**
 * Every route the cloud's router serves, in the order it registers them, each
 * with its group: what the Lambda's router (lazy.ts) dispatches on before any
 * group is built. Written to src/route-table.json by `npm run route-table -w
 * @housing-inbox/api`; test/route-table.test.ts fails when that file is stale.
 */
export function routeTable(): RouteEntry[] {
  const unavailable = () => {
    throw new Error('the route table has no service behind it');
  };
  const options: ApiOptions = { deps: unavailable, authenticate: unavailable };
  const table = new Map<string, RouteEntry>();
  for (const [name, group] of Object.entries(ROUTE_GROUPS) as [RouteGroupName, RouteGroup][]) {
    // A route's validators and middleware are entries of their own, under its method and path: listed once.
    for (const { method, path } of buildRouter(options, (app) => group(app, unavailable, options)).routes) {
      if (method !== 'ALL' && !table.has(`${method} ${path}`)) table.set(`${method} ${path}`, [method, path, name]);
    }
  }
  return [...table.values()];
}
