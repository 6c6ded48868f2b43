/**
 * The built console, served without Vite: the local stack calls `serveConsole`
 * for every path under /console, and `ensureConsoleBuilt` once at start so
 * `npm ci && npm start` needs no separate build step. In the cloud the same
 * files go to S3 (`consoleAssets().dir`) and CloudFront adds the same headers.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const PACKAGE_DIR = resolve(import.meta.dirname, '..');
const DIST = join(PACKAGE_DIR, 'dist');
export const CONSOLE_BASE = '/console/';

/** The folder of built files (index.html, assets/…) to upload to the console bucket. */
export function consoleAssets(): { dir: string; base: string } {
  return { dir: DIST, base: CONSOLE_BASE };
}

export interface ConsoleConfig {
  auth: 'local' | 'cognito';
  /** e.g. https://housing-inbox.auth.eu-west-2.amazoncognito.com */
  cognitoDomain?: string;
  clientId?: string;
  /** e.g. https://console.example.org/console/callback */
  redirectUri?: string;
  /** Where the API lives when it is not on the console's own origin. */
  apiBaseUrl?: string;
}

/**
 * No inline script, no eval, nothing from another origin but the API and the
 * Cognito token endpoint; email HTML is sanitised and may show only our own
 * or data: images. Trusted Types make the one HTML sink (DOMPurify) explicit.
 */
export function consoleContentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connectSrc.map((s) => ` ${s}`).join('')}`,
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types dompurify',
  ].join('; ');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface ConsoleResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface ServeConsoleOptions {
  /** What /console/config.json answers when dist/ has none (the local stack: local sign-in). */
  config?: ConsoleConfig;
  /** Extra connect-src origins for the CSP (a separate API origin, the Cognito domain). */
  connectSrc?: readonly string[];
}

function securityHeaders(connectSrc: readonly string[] | undefined): Record<string, string> {
  return {
    'content-security-policy': consoleContentSecurityPolicy(connectSrc),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}

/**
 * Answers a GET for `path` (no query string) when it is the console's: a built
 * file, `config.json`, or index.html for any page path of the single-page app.
 * Returns undefined for paths outside /console so the caller routes them on.
 */
export function serveConsole(path: string, options: ServeConsoleOptions = {}): ConsoleResponse | undefined {
  if (path !== '/console' && !path.startsWith(CONSOLE_BASE)) return undefined;
  const headers = securityHeaders(options.connectSrc);
  const rel = path.slice(CONSOLE_BASE.length);
  const indexFile = join(DIST, 'index.html');
  if (!existsSync(indexFile)) {
    return {
      status: 503,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      body: 'The console has not been built yet: run `npm run build -w @housing-inbox/web`.',
    };
  }
  if (rel === 'config.json') {
    const file = join(DIST, 'config.json');
    const body = existsSync(file) ? readFileSync(file) : JSON.stringify(options.config ?? { auth: 'local' });
    return {
      status: 200,
      headers: { ...headers, 'content-type': TYPES['.json'] as string, 'cache-control': 'no-store' },
      body,
    };
  }
  // A file under dist/ (assets are content-hashed: cache them for a year).
  if (rel.includes('.') && !rel.endsWith('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rel);
    } catch {
      return notFound(headers);
    }
    const file = normalize(join(DIST, decoded));
    if (!file.startsWith(DIST + sep) || decoded.includes('\0')) return notFound(headers);
    let size = -1;
    try {
      const s = statSync(file);
      if (s.isFile()) size = s.size;
    } catch {
      // not there
    }
    if (size < 0) return notFound(headers);
    const immutable = decoded.startsWith('assets/');
    return {
      status: 200,
      headers: {
        ...headers,
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body: readFileSync(file),
    };
  }
  // Any other path is a page of the app: the same index.html, routed in the browser.
  return {
    status: 200,
    headers: { ...headers, 'content-type': TYPES['.html'] as string, 'cache-control': 'no-cache' },
    body: readFileSync(indexFile),
  };
}

function notFound(headers: Record<string, string>): ConsoleResponse {
  return {
    status: 404,
    headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: 'Not found',
  };
}

/** Everything the build reads: when any is newer than dist/, the build is stale. */
const SOURCES = ['index.html', 'src/app', 'src/build.ts', 'package.json'];

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/ is missing or older than any source of the build. */
export async function consoleBuildIsStale(): Promise<boolean> {
  const built = await stat(join(DIST, '.built')).catch(() => undefined);
  if (!built) return true;
  let newest = 0;
  for (const s of SOURCES) newest = Math.max(newest, await newestMtime(join(PACKAGE_DIR, s)));
  return newest > built.mtimeMs;
}

let building: Promise<void> | undefined;
const LOCK = join(PACKAGE_DIR, '.build-lock');

/** One build at a time across processes (test workers, a second `npm start`): a lock directory. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = await stat(LOCK).catch(() => undefined);
      // A lock left by a process that died mid-build.
      if (held && Date.now() - held.mtimeMs > 120_000) await rmdir(LOCK).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`the console build lock ${LOCK} is held: remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

/**
 * Builds the console with Vite's JS API when dist/ is missing or stale; a
 * no-op otherwise. Vite is loaded only here, never to serve.
 */
export function ensureConsoleBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  building ??= withBuildLock(async () => {
    if (!options.force && !(await consoleBuildIsStale())) return;
    const { buildConsole } = await import('./build.js');
    await buildConsole({ packageDir: PACKAGE_DIR, outDir: DIST, log: options.log });
  }).finally(() => {
    building = undefined;
  });
  return building;
}
