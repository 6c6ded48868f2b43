/**
 * The Lambda's router (`createLazyApi`) is the router: the router's own tests
 * (router.test.ts, letters.test.ts) run here again, unchanged, with every
 * `createApi` they make replaced by a lazy router over the same options. And
 * a request builds only its own group of routes; the route table it
 * dispatches on is the router's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiOptions } from '@housing-inbox/api';
import { describe, expect, it, vi } from 'vitest';
import { createApi, openApiDocument, ROUTE_GROUPS, routeTable } from '../src/app.js';
import { createLazyApi, LAZY_GROUPS, type LazyApi } from '../src/lazy.js';

/** The lazy router as the tests call a Hono app: `request(path, init)` against http://localhost. */
function asApp(lazy: LazyApi) {
  return {
    lazy,
    request: (path: string, init?: RequestInit) => lazy.fetch(new Request(new URL(path, 'http://localhost'), init)),
  };
}

vi.mock('@housing-inbox/api', async (importOriginal) => {
  const api = await importOriginal<typeof import('@housing-inbox/api')>();
  return { ...api, createApi: (options: ApiOptions) => asApp(api.createLazyApi(options)) };
});

await import('./router.test.js');
await import('./letters.test.js');

const unavailable = () => {
  throw new Error('no service behind this test');
};
const signedIn: ApiOptions = {
  deps: unavailable,
  authenticate: async () => ({ officerId: 'grace', role: 'manager', teamId: 'customer-services' }),
};

describe('the lazy router', () => {
  it('dispatches on the router’s own routes, in its order (run `npm run route-table -w @housing-inbox/api`)', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '../src/route-table.json'), 'utf8'));
    expect(file).toEqual(routeTable());
    // Every route the full router serves, once, and no other.
    const served = new Set(
      createApi(signedIn)
        .routes.filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`),
    );
    expect(new Set(file.map(([method, path]: string[]) => `${method} ${path}`))).toEqual(served);
    expect(LAZY_GROUPS).toEqual(Object.keys(ROUTE_GROUPS));
  });

  it('builds nothing until a request, then only the group of routes that request is for', async () => {
    const app = createLazyApi(signedIn);
    expect(app.built()).toEqual([]);
    expect((await app.fetch(new Request('http://localhost/health'))).status).toBe(200);
    expect(app.built()).toEqual(['service']);
    // A refusal by the route's schema is the route's group's, built for it.
    expect((await app.fetch(new Request('http://localhost/api/audit?limit=many'))).status).toBe(400);
    expect(app.built()).toEqual(['service', 'audit']);
    // No route: the same sign-in check, 404 and 405, without building a group.
    expect((await app.fetch(new Request('http://localhost/nowhere'))).status).toBe(404);
    expect((await app.fetch(new Request('http://localhost/api/search', { method: 'DELETE' }))).status).toBe(405);
    expect(app.built()).toEqual(['service', 'audit', 'none']);
  });

  it('serves the document every route makes, exactly as the full router does', async () => {
    const app = createLazyApi({ ...signedIn, authenticate: unavailable });
    const res = await app.fetch(new Request('http://localhost/api/openapi.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(app.built()).toEqual(['all']);
  });

  it('is the cloud’s: the local stack, which has its own routes, builds every route with createApi', () => {
    expect(() => createLazyApi({ ...signedIn, local: {} as never })).toThrow(/createApi/);
  });
});
