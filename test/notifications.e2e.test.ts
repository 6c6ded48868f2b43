/**
 * Issue 14, "never miss a change", end to end on the local stack: queue-row
 * markers until the owner opens the case, and notifications (the in-console
 * inbox and an email in the outbox) when a case is assigned or reassigned, a
 * department answers, a target is about to be missed — to the cover officer
 * while the owner is away.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hightownStack } from './support/cases.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

const OWNER = 'customer-services-officer-1';
const TEAMMATE = 'customer-services-officer-2';
const MANAGER = 'hightown-manager';
const INCOME = 'income-officer-1';

interface Notification {
  kind: string;
  caseRef: string;
  summary: string;
  readAt: string | null;
  coverFor: string | null;
}

describe('officers told of every change meant for them, on the local stack', () => {
  let dataDir: string;
  let stack: LocalStack;
  const api = apiAs(() => stack);

  const settle = async () => {
    await stack.timers.idle();
    await stack.timers.tick();
    await stack.timers.idle();
  };
  const moveClock = async (set: string) => {
    await fetch(`${stack.httpUrl}/local/clock`, { method: 'POST', body: JSON.stringify({ set }) });
    await settle();
  };
  const emailOf = (officerId: string) => stack.officers.find((o) => o.id === officerId)?.email as string;
  const inbox = async (officerId: string) =>
    (await api(officerId, 'GET', '/api/notifications')).body as { items: Notification[]; unread: number };
  const mailTo = async (officerId: string, ref: string) =>
    (
      (await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as {
        items: { to: string; caseRef: string; subject: string }[];
      }
    ).items.filter((i) => i.to === emailOf(officerId) && i.caseRef === ref);
  const queueRow = async (officerId: string, ref: string) =>
    ((await api(officerId, 'GET', '/api/cases?queue=mine')).body.items as { ref: string; activity?: string[] }[]).find(
      (i) => i.ref === ref,
    );
  let counter = 0;
  const newCase = async (subject: string, body: string) => {
    counter++;
    const { caseRef } = await ingestEmail(
      stack,
      rawEmail({ id: `n-${counter}`, subject, body, from: `"Resident ${counter}" <r${counter}@resident.example>` }),
    );
    await settle();
    return caseRef;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-notify-'));
    stack = await hightownStack(dataDir, { letterPollMs: 60_000 });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tells the owner routing chose, in the console and by email', async () => {
    const ref = await newCase('Parking permit', 'How do I get a parking permit?');
    const owner = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body.ownerId as string;
    expect((await inbox(owner)).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'assigned', caseRef: ref, readAt: null })]),
    );
    expect(await mailTo(owner, ref)).toHaveLength(1);
  });

  it('marks a reassigned case on the new owner’s queue until they open it, and tells them', async () => {
    const ref = await newCase('Bins', 'The bin store door is broken.');
    const to = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body.ownerId === TEAMMATE ? OWNER : TEAMMATE;
    const moved = await api(MANAGER, 'POST', `/api/cases/${ref}/reassign`, { ownerId: to, reason: 'Workload' });
    expect(moved.status).toBe(200);

    expect((await inbox(to)).items[0]).toMatchObject({ kind: 'reassigned', caseRef: ref });
    expect((await mailTo(to, ref)).map((m) => m.subject).join()).toContain('reassigned to you');
    expect((await queueRow(to, ref))?.activity).toEqual(['reassigned']);
    // The manager looking does not clear it; the owner opening the case does.
    await api(MANAGER, 'GET', `/api/cases/${ref}`);
    expect((await queueRow(to, ref))?.activity).toEqual(['reassigned']);
    await api(to, 'GET', `/api/cases/${ref}`);
    expect((await queueRow(to, ref))?.activity).toBeUndefined();

    // The resident writing again marks it again.
    const resident = (await api(to, 'GET', `/api/cases/${ref}`)).body.contact.email;
    await ingestEmail(stack, rawEmail({ id: 'n-bins-2', subject: `Re: ${ref}`, body: 'Any news?', from: resident }));
    expect((await queueRow(to, ref))?.activity).toEqual(['resident-wrote']);
  });

  it('tells the owner when a department answers, and marks the row', async () => {
    const ref = await newCase('Rent', 'Why did my rent go up?');
    const owner = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body.ownerId as string;
    await api(owner, 'GET', `/api/cases/${ref}`);
    const asked = await api(owner, 'POST', `/api/cases/${ref}/requests`, {
      department: 'income',
      question: 'Why did the rent change?',
      dueBy: '2026-12-08',
    });
    const id = asked.body.requests[0].id;
    const answered = await api(INCOME, 'POST', `/api/cases/${ref}/requests/${id}/answer`, { answer: 'Annual review' });
    expect(answered.status).toBe(200);
    expect((await inbox(owner)).items[0]).toMatchObject({ kind: 'department-answered', caseRef: ref });
    expect((await mailTo(owner, ref)).some((m) => m.subject.includes('answered'))).toBe(true);
    expect((await queueRow(owner, ref))?.activity).toEqual(['department-answered']);
  });

  it('sends what is meant for an owner who is away to the officer covering them', async () => {
    const ref = await newCase('Fence', 'The fence is down.');
    const owner = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body.ownerId as string;
    const asked = await api(owner, 'POST', `/api/cases/${ref}/requests`, {
      department: 'income',
      question: 'Is there a recharge?',
      dueBy: '2026-12-08',
    });
    const away = await api(owner, 'PUT', `/api/officers/${owner}/absence`, { from: '2026-12-01', to: '2026-12-04' });
    expect(away.status).toBe(200);
    await api(INCOME, 'POST', `/api/cases/${ref}/requests/${asked.body.requests[0].id}/answer`, {
      answer: 'No recharge',
    });
    expect((await inbox(MANAGER)).items[0]).toMatchObject({
      kind: 'department-answered',
      caseRef: ref,
      coverFor: owner,
    });
    expect(await mailTo(MANAGER, ref)).toHaveLength(1);
    expect((await inbox(owner)).items.some((n) => n.caseRef === ref && n.kind === 'department-answered')).toBe(false);
    await api(owner, 'PUT', `/api/officers/${owner}/absence`, {});
  });

  it('warns the owner in the console when a target is about to be missed', async () => {
    await moveClock('2026-12-07T10:00:00Z');
    const ref = await newCase('Hedge', 'The hedge blocks the path.');
    const kase = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
    // The owner warning goes at office opening a few working days before the target.
    await moveClock(`${kase.targets.respondBy}T08:00:00Z`);
    const warned = (await inbox(kase.ownerId)).items.find((n) => n.caseRef === ref && n.kind === 'target-at-risk');
    expect(warned).toBeDefined();
    expect((await mailTo(kase.ownerId, ref)).length).toBeGreaterThanOrEqual(2);
  });

  it('neither lists nor counts a notification whose case the reader can no longer open', async () => {
    const ref = await newCase('Neighbour', 'A private matter about my neighbour.');
    if ((await api(MANAGER, 'GET', `/api/cases/${ref}`)).body.ownerId !== TEAMMATE)
      await api(MANAGER, 'POST', `/api/cases/${ref}/reassign`, { ownerId: TEAMMATE, reason: 'Workload' });
    const told = await inbox(TEAMMATE);
    const aboutIt = told.items.filter((n) => n.caseRef === ref && !n.readAt).length;
    expect(aboutIt).toBeGreaterThan(0);
    // Handed on and restricted: the former owner may not open it, so the badge no longer counts it.
    await api(MANAGER, 'POST', `/api/cases/${ref}/reassign`, { ownerId: OWNER, reason: 'Sensitive' });
    const restricted = await api(MANAGER, 'POST', `/api/cases/${ref}/restrict`, {
      restricted: true,
      reason: 'Safeguarding',
    });
    expect(restricted.status).toBe(200);
    expect((await api(TEAMMATE, 'GET', `/api/cases/${ref}`)).status).toBe(404);
    const after = await inbox(TEAMMATE);
    expect(after.items.some((n) => n.caseRef === ref)).toBe(false);
    expect(after.unread).toBe(told.unread - aboutIt);
  });

  it('marks an officer’s notifications read', async () => {
    const before = await inbox(OWNER);
    expect(before.unread).toBeGreaterThan(0);
    const teammateBefore = (await inbox(TEAMMATE)).unread;
    const after = (await api(OWNER, 'POST', '/api/notifications/read', {})).body;
    expect(after.unread).toBe(0);
    expect(after.items.every((n: Notification) => n.readAt !== null)).toBe(true);
    // Each officer marks only their own.
    expect((await inbox(TEAMMATE)).unread).toBe(teammateBefore);
  });
});
