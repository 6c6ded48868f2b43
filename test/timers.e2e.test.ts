/**
 * Issue 5 end to end on the local stack: the acknowledgement goes at once, a
 * missed target brings exactly one delay update, and a restart loses no timer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hightownStack, START_AT } from './support/cases.js';
import { apiAs, type OutboxItem } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

describe('timers that keep promises, on the local stack', () => {
  let dataDir: string;
  let stack: LocalStack;
  let ref: string;

  const outbox = async (): Promise<OutboxItem[]> =>
    ((await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as { items: OutboxItem[] }).items.filter(
      (i) => i.caseRef === ref,
    );
  const moveClock = (set: string) =>
    fetch(`${stack.httpUrl}/local/clock`, { method: 'POST', body: JSON.stringify({ set }) }).then((r) => r.json());
  // A fresh folder's clock starts at 1 December 2026, 10:00 whatever the wall time; a restart keeps the saved one.
  const start = () => startLocalStack({ dataDir, policy: 'hightown', letterPollMs: 60_000, startAt: START_AT });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-timers-'));
    stack = await start();
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('acknowledges a new email at once, with the reference, the team and the reply date', async () => {
    const result = await ingestEmail(
      stack,
      rawEmail({
        id: 'timers-1',
        subject: 'Hallway light',
        body: 'The light in our hallway has been out for a week.',
        from: '"Gwen Resident" <gwen@resident.example>',
      }),
    );
    ref = result.caseRef;

    await expect
      .poll(async () => (await outbox()).filter((i) => i.purpose === 'acknowledgement').length, { timeout: 10_000 })
      .toBe(1);
    const [ack] = (await outbox()).filter((i) => i.purpose === 'acknowledgement');
    expect(ack).toMatchObject({ channel: 'email', to: 'gwen@resident.example' });
    expect(ack?.body).toContain(ref);
    // Received Tuesday 1 December: ten working days is Tuesday 15 December.
    expect(ack?.body).toContain('15 December 2026');
  });

  it('gives a case whose saved wake-up was lost its timer back at the next sweep, and acknowledges it no second time', async () => {
    // Arrange: the case waits for its next step; its wake-up item is lost.
    await stack.timers.idle();
    const saved = await stack.wakeUps.get(ref);
    expect(saved).toMatchObject({ caseRef: ref });
    await stack.wakeUps.remove(ref);

    // Act: the sweep's 15 minutes pass on the stack's clock.
    await moveClock('2026-12-01T10:16:00Z');

    // Assert
    await expect.poll(() => stack.wakeUps.get(ref), { timeout: 10_000 }).toEqual(saved);
    await stack.timers.idle();
    expect((await outbox()).filter((i) => i.purpose === 'acknowledgement')).toHaveLength(1);
  });

  it('sends exactly one delay update naming the case when the target passes unanswered', async () => {
    await moveClock('2026-12-16T10:00:00Z');
    await expect
      .poll(async () => (await outbox()).filter((i) => i.purpose === 'delay-update').length, { timeout: 15_000 })
      .toBe(1);
    // Give any stray duplicate the chance to appear before counting again.
    await stack.timers.tick();
    await stack.timers.idle();
    const updates = (await outbox()).filter((i) => i.purpose === 'delay-update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.subject).toContain(ref);
    expect(updates[0]?.body).toContain('15 December 2026');
    // The owner's manager hears of it too, once.
    const kase = await stack.repository.getCaseWithHistory(ref);
    const alerts = kase?.timeline.filter((t) => t.type === 'notice-sent' && t.data?.purpose === 'manager-alert') ?? [];
    expect(alerts).toHaveLength(1);
    const warnings =
      kase?.timeline.filter((t) => t.type === 'notice-sent' && t.data?.purpose === 'owner-warning') ?? [];
    expect(warnings).toHaveLength(1);
  });

  it('loses no timer across a restart, and sends the next update when it falls due', async () => {
    await stack.stop();
    stack = await start();
    expect((await outbox()).filter((i) => i.purpose === 'delay-update')).toHaveLength(1);

    await moveClock('2026-12-31T10:00:00Z');
    await expect
      .poll(async () => (await outbox()).filter((i) => i.purpose === 'delay-update').length, { timeout: 15_000 })
      .toBe(2);
    await stack.timers.tick();
    await stack.timers.idle();
    expect((await outbox()).filter((i) => i.purpose === 'delay-update')).toHaveLength(2);
  });

  it('sends nothing more once the case is answered', async () => {
    const kase = await stack.repository.getCase(ref);
    await stack.notices.send({
      caseRef: ref,
      audience: 'resident',
      purpose: 'reply',
      subject: 'Our reply',
      body: 'Fixed.',
      sentBy: kase?.ownerId as string,
    });
    await stack.timers.caseChanged(ref, 'replied');
    await moveClock('2027-02-01T10:00:00Z');
    await stack.timers.tick();
    await stack.timers.idle();
    expect((await outbox()).filter((i) => i.purpose === 'delay-update')).toHaveLength(2);
  });

  it('counts a complaint’s response from the day it was actually acknowledged', async () => {
    // Received Thursday 4 February 2027 and acknowledged at once: ten working days from that
    // day is Thursday 18 February, not ten from the acknowledgement deadline (11 February).
    await moveClock('2027-02-04T10:00:00Z');
    const result = await ingestEmail(
      stack,
      rawEmail({
        id: 'timers-2',
        subject: 'Formal complaint about my repair',
        body: 'I want to make a formal complaint: nobody came to fix my boiler.',
        from: '"Hal Resident" <hal@resident.example>',
      }),
    );
    const complaintRef = result.caseRef;
    const before = await stack.repository.getCase(complaintRef);
    expect(before?.targets).toMatchObject({ acknowledgeBy: '2027-02-11', respondBy: '2027-02-25' });
    await expect
      .poll(async () => (await stack.repository.getCase(complaintRef))?.acknowledgedAt, { timeout: 10_000 })
      .toBeTruthy();
    expect((await stack.repository.getCase(complaintRef))?.targets.respondBy).toBe('2027-02-18');
  });
});

/**
 * Issue 11 end to end on the local stack, through the HTTP API: a damp-and-mould
 * report from receipt through investigation, summary and works with the clock
 * moved forward; an emergency reported with complaint words; and a complaint
 * through its stated summary, an extension, the stage 1 reply, escalation and
 * the final reply — checking every notice in the outbox.
 */
describe('statutory clocks on the local stack', () => {
  const MANAGER = 'hightown-manager';
  let dataDir: string;
  let stack: LocalStack;
  const api = apiAs(() => stack);

  interface Sent extends OutboxItem {
    sentAt: string;
  }
  /** What the resident was sent about the case (officers' own emails, such as "assigned to you", left out). */
  const outbox = async (ref: string): Promise<Sent[]> => {
    const staff = new Set(stack.officers.map((o) => o.email));
    return ((await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as { items: Sent[] }).items.filter(
      (i) => i.caseRef === ref && !staff.has(i.to),
    );
  };
  const moveClock = async (set: string) => {
    await fetch(`${stack.httpUrl}/local/clock`, { method: 'POST', body: JSON.stringify({ set }) });
    await stack.timers.tick();
    await stack.timers.idle();
  };
  const settle = async () => {
    await stack.timers.idle();
    await stack.timers.tick();
    await stack.timers.idle();
  };
  const command = async (ref: string, name: string, body: unknown) => {
    const res = await api(MANAGER, 'POST', `/api/cases/${ref}/${name}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await settle();
    return res.body;
  };

  // Imported once the stack is loaded: importing core before the API's zod-openapi set-up breaks the router.
  let formatLocalDate: (value: string) => string;
  let isOfficeTime: (at: Date, policy: LocalStack['policy']) => boolean;

  beforeAll(async () => {
    ({ formatLocalDate } = await import('@housing-inbox/core'));
    ({ isOfficeTime } = await import('@housing-inbox/timers'));
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-statutory-'));
    stack = await hightownStack(dataDir, { letterPollMs: 60_000 });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs a damp-and-mould report through Awaab’s Law: investigation, summary, works, each told', async () => {
    const { caseRef: ref } = await ingestEmail(
      stack,
      rawEmail({
        id: 'damp-1',
        subject: 'Mould',
        body: 'There is black mould on the bedroom wall.',
        from: '"Dot Resident" <dot@resident.example>',
      }),
    );
    await settle();
    const opened = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
    // Received Tuesday 1 December: investigate within 10 working days.
    expect(opened).toMatchObject({ kind: 'hazard-damp-mould', targets: { respondBy: '2026-12-15' } });
    expect(opened.classification.hazard).toMatchObject({ sign: 'damp or mould', status: 'suspected' });
    await command(ref, 'hazard-confirm', { reason: 'Photo shows black mould' });

    await moveClock('2026-12-07T11:00:00Z');
    const investigated = await command(ref, 'investigation-concluded', {
      findings: 'Mould behind the wardrobe; the extractor fan has failed',
      worksNeeded: true,
    });
    expect(investigated).toMatchObject({ responseOutcome: 'met', status: 'in-progress' });
    // The case view carries the hazard, the findings and each statutory date (summary 3, safety work done 5 working days).
    expect(investigated.hazard).toMatchObject({ kind: 'hazard-damp-mould', status: 'confirmed' });
    expect(investigated.investigation).toMatchObject({ worksNeeded: true });
    expect(investigated.milestones).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metBy: 'summary-sent', due: '2026-12-10', doneAt: null }),
        expect.objectContaining({ metBy: 'works-completed', due: '2026-12-14', doneAt: null }),
      ]),
    );
    const step = (await outbox(ref)).find((i) => i.purpose === 'other');
    expect(step?.body).toContain('the extractor fan has failed');
    expect(step?.body).toContain(formatLocalDate('2026-12-10'));

    // The summary was due Thursday 10 December: on Friday morning the resident is told it slipped.
    await moveClock('2026-12-11T10:00:00Z');
    const slipped = (await outbox(ref)).filter((i) => i.purpose === 'delay-update');
    expect(slipped).toHaveLength(1);
    expect(slipped[0]?.body).toContain('send you a written summary of what we found');
    expect(slipped[0]?.body).toContain("Awaab's Law");

    await command(ref, 'summary-sent', { note: 'Emailed' });
    const done = await command(ref, 'repair-completed', { note: 'Fan replaced, mould treated' });
    expect(done.status).toBe('answered');
    const steps = (await outbox(ref)).filter((i) => i.purpose === 'other');
    expect(steps.map((i) => i.body).join('\n')).toContain('The work to put the problem right was finished');

    // Nothing more, however far the clock goes; nothing was sent out of office hours but what answered the resident at once.
    await moveClock('2027-03-01T10:00:00Z');
    const all = await outbox(ref);
    expect(all.filter((i) => i.purpose === 'delay-update')).toHaveLength(1);
    for (const item of all.filter((i) => i.purpose === 'delay-update')) {
      expect(isOfficeTime(new Date(item.sentAt), stack.policy)).toBe(true);
    }
  });

  it('keeps an emergency’s 24 hours when the resident also complains', async () => {
    await moveClock('2027-03-02T10:00:00Z');
    const { caseRef: ref } = await ingestEmail(
      stack,
      rawEmail({
        id: 'gas-1',
        subject: 'Gas',
        body: 'This is unacceptable — I can smell gas in the kitchen.',
        from: '"Gus Resident" <gus@resident.example>',
      }),
    );
    const kase = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
    expect(kase).toMatchObject({
      kind: 'hazard-emergency',
      classification: { also: { kind: 'complaint-stage-1' } },
    });
    // 24 clock hours from receipt (the stack's clock runs on from 10:00).
    expect(kase.targets.respondBy).toMatch(/^2027-03-03T10:00:0/);
  });

  it('takes a complaint through its summary, an extension, stage 1, escalation and the final response', async () => {
    await moveClock('2027-04-05T10:00:00Z');
    const { caseRef: ref } = await ingestEmail(
      stack,
      rawEmail({
        id: 'cmp-1',
        subject: 'Formal complaint',
        body: 'I want to make a formal complaint about how my neighbour dispute was handled.',
        from: '"Cy Resident" <cy@resident.example>',
      }),
    );
    await settle();
    const [ack] = await outbox(ref);
    expect(ack).toMatchObject({ purpose: 'acknowledgement' });
    expect(ack?.body).toContain('to set out your complaint as we understand it');

    await command(ref, 'complaint-summary', { summary: 'Reports of noise were not followed up for six weeks' });
    const summary = (await outbox(ref)).filter((i) => i.purpose === 'acknowledgement');
    expect(summary.at(-1)?.body).toContain('Reports of noise were not followed up for six weeks');

    await moveClock('2027-04-12T10:00:00Z');
    await command(ref, 'delay', {
      reason: 'We are waiting for the noise diary from the council',
      extensionWorkingDays: 5,
    });
    const extension = (await outbox(ref)).find((i) => i.purpose === 'extension');
    expect(extension?.body).toContain('We are waiting for the noise diary from the council');
    expect(extension?.body).toContain('Housing Ombudsman Service');

    const stage1 = await command(ref, 'reply', { body: 'We have looked into your complaint and uphold it in part.' });
    expect(stage1).toMatchObject({ status: 'answered', responseOutcome: 'met' });
    const firstReply = (await outbox(ref)).find((i) => i.purpose === 'reply');
    expect(firstReply?.body).toContain('escalate your complaint to stage 2');

    await moveClock('2027-04-20T10:00:00Z');
    const escalated = await command(ref, 'escalate', {
      reason: 'Resident is not happy with our response',
      requestedAt: '2027-04-19T15:00:00Z',
    });
    expect(escalated.kind).toBe('complaint-stage-2');
    await command(ref, 'reply', { body: 'Our final response.' });
    const replies = (await outbox(ref)).filter((i) => i.purpose === 'reply');
    expect(replies).toHaveLength(2);
    expect(replies[1]?.body).toContain('This is our final response');
    expect(replies[1]?.body).toContain('0300 111 3000');
    // Answered on time at each stage: never an apology.
    expect((await outbox(ref)).filter((i) => i.purpose === 'delay-update')).toEqual([]);
  });
});
