/**
 * Issue 5 end to end on the local stack: the acknowledgement goes at once, a
 * missed target brings exactly one delay update, and a restart loses no timer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEmail, rawEmail } from './support/mail.js';

interface OutboxItem {
  channel: string;
  to: string;
  subject: string;
  body: string;
  caseRef: string;
  purpose: string;
}

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
  const start = () => startLocalStack({ dataDir, policy: 'hightown', letterPollMs: 60_000 });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-timers-'));
    stack = await start();
    await moveClock('2026-12-01T10:00:00Z');
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
