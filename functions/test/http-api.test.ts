import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApiHandler } from '../src/http-api.js';
import { cognitoClaims, type HttpOptions, httpApiEvent, residentForm } from './support/events.js';
import { invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

const manager = cognitoClaims({
  sub: '0b1e4a52-7c4f-4a41-9a7e-3f1d2a9c8e10',
  email: 'Grace.Patel@hightown.example',
  'cognito:groups': '[manager]',
});

const form = { ...residentForm, preferredChannel: 'email' };

describe('HTTP API (API Gateway v2 → router)', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createHttpApiHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createHttpApiHandler({ runtime: () => bed.runtime, logger: bed.logger });
  });
  afterAll(async () => {
    await bed.stop();
  });

  const call = async (options: HttpOptions) => {
    const result = (await invoke(
      handler,
      httpApiEvent(options),
      lambdaContext('http-api'),
    )) as APIGatewayProxyStructuredResultV2;
    const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : result.body;
    return { ...result, text: text ?? '', json: () => JSON.parse(text ?? 'null') };
  };

  it.each([
    ['form-encoded', false],
    ['form-encoded, base64 (as API Gateway passes it)', true],
  ])('accepts the resident form %s and redirects to the confirmation page', async (_label, base64) => {
    // Act
    const res = await call({
      method: 'POST',
      path: '/contact',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, message: `${form.message} (${_label})` }).toString(),
      base64,
    });

    // Assess
    expect(res.statusCode).toBe(303);
    expect(res.headers?.location).toMatch(/^\/contact\/confirmation\?ref=HT-2026-\d{6}/);
  });

  it('accepts the form as base64 JSON with 201 and the case reference', async () => {
    const res = await call({
      method: 'POST',
      path: '/contact',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...form,
        email: 'another.resident@example.net',
        message: 'Where do I send my meter reading?',
      }),
      base64: true,
    });

    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ref: expect.stringMatching(/^HT-2026-\d{6}$/) });
  });

  it('answers an incomplete form with 400 and an error per field', async () => {
    const res = await call({
      method: 'POST',
      path: '/contact',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'No Way To Reply', message: 'Hello' }),
    });

    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('email');
  });

  it('lists cases for the officer named by the JWT claims', async () => {
    // Act
    const res = await call({ path: '/api/cases', query: { queue: 'all' }, claims: manager });

    // Assess
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items[0]).toMatchObject({ ref: expect.stringMatching(/^HT-/), channel: 'web-form' });

    const one = await call({ path: `/api/cases/${items[0].ref}`, claims: manager });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      ref: items[0].ref,
      messages: [expect.objectContaining({ channel: 'web-form' })],
    });
  });

  it.each([
    ['no claims at all', undefined],
    ['a token for someone not in the directory', cognitoClaims({ email: 'stranger@example.net', sub: 'unknown' })],
    [
      'a token for an officer who has left',
      cognitoClaims({ email: 'lucy.jones@hightown.example', sub: '9c3d2b1a-2222-4a41-9a7e-3f1d2a9c8e02' }),
    ],
    [
      'a token with a manager’s verified email but a sign-in nobody linked',
      cognitoClaims({ email: 'grace.patel@hightown.example', sub: 'e0e0e0e0-3333-4a41-9a7e-3f1d2a9c8e03' }),
    ],
    [
      'a token whose email is not verified',
      cognitoClaims({
        email: 'grace.patel@hightown.example',
        email_verified: 'false',
        sub: 'y',
        'cognito:username': 'y',
      }),
    ],
  ])('answers 401 to %s', async (_label, claims) => {
    const res = await call({ path: '/api/cases', claims });

    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorised' } });
  });

  it('never lets a token raise its role above the directory', async () => {
    // Ben is an officer; his token claims the manager group.
    const res = await call({
      path: '/api/cases',
      query: { queue: 'all' },
      claims: cognitoClaims({ 'cognito:groups': '[manager]' }),
    });

    expect(res.statusCode).toBe(403);
    expect(bed.logs()).toContain('token-claims-differ-from-directory');
  });

  describe('a new sign-in, linked once by a manager', () => {
    const newSub = 'f1f1f1f1-4444-4a41-9a7e-3f1d2a9c8e04';
    const newcomer = cognitoClaims({ sub: newSub, 'cognito:username': newSub, email: 'Nia.New@hightown.example' });
    const link = (claims: Record<string, string>, id: string, body: Record<string, unknown>) =>
      call({
        method: 'POST',
        path: `/api/officers/${id}/link-sign-in`,
        claims,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      await bed.runtime.repository.putOfficer({
        id: 'nia',
        name: 'Nia New',
        email: 'nia.new@hightown.example',
        role: 'officer',
        teamId: 'customer-services',
        active: true,
      });
    });

    it('is refused until linked, and told which sign-in id a manager must link', async () => {
      const res = await call({ path: '/api/me', claims: newcomer });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toContain(newSub);
    });

    it('is linked by a manager, not by an officer', async () => {
      const ben = cognitoClaims();
      expect((await link(ben, 'nia', { cognitoSub: newSub })).statusCode).toBe(403);
      const linked = await link(manager, 'nia', { cognitoSub: newSub });
      expect(linked.statusCode).toBe(200);
      expect(linked.json()).toMatchObject({ id: 'nia' });
      expect(linked.text).not.toContain(newSub);

      const me = await call({ path: '/api/me', claims: newcomer });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ role: 'officer', officer: { id: 'nia' } });
    });

    it('never links one sign-in to two officers, nor replaces a link unasked', async () => {
      const twice = await link(manager, 'amira', { cognitoSub: newSub, replace: true });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toContain('already linked to another officer');
      const other = 'a2a2a2a2-5555-4a41-9a7e-3f1d2a9c8e05';
      expect((await link(manager, 'nia', { cognitoSub: other })).statusCode).toBe(409);
      expect((await link(manager, 'nia', { cognitoSub: other, replace: true })).statusCode).toBe(200);
      expect((await call({ path: '/api/me', claims: newcomer })).statusCode).toBe(401);
    });
  });

  it('serves the health check and the OpenAPI document without sign-in', async () => {
    const health = await call({ path: '/health' });
    const openapi = await call({ path: '/api/openapi.json' });

    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(openapi.statusCode).toBe(200);
    expect(openapi.json().openapi).toMatch(/^3\.1/);
  });

  it('keeps personal data out of the logs', async () => {
    const logs = bed.logs();
    for (const personal of ['Tomasz', 'Nowak', 'tomasz.nowak@example.net', '900432', 'Rowan Court', 'partner']) {
      expect(logs).not.toContain(personal);
    }
  });
});
