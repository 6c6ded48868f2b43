/**
 * The router's own behaviour, whichever transport carries it: sign-in first,
 * 404 and 405, validation answered in the one error body, body limits, the
 * resident form's refusals, health, and 500s that say nothing.
 */
import { type ApiDeps, type ApiOptions, AuthError, createApi } from '@housing-inbox/api';
import { type CaseWithHistory, CommandError, ManualClock, type Officer } from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const manager: Officer = {
  id: 'grace',
  name: 'Grace Patel',
  email: 'grace@hightown.example',
  role: 'manager',
  teamId: 'customer-services',
  active: true,
};

const found: CaseWithHistory = {
  case: {
    ref: 'HT-2026-000001',
    policyId: 'hightown',
    channel: 'email',
    kind: 'email',
    classification: { category: 'service-request', kind: 'email', reason: 'default', decidedBy: 'system' },
    status: 'new',
    ownerId: 'grace',
    teamId: 'customer-services',
    contactId: 'c1',
    subject: 'Leaking tap',
    receivedAt: '2026-12-01T10:00:00.000Z',
    targets: { clockStarts: '2026-12-01', acknowledgeBy: null, respondBy: '2026-12-15' },
    restricted: false,
    lastMessageAt: '2026-12-01T10:00:00.000Z',
    messageCount: 1,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
  },
  messages: [
    {
      id: 'm1',
      caseRef: 'HT-2026-000001',
      direction: 'inbound',
      channel: 'email',
      receivedAt: '2026-12-01T10:00:00.000Z',
      from: { name: 'Rosa Resident' },
      to: [],
      text: 'The tap leaks',
      html: '<p>The tap leaks</p>',
      attachments: [
        { filename: 'photo "1".png', contentType: 'image/png', size: 3, blobKey: 'b/1', inline: false },
        { filename: 'notes.html', contentType: 'text/html', size: 3, blobKey: 'b/2', inline: false },
      ],
      threading: { inReplyTo: [], references: [] },
    },
  ],
  timeline: [],
  requests: [],
};

function setUp(overrides: Partial<ApiOptions> = {}) {
  const commands = {
    take: vi.fn(async () => found),
    reassign: vi.fn(async () => found),
    close: vi.fn(async (): Promise<CaseWithHistory> => {
      throw new CommandError('conflict', 'HT-2026-000001 is closed: reopen it first');
    }),
  };
  const repository = {
    listOfficers: async () => [manager],
    getOfficer: async () => manager,
    getCaseWithHistory: async (ref: string) => (ref === found.case.ref ? found : undefined),
    listQuarantine: vi.fn(async () => []),
  };
  const deps = vi.fn(
    (): ApiDeps =>
      ({
        policy: presets.hightown,
        repository,
        clock: new ManualClock('2026-12-02T10:00:00Z'),
        blobs: { get: async (key: string) => ({ body: new TextEncoder().encode(`<${key}>`), contentType: 'x' }) },
        services: { commands, submitContact: vi.fn(), logNewContact: vi.fn(), officers: {} },
      }) as never,
  );
  const onError = vi.fn();
  const app = createApi({
    deps,
    authenticate: async (c) => {
      if (c.req.header('authorization') !== 'Bearer grace') throw new AuthError('missing bearer token');
      return { officerId: 'grace', role: 'manager', teamId: 'customer-services' };
    },
    onError,
    ...overrides,
  });
  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}, signedIn = true) =>
    app.request(path, {
      ...init,
      headers: { ...(signedIn ? { authorization: 'Bearer grace' } : {}), ...init.headers },
    });
  return { app, call, commands, deps, onError, repository };
}

describe('the router', () => {
  let t: ReturnType<typeof setUp>;
  beforeEach(() => {
    t = setUp();
  });

  it('asks for sign-in on every /api route but the document, known or not, before anything else', async () => {
    for (const path of ['/api/me', '/api/nowhere', '/api/cases/HT-2026-000001/reassign']) {
      const res = await t.call(path, { method: 'POST', body: '{}' }, false);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthorised', message: 'missing bearer token' } });
    }
    expect((await t.call('/api/openapi.json', {}, false)).status).toBe(200);
  });

  it('answers 404 in JSON for an unknown route, and 405 for a known path with the wrong method', async () => {
    const unknown = await t.call('/nowhere');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not-found' } });

    const wrong = await t.call('/api/cases', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(await wrong.json()).toMatchObject({ error: { code: 'method-not-allowed' } });
    expect((await t.call('/api/cases/HT-2026-000001/take')).status).toBe(405);
    expect((await t.call('/contact', { method: 'PUT' })).status).toBe(405);
    expect((await t.call('/api/cases/HT-2026-000001/no-such-command', { method: 'POST' })).status).toBe(404);
  });

  it('treats a bad path segment as no such route', async () => {
    expect((await t.call('/api/cases/HT 2026/take', { method: 'POST' })).status).toBe(404);
    expect((await t.call('/api/cases/HT-2026-000001/attachments/m1/first')).status).toBe(404);
  });

  it('ignores trailing slashes', async () => {
    expect((await t.call('/api/me/')).status).toBe(200);
    expect((await t.call('/api/me//')).status).toBe(200);
  });

  it('puts the security headers on every answer, JSON as UTF-8', async () => {
    for (const [path, referrer] of [
      ['/api/me', 'no-referrer'],
      ['/nowhere', 'no-referrer'],
      // The form's pages keep the referrer on the landlord's own site, so their posts carry a real Origin.
      ['/contact', 'same-origin'],
    ]) {
      const res = await t.call(path as string);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe(referrer);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await t.call('/api/me')).headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await t.call('/contact')).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('checks a command’s body against its schema and names each problem in plain words', async () => {
    const res = await t.call('/api/cases/HT-2026-000001/reassign', { method: 'POST', body: '{"reason":"  "}' });

    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid',
        message: 'Choose the officer who will own the case',
        fields: { ownerId: 'Choose the officer who will own the case', reason: 'Give a reason' },
      },
    });
    expect(t.commands.reassign).not.toHaveBeenCalled();
  });

  it('hands the command its parsed input', async () => {
    const res = await t.call('/api/cases/HT-2026-000001/reassign', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ownerId: ' amira ', reason: ' cover ' }),
    });

    expect(res.status).toBe(200);
    expect(t.commands.reassign).toHaveBeenCalledWith(expect.anything(), 'HT-2026-000001', {
      ownerId: 'amira',
      reason: 'cover',
    });
    const body = (await res.json()) as { messages: object[] };
    expect(body).toMatchObject({ ref: 'HT-2026-000001', workingDaysLeft: 9, overdue: false });
    expect(body.messages[0]).not.toHaveProperty('html');
  });

  it.each([
    ['no body and no content type', undefined, undefined],
    ['an empty JSON body', '', 'application/json'],
    ['JSON sent as text/plain', '{}', 'text/plain;charset=UTF-8'],
  ])('reads a command body as JSON whatever the content type says: %s', async (_label, body, type) => {
    const res = await t.call('/api/cases/HT-2026-000001/take', {
      method: 'POST',
      body,
      headers: type ? { 'content-type': type } : {},
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['not JSON', '{oops', 'the body is not valid JSON'],
    ['not an object', '[1]', 'the body must be a JSON object'],
  ])('refuses a body that is %s', async (_label, body, message) => {
    const res = await t.call('/api/cases/HT-2026-000001/take', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid-json', message } });
  });

  it('names a bad query parameter in the code, as before', async () => {
    const res = await t.call('/api/cases?queue=everything');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-queue', fields: { queue: expect.any(String) } } });
    expect((await t.call('/api/reports/monthly?month=december')).status).toBe(400);
  });

  it('maps a command’s refusal onto its status', async () => {
    const res = await t.call('/api/cases/HT-2026-000001/close', { method: 'POST', body: '{"reason":"done"}' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: 'conflict', message: 'HT-2026-000001 is closed: reopen it first' },
    });
  });

  it('answers 413 for a body over 1 MB', async () => {
    const res = await t.call('/api/cases/HT-2026-000001/notes', {
      method: 'POST',
      body: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'too-large' } });
  });

  it('serves an attachment inline only when it is an image or a PDF, sandboxed and never cached', async () => {
    const image = await t.call('/api/cases/HT-2026-000001/attachments/m1/0');
    expect(image.status).toBe(200);
    expect(Object.fromEntries(image.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': `inline; filename="photo _1_.png"; filename*=UTF-8''photo%20%221%22.png`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(await image.text()).toBe('<b/1>');
    const page = await t.call('/api/cases/HT-2026-000001/attachments/m1/1');
    expect(page.headers.get('content-type')).toBe('application/octet-stream');
    expect(page.headers.get('content-disposition')).toBe(
      `attachment; filename="notes.html"; filename*=UTF-8''notes.html`,
    );
    expect((await t.call('/api/cases/HT-2026-000001/attachments/m1/2')).status).toBe(404);
  });

  it('answers a failure with a plain 500, telling onError the error’s name and route only', async () => {
    t.repository.listQuarantine.mockRejectedValueOnce(new TypeError('Rosa Resident, 12 Rowan Court'));

    const res = await t.call('/api/quarantine');

    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('Rosa');
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal-error', message: 'something went wrong; nothing was lost, please try again' },
    });
    expect(t.onError).toHaveBeenCalledWith({ error: 'TypeError', method: 'GET', route: '/api/quarantine' });
  });

  it('resolves its dependencies once, on first use, and not for /health or the document', async () => {
    await t.call('/health');
    await t.call('/api/openapi.json');
    expect(t.deps).not.toHaveBeenCalled();
    await t.call('/api/me');
    await t.call('/api/me');
    expect(t.deps).toHaveBeenCalledTimes(1);
  });
});

describe('the resident form’s refusals', () => {
  it('answers 429 to an address that has sent too many', async () => {
    const allowContact = vi.fn(() => false);
    const { call } = setUp({ allowContact, clientAddress: () => '203.0.113.9' });
    const res = await call('/contact', { method: 'POST', body: 'name=x' });
    expect(res.status).toBe(429);
    expect(allowContact).toHaveBeenCalledWith('203.0.113.9');
  });

  it('answers 413 to a form over 32 KB and 415 to one that is neither a form nor JSON', async () => {
    const { call } = setUp();
    const big = await call('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `message=${'x'.repeat(33 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: 'too-large', message: 'the form is too large' } });
    const xml = await call('/contact', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<form/>' });
    expect(xml.status).toBe(415);
  });

  it('refuses a confirmation page for something that is not a case reference', async () => {
    const { call } = setUp();
    const res = await call('/contact/confirmation?ref=<script>');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-ref' } });
  });
});

describe('/health', () => {
  it('answers 503 until every part is ready', async () => {
    let ready = false;
    const { call } = setUp({ ready: () => ready });
    const starting = await call('/health', {}, false);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting' });
    ready = true;
    const up = await call('/health', {}, false);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok' });
  });
});
