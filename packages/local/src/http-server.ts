/**
 * The local HTTP server: node's http carrying the router (through
 * `@hono/node-server`) and the built officer console. Binds 127.0.0.1 only,
 * and answers only this machine's own console and programs: a request with a
 * Host other than loopback (DNS rebinding) or another site's Origin (a
 * cross-site post) is refused before anything reads it, whatever its path —
 * the console, /api, /contact and /local alike.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { foreignRequest } from '@housing-inbox/api';
import { serveConsole } from '@housing-inbox/web';

interface FetchApp {
  fetch(request: Request, env: unknown): Response | Promise<Response>;
}

/** The console's files (and `/` → `/console/`): static, outside the API's router. */
function consoleResponse(request: Request): Response | undefined {
  const { pathname } = new URL(request.url);
  if (pathname === '/') return new Response(null, { status: 302, headers: { location: '/console/' } });
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  if (pathname !== '/console' && !pathname.startsWith('/console/')) return undefined;
  const asset = serveConsole(pathname);
  return asset && new Response(request.method === 'HEAD' ? null : asset.body, asset);
}

/** 403 for a request that is not this machine's own (`foreignRequest` in @housing-inbox/api says why). */
function foreign(request: Request): Response | undefined {
  const refusal = foreignRequest(request.url, request.headers);
  if (!refusal) return undefined;
  const body = JSON.stringify({ error: { code: 'foreign-origin', message: refusal } });
  return new Response(body, {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(app: FetchApp, port: number): Promise<HttpServer> {
  const listener = getRequestListener(
    (request, env) => foreign(request) ?? consoleResponse(request) ?? app.fetch(request, env),
    {
      // Leave node's own Request and Response alone: the rest of the process uses them too.
      overrideGlobalObjects: false,
    },
  );
  const server: Server = createServer(listener);
  const bound = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
  return {
    port: bound,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
