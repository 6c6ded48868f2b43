/**
 * The local stack answers only its own machine (issue 12, item 3): DNS
 * rebinding arrives with a foreign Host, a cross-site post with a foreign
 * Origin, and both are refused on every path — /local, /api, /contact and the
 * console — while curl-like clients (loopback Host, no Origin) and the
 * console's own pages keep working. Requests go through node:http so the test
 * can send any Host it likes, as a rebound browser would.
 */

import { request } from 'node:http';
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHightown } from './support/cases.js';
import { apiAs } from './support/http.js';

interface Sent {
  method?: string;
  path: string;
  host?: string;
  origin?: string;
  contentType?: string;
  body?: string;
  token?: string;
}

describe('local stack: loopback Host and own Origin only', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  let port: number;
  const api = apiAs(() => stack);

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('origin'));
    port = Number(new URL(stack.httpUrl).port);
  });
  afterAll(async () => {
    await stop?.();
  });

  /** One request to the stack's socket, with exactly the Host and Origin given. */
  function send({ method = 'GET', path, host, origin, contentType, body, token }: Sent) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers: Record<string, string> = { host: host ?? `127.0.0.1:${port}` };
      if (origin) headers.origin = origin;
      if (contentType) headers['content-type'] = contentType;
      if (token) headers.authorization = `Bearer ${token}`;
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const now = async () => Date.parse(JSON.parse((await send({ path: '/local/clock' })).text).now);
  const caseCount = async () =>
    (await api('hightown-manager', 'GET', '/api/cases?queue=all&limit=200')).body.items.length;
  const signIn = (extra: Partial<Sent>) =>
    send({
      method: 'POST',
      path: '/local/sign-in',
      contentType: 'application/json',
      body: JSON.stringify({ officerId: 'hightown-manager' }),
      ...extra,
    });

  it.each([
    ['a rebound name', 'attacker.example'],
    ['a rebound name with the port', 'attacker.example:3000'],
    ['a LAN address', '192.168.1.20:3000'],
    ['a name that only starts like localhost', 'localhost.attacker.example'],
    ['no port but a path trick', '127.0.0.1.nip.io'],
  ])('refuses a manager token to %s in Host (DNS rebinding)', async (_label, host) => {
    const res = await signIn({ host });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('token');
    expect(JSON.parse(res.text).error).toMatchObject({
      code: 'foreign-origin',
      message: expect.stringContaining('127.0.0.1, localhost or [::1]'),
    });
  });

  it.each([
    ['the officer API', '/api/me'],
    ['the console', '/console/'],
    ['the resident form', '/contact'],
    ['the outbox', '/local/outbox'],
  ])('refuses %s to a rebound Host too', async (_label, path) => {
    expect((await send({ path, host: 'attacker.example' })).status).toBe(403);
  });

  it('refuses a cross-site text/plain post that would move the clock, saying why', async () => {
    const before = await now();
    const res = await send({
      method: 'POST',
      path: '/local/clock',
      origin: 'https://attacker.example',
      contentType: 'text/plain',
      body: JSON.stringify({ advance: 'P3D' }),
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error.message).toContain('"https://attacker.example"');
    // The clock runs on by itself; it did not jump three days.
    expect((await now()) - before).toBeLessThan(60_000);
  });

  it.each([
    ['another site', 'https://attacker.example'],
    ['another program on this machine', `http://127.0.0.1:${9}`],
    ['localhost for a 127.0.0.1 console', 'http://localhost'],
    ['a sandboxed page', 'null'],
  ])('refuses a cross-site post from %s that would open a case', async (_label, origin) => {
    const before = await caseCount();
    const form = new URLSearchParams({ name: 'Mallory', email: 'm@attacker.example', message: 'Spam case' });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await send({ method: 'POST', path: '/contact', origin, contentType, body: form.toString() });
      expect(res.status).toBe(403);
    }
    const sms = await send({
      method: 'POST',
      path: '/local/sms',
      origin,
      contentType: 'text/plain',
      body: JSON.stringify({
        originationNumber: '+447700900111',
        destinationNumber: '+447700900999',
        messageBody: 'Hi',
        inboundMessageId: 'x-site',
      }),
    });
    expect(sms.status).toBe(403);
    expect(await caseCount()).toBe(before);
  });

  it.each([
    ['127.0.0.1 with the port, no Origin (curl)', () => ({ host: `127.0.0.1:${port}` })],
    ['localhost with the port, no Origin', () => ({ host: `localhost:${port}` })],
    ['[::1] with the port, no Origin', () => ({ host: `[::1]:${port}` })],
    ['localhost without a port', () => ({ host: 'localhost' })],
    ['the console’s own origin', () => ({ origin: `http://127.0.0.1:${port}` })],
    [
      'the console’s own origin, as localhost',
      () => ({ host: `localhost:${port}`, origin: `http://localhost:${port}` }),
    ],
  ])('serves %s', async (_label, extra) => {
    const res = await signIn(extra());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).token).toBeTruthy();
  });

  it('lets the console (its own origin) move the clock and the form open a case', async () => {
    const origin = `http://127.0.0.1:${port}`;
    const moved = await send({
      method: 'POST',
      path: '/local/clock',
      origin,
      contentType: 'application/json',
      body: JSON.stringify({ advance: 'PT1H' }),
    });
    expect(moved.status).toBe(200);
    const form = new URLSearchParams({ name: 'Rosa', email: 'rosa@resident.example', message: 'My own form' });
    const posted = await send({
      method: 'POST',
      path: '/contact',
      origin,
      contentType: 'application/x-www-form-urlencoded',
      body: form.toString(),
    });
    expect(posted.status).toBe(303);
  });
});
