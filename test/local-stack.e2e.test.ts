/**
 * End to end on the embedded local stack: real SMTP (Python's smtplib), real
 * HTTP, the letters upload, and the API reading every case back.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { signLocalToken } from '@housing-inbox/api';
import { type LocalStack, readSecret, startLocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_AT } from './support/cases.js';

const fixtures = join(import.meta.dirname, '..', 'packages', 'channels', 'test', 'fixtures');

async function smtpSend(port: number, raw: string): Promise<void> {
  const script = [
    'import smtplib, sys',
    'raw = sys.stdin.read()',
    `s = smtplib.SMTP("127.0.0.1", ${port}, timeout=20)`,
    's.sendmail("resident@resident.example", ["contact@hightown.example"], raw.encode("utf-8"))',
    's.quit()',
  ].join('\n');
  const child = execFile('python3', ['-c', script]);
  child.stdin?.end(raw);
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`smtplib failed: ${err}`))));
  });
}

function mail(messageId: string, subject: string, body: string, extra = ''): string {
  return [
    'From: "Nora Tenant" <nora.tenant@resident.example>',
    'To: contact@hightown.example',
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Date: Tue, 01 Dec 2026 10:00:00 +0000',
    extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ]
    .filter((l, i) => l !== '' || i > 5)
    .join('\r\n');
}

describe('local stack, end to end', () => {
  let dataDir: string;
  let stack: LocalStack;
  let token: string;

  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${stack.httpUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
      redirect: 'manual',
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: text.startsWith('{') ? JSON.parse(text) : undefined,
    };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-e2e-'));
    stack = await startLocalStack({
      dataDir,
      policy: 'hightown',
      contactRateLimit: 1000,
      letterPollMs: 100,
      startAt: START_AT,
    });
    const manager = stack.officers.find((o) => o.role === 'manager');
    token = signLocalToken(manager as never, readSecret(dataDir));
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports healthy once every part is up', async () => {
    const res = await fetch(`${stack.httpUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('turns an email sent by a real SMTP client into one case, however often it is delivered', async () => {
    // Act
    const raw = mail(
      '<e2e-1@resident.example>',
      'Broken entry phone',
      'The entry phone at Elm Court has not worked for a week.',
    );
    await smtpSend(stack.smtpPort, raw);
    await smtpSend(stack.smtpPort, raw);

    // Assess
    const { body } = await api('/api/cases?queue=all');
    const cases = body.items.filter((c: { subject: string }) => c.subject === 'Broken entry phone');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      channel: 'email',
      kind: 'email',
      status: 'new',
      contact: { name: 'Nora Tenant', email: 'nora.tenant@resident.example' },
      targets: { acknowledgeBy: null, respondBy: '2026-12-15' },
    });
    const detail = await api(`/api/cases/${cases[0].ref}`);
    const inbound = detail.body.messages.filter((m: { direction: string }) => m.direction === 'inbound');
    expect(inbound).toHaveLength(1);
    expect(inbound[0].text).toContain('entry phone at Elm Court');
    expect(detail.body.timeline.map((t: { type: string }) => t.type)).toContain('case-opened');
  });

  it('threads an email reply onto its case by In-Reply-To', async () => {
    await smtpSend(
      stack.smtpPort,
      mail('<e2e-2@resident.example>', 'Parking permit', 'How do I get a parking permit?'),
    );
    await smtpSend(
      stack.smtpPort,
      mail(
        '<e2e-3@resident.example>',
        'Re: Parking permit',
        'Also for my carer, please.',
        'In-Reply-To: <e2e-2@resident.example>',
      ),
    );
    const { body } = await api('/api/cases?queue=all');
    const permit = body.items.filter((c: { subject: string }) => c.subject.includes('Parking permit'));
    expect(permit).toHaveLength(1);
    const messages = (await api(`/api/cases/${permit[0].ref}`)).body.messages;
    expect(messages.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(2);
  });

  it('accepts the web form as JSON (201 with the reference) and as an HTML post (303 to the confirmation)', async () => {
    const asJson = await api('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Wes Resident',
        phone: '07700 900321',
        message: 'When is my gas safety check?',
        preferredChannel: 'sms',
      }),
    });
    expect(asJson.status).toBe(201);
    expect(asJson.body.ref).toMatch(/^HT-2026-\d{6}$/);

    const asForm = await api('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Val Resident',
        email: 'val@resident.example',
        message: 'Please call me about my rent',
        category: 'rent',
      }),
    });
    expect(asForm.status).toBe(303);
    const location = asForm.headers.get('location') as string;
    expect(location).toMatch(/^\/contact\/confirmation\?ref=HT-2026-\d{6}/);
    const confirmation = await fetch(`${stack.httpUrl}${location}`);
    const page = await confirmation.text();
    expect(page).toContain(new URL(location, stack.httpUrl).searchParams.get('ref'));
    expect(page).toContain('We will answer by');

    const detail = await api(`/api/cases/${asJson.body.ref}`);
    expect(detail.body).toMatchObject({
      channel: 'web-form',
      contact: { phone: '+447700900321', preferredChannel: 'sms' },
    });
  });

  it('refuses an invalid web form with an error per field and opens nothing', async () => {
    const before = (await api('/api/cases?queue=all')).body.items.length;
    const res = await api('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', message: '' }),
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['name', 'message', 'email']));
    const htmlRes = await api('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=&message=',
    });
    expect(htmlRes.status).toBe(400);
    expect(htmlRes.text).toContain('There is a problem');
    expect(htmlRes.text).toContain('aria-invalid="true"');
    expect((await api('/api/cases?queue=all')).body.items.length).toBe(before);
  });

  it('takes a text message as AWS delivers it, and refuses a malformed one into quarantine', async () => {
    const sms = {
      originationNumber: '+447700900555',
      destinationNumber: '+447700900000',
      messageKeyword: 'KEYWORD',
      messageBody: 'My boiler is making a loud banging noise',
      inboundMessageId: 'e2e-sms-1',
    };
    const first = await api('/local/sms', { method: 'POST', body: JSON.stringify(sms) });
    const again = await api('/local/sms', { method: 'POST', body: JSON.stringify(sms) });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ outcome: 'created' });
    expect(again.body).toMatchObject({ outcome: 'duplicate', caseRef: first.body.caseRef });

    const bad = await api('/local/sms', { method: 'POST', body: '{"messageBody": 42}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/SMS|originationNumber|inboundMessageId/);
    const quarantine = await api('/local/quarantine');
    expect(quarantine.body.items.some((q: { reason: string }) => q.reason === bad.body.error.message)).toBe(true);
    // Managers see the same list through the API, in the cloud too.
    const viaApi = await api('/api/quarantine');
    expect(viaApi.body.items.map((q: { id: string }) => q.id)).toEqual(
      quarantine.body.items.map((q: { id: string }) => q.id),
    );
  });

  it('reads a letter PDF uploaded as multipart into a case that keeps the scan', async () => {
    const pdf = await readFile(join(fixtures, 'letter-damp-text-layer.pdf'));
    const form = new FormData();
    form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'letter.pdf');
    const res = await api('/local/letters', { method: 'POST', body: form });
    expect(res.status).toBe(202);
    expect(res.body.outcome).toBe('created');
    const detail = await api(`/api/cases/${res.body.caseRef}`);
    expect(detail.body.channel).toBe('letter');
    expect(detail.body.messages[0].text.toLowerCase()).toContain('damp');
    expect(detail.body.messages[0].attachments[0]).toMatchObject({ contentType: 'application/pdf' });
  });

  it('ingests a scan dropped into the letters folder', async () => {
    const before = (await api('/api/cases?queue=all')).body.items.length;
    const pdf = await readFile(join(fixtures, 'letter-damp-text-layer.pdf'));
    // A different file (one byte more) so it is not a duplicate of the upload above.
    const { writeFile, utimes } = await import('node:fs/promises');
    const path = join(dataDir, 'letters', 'inbox', 'dropped.pdf');
    await writeFile(path, Buffer.concat([pdf, Buffer.from('\n')]));
    const past = new Date(Date.now() - 5000);
    await utimes(path, past, past);
    await expect
      .poll(async () => (await api('/api/cases?queue=all')).body.items.length, { timeout: 15_000 })
      .toBe(before + 1);
  });

  it('keeps officers to what their role allows', async () => {
    const officer = stack.officers.find((o) => o.role === 'officer' && o.teamId === 'income');
    const officerToken = signLocalToken(officer as never, readSecret(dataDir));
    const all = await fetch(`${stack.httpUrl}/api/cases?queue=all`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    expect(all.status).toBe(403);
    const anon = await fetch(`${stack.httpUrl}/api/cases?queue=mine`);
    expect(anon.status).toBe(401);
    // An income officer reads a customer-services case (it is not restricted) but cannot take it.
    const { body } = await api('/api/cases?queue=all');
    const other = body.items.find((c: { teamId: string }) => c.teamId !== 'income');
    const peek = await fetch(`${stack.httpUrl}/api/cases/${other.ref}`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    expect(peek.status).toBe(200);
    const take = await fetch(`${stack.httpUrl}/api/cases/${other.ref}/take`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officerToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(take.status).toBe(403);
  });

  it('describes every route in an OpenAPI 3.1 document', async () => {
    const { body } = await api('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{ref}', '/contact']));
  });

  it('keeps every case across a restart', async () => {
    const before = (await api('/api/cases?queue=all')).body.items.map((c: { ref: string }) => c.ref);
    await stack.stop();
    stack = await startLocalStack({ dataDir, policy: 'hightown', contactRateLimit: 1000 });
    const after = (await api('/api/cases?queue=all')).body.items.map((c: { ref: string }) => c.ref);
    expect(after).toEqual(before);
    expect(stack.clock.now().toISOString() >= '2026-12-01T10:00:00').toBe(true);
  });
});
