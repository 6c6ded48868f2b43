/**
 * The local HTTP server: node's http carrying the router (through
 * `@hono/node-server`) and the built officer console. Binds 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
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

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(app: FetchApp, port: number): Promise<HttpServer> {
  const listener = getRequestListener((request, env) => consoleResponse(request) ?? app.fetch(request, env), {
    // Leave node's own Request and Response alone: the rest of the process uses them too.
    overrideGlobalObjects: false,
  });
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
