/**
 * Issue 10 end to end: every input in test/fixtures/cases/ingest (a copy of the shared
 * cases) goes through the real SMTP server or the HTTP routes of the local stack and does
 * what the cases' README says; with them, the variants the issue names (a 2,100-character
 * Message-ID, an item the store refuses, sender-named attachments, paged listings).
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signLocalToken } from '@housing-inbox/api';
import { type LocalStack, readSecret } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHightown } from './support/cases.js';
import { runCli } from './support/cli.js';
import { caseText, runToken, smsCase } from './support/ingest.js';
import { smtpSend } from './support/smtp.js';

const DATE = 'Tue, 01 Dec 2026 10:00:00 +0000';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked by the assertions that read them.
type Json = any;

/** The stack's HTTP API as a manager: status, headers and the JSON (or text) body. */
async function call(
  stack: LocalStack,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${stack.httpUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

function managerToken(stack: LocalStack): string {
  return signLocalToken(stack.officers.find((o) => o.role === 'manager') as never, readSecret(stack.dataDir));
}

describe('the shared ingest cases, through the running local stack', () => {
  let running: Awaited<ReturnType<typeof startHightown>> | undefined;
  let stack: LocalStack;
  let token: string;

  const api = (path: string, init: RequestInit = {}) => call(stack, token, path, init);
  const sms = (payload: unknown) => api('/local/sms', { method: 'POST', body: JSON.stringify(payload) });
  const refIn = (reply: { text: string }) => /\b(HT-\d{4}-\d{6})\b/.exec(reply.text)?.[1] as string;
  /** The outbox once the timers have caught up (they plan in the background): `count` items to `to`, or what there is. */
  const outboxFor = async (to: string, count = 1) => {
    for (let i = 0; i < (count === 0 ? 5 : 100); i++) {
      await stack.timers.idle();
      const { body } = await api('/local/outbox');
      const items = body.items.filter((m: { to: string }) => m.to === to);
      if (items.length >= count) return items;
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await api('/local/outbox')).body.items.filter((m: { to: string }) => m.to === to);
  };

  beforeAll(async () => {
    running = await startHightown('cases');
    stack = running.stack;
    token = managerToken(stack);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('01a, 01b: a neighbour quoting a resident’s reference gets a case and an acknowledgement of their own, linked', async () => {
    const RUN = runToken();
    const first = await smtpSend(stack.smtpPort, caseText('01a-case-ref-owner.eml', { RUN, DATE }));
    const REF = refIn(first);
    const second = await smtpSend(stack.smtpPort, caseText('01b-stranger-quotes-case-ref.eml', { RUN, DATE, REF }));

    expect(first.text).toMatch(/^accepted: created HT-/);
    expect(second.text).toMatch(/^accepted: created HT-/);
    const theirs = refIn(second);
    expect(theirs).not.toBe(REF);
    const mine = (await api(`/api/cases/${REF}`)).body;
    expect(mine.messages.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(1);
    expect(mine.linked).toEqual([expect.objectContaining({ ref: theirs, relation: 'mentioned-by' })]);
    expect((await api(`/api/cases/${theirs}`)).body.linked).toEqual([expect.objectContaining({ ref: REF })]);
    const ack = await outboxFor(`tom.fielding.${RUN}@example.net`);
    expect(ack).toEqual([expect.objectContaining({ purpose: 'acknowledgement', caseRef: theirs })]);
  });

  it('02a, 02b: two different emails with one Message-ID are both kept', async () => {
    const RUN = runToken();
    const a = await smtpSend(stack.smtpPort, caseText('02a-reused-message-id-first.eml', { RUN }));
    const b = await smtpSend(stack.smtpPort, caseText('02b-reused-message-id-second.eml', { RUN }));
    expect(a.text).toMatch(/^accepted: created/);
    expect(b.text).not.toMatch(/duplicate/);
    const subjects = [];
    for (const ref of new Set([refIn(a), refIn(b)])) {
      subjects.push(...(await api(`/api/cases/${ref}`)).body.messages.map((m: { subject: string }) => m.subject));
    }
    expect(subjects.join('\n')).toMatch(/Job 5512[\s\S]*Job 5519|Job 5519[\s\S]*Job 5512/);
  });

  it('04 three times: another help desk’s tickets open nothing, get nothing back, and are listed for operators', async () => {
    const RUN = runToken();
    const replies = [];
    for (const N of ['1', '2', '3'])
      replies.push(await smtpSend(stack.smtpPort, caseText('04-helpdesk-ping-pong.eml', { RUN, DATE, N })));

    expect(replies.map((r) => r.text)).toEqual(['accepted: automated', 'accepted: automated', 'accepted: automated']);
    expect(await outboxFor(`support.${RUN}@lettings.example.com`, 0)).toEqual([]);
    const first = await api('/api/automated?limit=2');
    const second = await api(`/api/automated?limit=2&next=${encodeURIComponent(first.body.next)}`);
    const listed = [...first.body.items, ...second.body.items].filter((i: { from: { email: string } }) =>
      i.from.email.includes(RUN),
    );
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatchObject({ automated: { kind: 'auto-reply', category: 'ticket-acknowledgement' } });
    expect((await api('/api/automated?next=not-a-cursor')).status).toBe(400);
  });

  it('06: a subject that splits one character across two padded base64 words reads right', async () => {
    const reply = await smtpSend(
      stack.smtpPort,
      caseText('06-split-b-encoded-word-padding.eml', { RUN: runToken(), DATE }),
    );
    const kase = (await api(`/api/cases/${refIn(reply)}`)).body;
    expect(kase.subject).toBe('Rhent wedi’i gymryd ddwywaith – ad-daliad os gwelwch yn dda');
    expect(kase.subject).not.toContain('\uFFFD');
  });

  it('09a, 09b: STOP from a resident with an open case opts the number out and opens no case; the officer’s reply is held for them to choose', async () => {
    const RUN = runToken();
    const PHONE_A = '+447700900301';
    const first = await sms(smsCase('09a-sms-first-text.json', { RUN, PHONE_A }));
    // The resident has our acknowledgement by text, then answers STOP.
    expect(await outboxFor(PHONE_A)).toEqual([expect.objectContaining({ purpose: 'acknowledgement' })]);
    const stop = await sms(smsCase('09b-sms-stop.json', { RUN, PHONE_A }));

    expect(first).toMatchObject({ status: 202, body: { outcome: 'created' } });
    expect(stop).toMatchObject({ status: 202, body: { outcome: 'opted-out', caseRef: first.body.caseRef } });
    const kase = (await api(`/api/cases/${first.body.caseRef}`)).body;
    expect(kase.contact.channelsToAvoid).toEqual(['sms']);
    expect(kase.timeline.map((t: { type: string }) => t.type)).toContain('sms-opted-out');
    const reply = await api(`/api/cases/${first.body.caseRef}/reply`, {
      method: 'POST',
      body: JSON.stringify({ body: 'The engineer comes on Monday.' }),
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toContain('no email address, mobile number or postal address we may use');
    expect((await outboxFor(PHONE_A, 0)).map((m: { purpose: string }) => m.purpose)).toEqual(['acknowledgement']);
  });

  it('09c: STOP from a number never seen is recorded, with no case and no text back', async () => {
    const PHONE_B = '+447700900302';
    const stop = await sms(smsCase('09c-sms-stop-new-number.json', { RUN: runToken(), PHONE_B }));
    expect(stop).toMatchObject({ status: 202, body: { outcome: 'opted-out' } });
    expect(stop.body.caseRef).toBeUndefined();
    expect((await stack.repository.findContactByPhone(PHONE_B))?.channelsToAvoid).toEqual(['sms']);
    expect(await outboxFor(PHONE_B, 0)).toEqual([]);
  });

  it('14a, reply, 14b: a German Exchange out-of-office leaves the answered case answered, with no acknowledgement', async () => {
    const RUN = runToken();
    const ref = refIn(await smtpSend(stack.smtpPort, caseText('14a-resident-email.eml', { RUN, DATE })));
    const jonas = `jonas.becker.${RUN}@corp.example.de`;
    expect(await outboxFor(jonas)).toHaveLength(1);
    const answered = await api(`/api/cases/${ref}/reply`, {
      method: 'POST',
      body: JSON.stringify({ body: 'Apply online; the permit takes five working days.' }),
    });
    expect(answered.body.status).toBe('answered');
    const [, ours] = await outboxFor(jonas, 2);

    const oof = await smtpSend(
      stack.smtpPort,
      caseText('14b-german-exchange-oof.eml', { RUN, DATE, REPLY_MSGID: ours.messageId, REPLY_SUBJECT: ours.subject }),
    );

    expect(oof.text).toBe(`accepted: automated ${ref}`);
    const kase = (await api(`/api/cases/${ref}`)).body;
    expect(kase).toMatchObject({ status: 'answered', responseOutcome: 'met', respondedAt: answered.body.respondedAt });
    expect(kase.timeline.map((t: { type: string }) => t.type)).toContain('automated-message-received');
    expect(await outboxFor(jonas, 0)).toHaveLength(2);
  });
});

describe('what no sender can make fail for ever, through the running local stack', () => {
  let running: Awaited<ReturnType<typeof startHightown>> | undefined;
  let stack: LocalStack;
  let token: string;
  const api = (path: string, init: RequestInit = {}) => call(stack, token, path, init);
  const mime = (headers: string[], body: string) =>
    [...headers, `Date: ${DATE}`, 'MIME-Version: 1.0', ...body.split('\n')].join('\r\n');

  beforeAll(async () => {
    running = await startHightown('hostile');
    stack = running.stack;
    token = managerToken(stack);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('files a 2,100-character Message-ID, and drops it when delivered again', async () => {
    const id = `<${'m'.repeat(2090)}@resident.example>`;
    const raw = mime(
      ['From: long@resident.example', 'Subject: Long id', `Message-ID: ${id}`],
      'Content-Type: text/plain\n\nhello',
    );
    const first = await smtpSend(stack.smtpPort, raw);
    const again = await smtpSend(stack.smtpPort, raw);
    expect(first.code).toBe(250);
    expect(first.text).toMatch(/^accepted: created/);
    expect(again.text).toMatch(/^accepted: duplicate/);
  });

  it('answers 250 “quarantined” for a message the store refuses, and lists it a page at a time', async () => {
    const huge = 'word '.repeat(30_000);
    const raw = mime(
      // The bodies go to the blob store; a subject over 400 KB fits no item.
      ['From: big@resident.example', `Subject: ${'subject '.repeat(55_000)}`, 'Message-ID: <big@resident.example>'],
      `Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n${huge}\n--b\nContent-Type: text/html\n\n<p>${huge}</p>\n--b--\n`,
    );
    const reply = await smtpSend(stack.smtpPort, raw);
    expect(reply).toEqual({ code: 250, text: 'accepted: quarantined' });
    await smtpSend(stack.smtpPort, 'not an email at all');

    const first = await api('/api/quarantine?limit=1');
    const second = await api(`/api/quarantine?limit=1&next=${encodeURIComponent(first.body.next)}`);
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect([...first.body.items, ...second.body.items].map((q: { reason: string }) => q.reason).join('\n')).toContain(
      'could not be filed',
    );
    expect((await api('/local/quarantine?limit=200')).body).toMatchObject({ next: null });
  });

  it.each([
    ['Welsh', "UTF-8''Llythyr-%C5%B5yr.pdf", 'Llythyr-ŵyr.pdf', `filename*=UTF-8''Llythyr-%C5%B5yr.pdf`],
    ['a right-to-left override', "UTF-8''invoice%E2%80%AEfdp.exe", 'invoicefdp.exe', `filename*=UTF-8''invoicefdp.exe`],
  ])('opens an attachment named in %s, its name sent per RFC 6266/5987', async (_, encoded, name, header) => {
    const run = runToken();
    const raw = mime(
      ['From: files@resident.example', `Subject: Scan ${run}`, `Message-ID: <${run}@resident.example>`],
      [
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Attached',
        '--b',
        `Content-Type: application/pdf; name*=${encoded}`,
        `Content-Disposition: attachment; filename*=${encoded}`,
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 scan').toString('base64'),
        '--b--',
        '',
      ].join('\n'),
    );
    const ref = /HT-\d{4}-\d{6}/.exec((await smtpSend(stack.smtpPort, raw)).text)?.[0];
    const kase = (await api(`/api/cases/${ref}`)).body;
    const message = kase.messages.find((m: { attachments: unknown[] }) => m.attachments.length > 0);
    expect(message.attachments[0].blobKey).toMatch(/^attachments\/[0-9a-f]{64}$/);
    const file = await fetch(`${stack.httpUrl}/api/cases/${ref}/attachments/${message.id}/0`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(header);
    expect(
      decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(file.headers.get('content-disposition') ?? '')?.[1] ?? ''),
    ).toBe(name);
  });

  it('holds a form’s new details for an officer, who confirms them with one command', async () => {
    const form = (fields: Record<string, string>) =>
      fetch(`${stack.httpUrl}/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      });
    await form({
      name: 'Ada Resident',
      email: 'ada.e2e@resident.example',
      message: 'Hello',
      preferredChannel: 'email',
    });
    const res = await form({
      name: 'Mallory',
      email: 'ada.e2e@resident.example',
      phone: '07700 900310',
      preferredChannel: 'sms',
      message: 'Text me instead',
    });
    const { ref } = (await res.json()) as { ref: string };

    const kase = (await api(`/api/cases/${ref}`)).body;
    expect(kase.contact).toMatchObject({ name: 'Ada Resident', preferredChannel: 'email' });
    expect(kase.pendingDetails.details).toEqual({ name: 'Mallory', phone: '+447700900310', preferredChannel: 'sms' });

    const confirmed = await api(`/api/cases/${ref}/confirm-details`, {
      method: 'POST',
      body: JSON.stringify({ fields: ['phone'] }),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.contact).toMatchObject({
      name: 'Ada Resident',
      phone: '+447700900310',
      preferredChannel: 'email',
    });
    expect(confirmed.body.pendingDetails.details).toEqual({ name: 'Mallory', preferredChannel: 'sms' });
  });

  describe('release from quarantine (issue 15: spam and DMARC failures are releasable)', () => {
    const run = runToken();
    const officerToken = () =>
      signLocalToken(stack.officers.find((o) => o.role === 'officer') as never, readSecret(stack.dataDir));
    const release = (id: string, as = token) =>
      call(stack, as, `/api/quarantine/${encodeURIComponent(id)}/release`, {
        method: 'POST',
        body: JSON.stringify({ note: 'A tenant: genuine' }),
      });
    /** The quarantine item whose kept payload holds `marker`. */
    const itemFor = async (marker: string) => {
      const { items } = (await api('/api/quarantine?limit=200')).body;
      for (const q of items) {
        const raw = await readFile(join(stack.dataDir, 'blobs', q.rawKey), 'utf8').catch(() => '');
        if (raw.includes(marker)) return q;
      }
      throw new Error(`nothing in quarantine holds ${marker}`);
    };
    const sentTo = async (to: string) => {
      await stack.timers.idle();
      return (await api('/local/outbox')).body.items.filter((m: { to: string }) => m.to === to);
    };
    /** `npx inbox quarantine …` against this stack, in-process. */
    async function cli(...args: string[]) {
      return runCli(stack.dataDir, 'quarantine', ...args);
    }

    it('holds spam unacknowledged; a manager’s release files it as clean, acknowledged, once, on the audit trail', async () => {
      const from = `spam-${run}@resident.example`;
      const raw = mime(
        [
          `From: ${from}`,
          `Subject: Boiler ${run}`,
          `Message-ID: <spam-${run}@resident.example>`,
          'X-SES-Spam-Verdict: FAIL',
        ],
        'Content-Type: text/plain\n\nMy boiler has stopped working, please help.',
      );
      expect(await smtpSend(stack.smtpPort, raw)).toEqual({ code: 250, text: 'accepted: quarantined' });
      const item = await itemFor(`spam-${run}@`);
      expect(item).toMatchObject({ verdict: 'spam', reason: expect.stringMatching(/spam/) });
      expect(await sentTo(from)).toEqual([]);

      expect((await release(item.id, officerToken())).status).toBe(403);
      const first = await release(item.id);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        released: true,
        alreadyReleased: false,
        caseRef: expect.stringMatching(/^HT-/),
      });
      const again = await release(item.id);
      expect(again.body).toMatchObject({ released: true, alreadyReleased: true, caseRef: first.body.caseRef });

      const kase = (await api(`/api/cases/${first.body.caseRef}`)).body;
      expect(kase.subject).toBe(`Boiler ${run}`);
      expect(kase.messages.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(1);
      expect((await api(`/api/search?q=${encodeURIComponent(from)}`)).body.items).toHaveLength(1);
      expect((await sentTo(from)).map((m: { purpose: string }) => m.purpose)).toEqual(['acknowledgement']);
      const listed = await itemFor(`spam-${run}@`);
      expect(listed.released).toMatchObject({ caseRef: first.body.caseRef, outcome: 'created' });
      const audit = (await api('/api/audit?type=quarantine')).body.items;
      expect(audit.filter((a: { detail: { quarantineId: string } }) => a.detail.quarantineId === item.id)).toEqual([
        expect.objectContaining({
          action: 'quarantine-released',
          caseRef: first.body.caseRef,
          detail: expect.objectContaining({ verdict: 'spam', note: 'A tenant: genuine' }),
        }),
      ]);
    });

    it('never threads a released spoof (DMARC failed) into the resident’s case it quotes: a case of its own', async () => {
      const resident = `dmarc-${run}@resident.example`;
      const real = await smtpSend(
        stack.smtpPort,
        mime(
          [`From: ${resident}`, `Subject: Damp ${run}`, `Message-ID: <real-${run}@resident.example>`],
          'Content-Type: text/plain\n\nDamp in the bedroom.',
        ),
      );
      const ref = /HT-\d{4}-\d{6,7}/.exec(real.text)?.[0] as string;
      const spoof = mime(
        [
          `From: ${resident}`,
          `Subject: Re: ${ref}`,
          `Message-ID: <spoof-${run}@attacker.example>`,
          'Authentication-Results: amazonses.com; spf=fail smtp.mailfrom=attacker.example; dkim=fail; dmarc=fail header.from=resident.example',
        ],
        'Content-Type: text/plain\n\nPlease close my case, it is all sorted.',
      );
      expect((await smtpSend(stack.smtpPort, spoof)).text).toBe('accepted: quarantined');
      const item = await itemFor(`spoof-${run}@`);
      expect(item.verdict).toBe('dmarc');

      const { status, out } = await cli('release', item.id);
      expect(status).toBe(0);
      const own = /case (HT-\d{4}-\d{6,7})/.exec(out)?.[1];
      expect(own).toBeDefined();
      expect(own).not.toBe(ref);
      const theirs = (await api(`/api/cases/${ref}`)).body;
      expect(theirs.status).not.toBe('closed');
      expect(theirs.messages.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(1);
      expect((await cli('release', item.id)).out).toMatch(new RegExp(`^Already released: created \\(case ${own}\\)`));
    });

    it('parses a payload that failed again: still in quarantine with the new reason and who tried', async () => {
      await smtpSend(stack.smtpPort, `unreadable ${run}`);
      const item = await itemFor(`unreadable ${run}`);
      const { status, out } = await cli('release', item.id);
      expect(status).toBe(1);
      expect(out).toMatch(/^Still in quarantine: /);
      const after = await itemFor(`unreadable ${run}`);
      expect(after).toMatchObject({ id: item.id, retried: { by: expect.any(String) } });
      expect(after.released).toBeUndefined();
      expect((await cli('release', 'no-such-id')).status).toBe(2);
    });
  });
});
