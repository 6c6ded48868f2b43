/**
 * Issue 14, items 6 and 7, end to end on the local stack through the HTTP API:
 * the reply preview is exactly what the outbox then holds, reply templates
 * come filled with the landlord's phone number, an overdue case can still ask
 * a department (with the new date the resident was told), and managers get
 * the overdue and at-risk list.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hightownStack } from './support/cases.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

const MANAGER = 'hightown-manager';
const OFFICER = 'customer-services-officer-1';

interface OutboxItem {
  channel: string;
  to: string;
  subject: string;
  body: string;
  caseRef: string;
  purpose: string;
}

describe('replying well, and overdue cases still worked', () => {
  let dataDir: string;
  let stack: LocalStack;
  const api = apiAs(() => stack);
  const outbox = async (ref: string) =>
    ((await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as { items: OutboxItem[] }).items.filter(
      (i) => i.caseRef === ref && i.purpose === 'reply',
    );
  const sms = async (id: string, text: string) => {
    const res = await fetch(`${stack.httpUrl}/local/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        originationNumber: '+447700900123',
        destinationNumber: '+447700900000',
        messageKeyword: 'KEYWORD',
        messageBody: text,
        inboundMessageId: id,
      }),
    });
    return ((await res.json()) as { caseRef: string }).caseRef;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-replying-'));
    stack = await hightownStack(dataDir);
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives the landlord’s phone number from the policy on the resident form', async () => {
    const page = await fetch(`${stack.httpUrl}/contact`).then((r) => r.text());
    expect(page).toContain('call <a href="tel:01214960000">0121 496 0000</a>.');
  });

  it('previews a text message as the resident gets it, then sends exactly that', async () => {
    const ref = await sms('reply-sms-1', 'When is someone coming to fix my front door lock?');
    const templates = await api(MANAGER, 'GET', `/api/cases/${ref}/reply/templates`);
    expect(templates.status).toBe(200);
    const booked = templates.body.items.find((t: { id: string }) => t.id === 'repair-booked');
    expect(booked.body).toContain('call us on 0121 496 0000');
    expect(booked.body).toContain(`quote ${ref}`);

    const body = 'We’ve booked the locksmith for Tuesday 8 December, 8am to 12pm.';
    const preview = await api(MANAGER, 'POST', `/api/cases/${ref}/reply/preview`, { body });
    expect(preview.status).toBe(200);
    expect(preview.body.parts).toHaveLength(1);
    const [part] = preview.body.parts;
    expect(part).toMatchObject({ channel: 'sms', to: '+447700900123', body });
    expect(part.length).toMatchObject({
      encoding: 'UCS-2',
      characters: body.length,
      segments: 1,
      nonGsmCharacters: ['’'],
    });
    expect(await outbox(ref)).toEqual([]);

    const sent = await api(MANAGER, 'POST', `/api/cases/${ref}/reply`, { body });
    expect(sent.status).toBe(200);
    const items = await outbox(ref);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channel: part.channel, to: part.to, body: part.body });
  });

  it('previews a complaint reply by email with the subject as sent and the next steps the product adds', async () => {
    const { caseRef: ref } = await ingestEmail(
      stack,
      rawEmail({
        id: 'reply-complaint-1',
        subject: 'Formal complaint',
        body: 'I want to make a formal complaint about how my repair was handled.',
        from: '"Rosa Resident" <rosa.replies@resident.example>',
      }),
    );
    const kase = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
    expect(kase.kind).toBe('complaint-stage-1');
    const input = { subject: 'Our response to your complaint', body: 'We uphold your complaint.' };
    const preview = await api(MANAGER, 'POST', `/api/cases/${ref}/reply/preview`, input);
    const [part] = preview.body.parts;
    expect(part).toMatchObject({ channel: 'email', to: 'rosa.replies@resident.example' });
    expect(part.subject).toBe(`Our response to your complaint [${ref}]`);
    expect(part.body).toMatch(/^We uphold your complaint\.\n\nWhat you can do next: /);

    await api(MANAGER, 'POST', `/api/cases/${ref}/reply`, input);
    const [item] = await outbox(ref);
    expect(item).toMatchObject({ channel: 'email', to: part.to, subject: part.subject, body: part.body });
  });

  it('says why a reply could not be sent yet, and refuses a preview with no text in the officer’s words', async () => {
    const ref = await sms('reply-sms-2', 'My bath tap drips all night');
    await api(MANAGER, 'POST', `/api/cases/${ref}/requests`, {
      department: 'property-services',
      question: 'When can a plumber go?',
      dueBy: '2026-12-04',
    });
    const preview = await api(MANAGER, 'POST', `/api/cases/${ref}/reply/preview`, { body: 'Soon.' });
    expect(preview.body.blockedBy).toMatch(/^waiting for Property Services/);
    const empty = await api(MANAGER, 'POST', `/api/cases/${ref}/reply/preview`, { body: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ body: 'Write the reply' });
  });

  it('lets an overdue case ask a department past its target, recording the date the resident was told', async () => {
    const { caseRef: ref } = await ingestEmail(
      stack,
      rawEmail({
        id: 'overdue-1',
        subject: 'Parking permit',
        body: 'Can my carer have a parking permit?',
        from: '"Ola Overdue" <ola@resident.example>',
      }),
    );
    const before = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
    const target = before.effectiveRespondBy as string;
    // Within the target a request is still due by it.
    const early = await api(MANAGER, 'POST', `/api/cases/${ref}/requests`, {
      department: 'housing-management',
      question: 'Is there a bay?',
      dueBy: '2026-12-31',
    });
    expect(early.status).toBe(400);
    expect(Object.keys(early.body.error.fields)).toEqual(['dueBy']);

    await stack.clock.set(new Date('2026-12-17T10:00:00Z'));
    const overdue = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
    expect(overdue.overdue).toBe(true);
    const question = { department: 'housing-management', question: 'Is there a bay?', dueBy: '2026-12-21' };
    const noDate = await api(MANAGER, 'POST', `/api/cases/${ref}/requests`, question);
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.fields.newReplyDate).toMatch(/has passed: give the new reply date you told the resident/);
    const tooEarly = await api(MANAGER, 'POST', `/api/cases/${ref}/requests`, {
      ...question,
      newReplyDate: '2026-12-18',
    });
    expect(tooEarly.body.error.fields.newReplyDate).toMatch(/on or after the department’s due date/);

    const asked = await api(MANAGER, 'POST', `/api/cases/${ref}/requests`, { ...question, newReplyDate: '2026-12-23' });
    expect(asked.status).toBe(200);
    expect(asked.body.requests).toEqual([expect.objectContaining({ dueBy: '2026-12-21', status: 'open' })]);
    expect(asked.body.lastPromised).toMatchObject({ date: '2026-12-23', source: 'told-with-request' });
    // The missed target stays missed: the new date is what the resident was told, not a new target.
    expect(asked.body.effectiveRespondBy).toBe(target);
    expect(asked.body.overdue).toBe(true);
    expect(asked.body.timeline.map((e: { type: string }) => e.type)).toContain('reply-date-promised');

    const atRisk = await api(MANAGER, 'GET', '/api/at-risk');
    expect(atRisk.status).toBe(200);
    expect(atRisk.body.items.map((c: { ref: string }) => c.ref)).toContain(ref);
    expect(
      atRisk.body.items.every(
        (c: { overdue: boolean; workingDaysLeft: number | null }) => c.overdue || (c.workingDaysLeft ?? 0) <= 1,
      ),
    ).toBe(true);
    expect((await api(OFFICER, 'GET', '/api/at-risk')).status).toBe(403);
  });
});
