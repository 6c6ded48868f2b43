import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  consoleAssets,
  consoleBuildIsStale,
  consoleContentSecurityPolicy,
  ensureConsoleBuilt,
  serveConsole,
} from '../src/server.js';

const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body));

beforeAll(async () => {
  await ensureConsoleBuilt();
}, 120_000);

describe('serveConsole', () => {
  it('leaves every path outside /console to the caller', () => {
    for (const path of ['/', '/contact', '/api/cases', '/consoles', '/local/outbox']) {
      expect(serveConsole(path)).toBeUndefined();
    }
  });

  it.each(['/console', '/console/', '/console/cases/HT-2026-000001', '/console/outbox', '/console/callback'])(
    'answers the app page %s with index.html and a strict CSP',
    (path) => {
      const res = serveConsole(path);
      expect(res?.status).toBe(200);
      expect(res?.headers['content-type']).toMatch(/^text\/html/);
      const csp = res?.headers['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res?.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('builds an index.html with no inline script, assets under /console/', () => {
    const html = text(serveConsole('/console/')?.body ?? '');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/console\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('serves hashed assets with a long cache and their type', () => {
    const html = text(serveConsole('/console/')?.body ?? '');
    const js = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
    const res = serveConsole(js);
    expect(res?.status).toBe(200);
    expect(res?.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res?.headers['cache-control']).toContain('immutable');
    expect(text(res?.body ?? '')).toBe(readFileSync(join(consoleAssets().dir, js.replace('/console/', '')), 'utf8'));
  });

  it.each([
    '/console/assets/missing.js',
    '/console/..%2f..%2fpackage.json',
    '/console/%2e%2e/src/server.ts',
    '/console/%E0%A4%A.js',
  ])('refuses %s', (path) => {
    expect(serveConsole(path)?.status).toBe(404);
  });

  it('answers config.json with local sign-in unless told otherwise', () => {
    expect(JSON.parse(text(serveConsole('/console/config.json')?.body ?? ''))).toEqual({ auth: 'local' });
    const cognito = {
      auth: 'cognito' as const,
      cognitoDomain: 'https://x.auth.eu-west-2.amazoncognito.com',
      clientId: 'c',
      redirectUri: 'https://c.example/console/callback',
    };
    expect(JSON.parse(text(serveConsole('/console/config.json', { config: cognito })?.body ?? ''))).toEqual(cognito);
  });

  it('adds extra origins to connect-src only', () => {
    const csp = consoleContentSecurityPolicy(['https://x.auth.eu-west-2.amazoncognito.com']);
    expect(csp).toContain("connect-src 'self' https://x.auth.eu-west-2.amazoncognito.com;");
    expect(csp).toContain("script-src 'self';");
  });

  it('knows the build is fresh once built', async () => {
    expect(await consoleBuildIsStale()).toBe(false);
  });
});
