/**
 * The local routes answer only this machine's own console and programs, on
 * whatever server mounts them (`src/loopback.ts`): a loopback Host, and an
 * Origin, when there is one, that is the address the request was sent to.
 */
import { createApi, foreignRequest, type LocalPorts } from '@housing-inbox/api';
import { describe, expect, it, vi } from 'vitest';

describe('foreignRequest', () => {
  const at = (host: string, origin?: string) =>
    foreignRequest(`http://${host}/local/clock`, new Headers({ host, ...(origin ? { origin } : {}) }));

  it.each([['127.0.0.1:3000'], ['localhost:3000'], ['LOCALHOST:3000'], ['[::1]:3000'], ['127.0.0.1']])(
    'serves Host %s without an Origin',
    (host) => {
      expect(at(host)).toBeUndefined();
    },
  );

  it.each([
    ['127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['localhost:3000', 'http://localhost:3000'],
  ])('serves Host %s from its own origin', (host, origin) => {
    expect(at(host, origin)).toBeUndefined();
  });

  it.each([
    ['evil.example', undefined, 'not to "evil.example"'],
    ['localhost.evil.example:3000', undefined, 'localhost or [::1]'],
    ['127.0.0.1.evil.example', undefined, 'localhost or [::1]'],
    ['10.0.0.5:3000', undefined, 'localhost or [::1]'],
    ['127.0.0.1:3000', 'https://evil.example', 'not from "https://evil.example"'],
    ['127.0.0.1:3000', 'http://127.0.0.1:8080', 'not from "http://127.0.0.1:8080"'],
    ['127.0.0.1:3000', 'https://127.0.0.1:3000', 'own address (http://127.0.0.1:3000)'],
    ['127.0.0.1:3000', 'null', 'not from "null"'],
  ])('refuses Host %s with Origin %s', (host, origin, reason) => {
    expect(at(host, origin)).toContain(reason);
  });
});

describe('the router’s local routes', () => {
  const ports: LocalPorts = {
    ingestSms: vi.fn(),
    ingestLetter: vi.fn(),
    outbox: async () => [],
    now: () => new Date('2026-12-01T10:00:00Z'),
    moveClock: vi.fn(async () => new Date('2026-12-04T10:00:00Z')),
    tokenFor: () => 'token',
  };
  const app = createApi({
    deps: () => {
      throw new Error('not needed');
    },
    authenticate: async () => {
      throw new Error('not needed');
    },
    local: ports,
  });

  it('refuses a cross-site text/plain post to the clock before it reads the body', async () => {
    const res = await app.request('http://127.0.0.1:3000/local/clock', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ advance: 'P3D' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'foreign-origin' } });
    expect(ports.moveClock).not.toHaveBeenCalled();
  });

  it('refuses a rebound Host, and serves a loopback one', async () => {
    expect((await app.request('http://attacker.example:3000/local/clock')).status).toBe(403);
    expect((await app.request('http://127.0.0.1:3000/local/clock')).status).toBe(200);
  });
});
