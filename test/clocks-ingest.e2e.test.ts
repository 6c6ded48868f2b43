/**
 * Issue 11, the ingest side, end to end on the local stack of each landlord
 * (Hightown: England; Blairtummock: Scotland): a resident's real message gets
 * the right clocks. Safety first with complaint words; a complaint that also
 * reports a repair runs both clocks, each acknowledged; "please escalate" on
 * an answered stage 1 asks the owner and starts stage 2's clock from that
 * email; a follow-up after an on-time reply gets its own target and never an
 * apology; a voicemail is measured from the call, a letter from the day it
 * arrived in the post.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_AT } from './support/cases.js';
import { apiAs, type OutboxItem, type Reply } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

const fixtures = join(import.meta.dirname, '..', 'packages', 'channels', 'test', 'fixtures');

type Sent = OutboxItem & { sentAt: string };

/** A landlord's stack in memory, its clock at Tuesday 1 December 2026, 10:00, and what the tests do on it. */
class Bed {
  stack!: LocalStack;
  dataDir = '';
  readonly api = apiAs(() => this.stack);
  readonly manager: string;
  constructor(readonly policy: 'hightown' | 'blairtummock') {
    this.manager = `${policy}-manager`;
  }

  async start() {
    this.dataDir = await mkdtemp(join(tmpdir(), `inbox-clocks-${this.policy}-`));
    this.stack = await startLocalStack({
      dataDir: this.dataDir,
      inMemory: true,
      policy: this.policy,
      letterPollMs: 60_000,
      startAt: START_AT,
    });
  }
  async stop() {
    await this.stack?.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
  /** Every timer run the last change started, and what it left due now, finished (twice: a re-plan can park a step due at once). */
  async settle() {
    for (let i = 0; i < 2; i++) {
      await this.stack.timers.idle();
      await this.stack.timers.tick();
      await this.stack.timers.idle();
    }
  }
  async moveClock(set: string) {
    await fetch(`${this.stack.httpUrl}/local/clock`, { method: 'POST', body: JSON.stringify({ set }) });
    await this.settle();
  }
  /** What the resident was sent about the case (officers' own emails, such as "assigned to you", left out). */
  async outbox(ref: string): Promise<Sent[]> {
    const staff = new Set(this.stack.officers.map((o) => o.email));
    const all = (await fetch(`${this.stack.httpUrl}/local/outbox`).then((r) => r.json())) as { items: Sent[] };
    return all.items.filter((i) => i.caseRef === ref && !staff.has(i.to));
  }
  /** An email with Message-ID `id`, from `sender@resident.example` (the same resident again when given). */
  async email(id: string, subject: string, body: string, sender = id) {
    const outcome = await ingestEmail(
      this.stack,
      rawEmail({ id, subject, body, from: `"Resident ${sender}" <${sender}@resident.example>` }),
    );
    await this.settle();
    return outcome as typeof outcome & { alsoCaseRefs?: string[] };
  }
  async kase(ref: string) {
    const res = await this.api(this.manager, 'GET', `/api/cases/${ref}`);
    expect(res.status).toBe(200);
    return res.body;
  }
  /** The case's current round (the officer's view does not show it). */
  async round(ref: string) {
    return (await this.stack.repository.getCase(ref))?.round;
  }
  async command(ref: string, name: string, body: unknown, as = this.manager) {
    const res = await this.api(as, 'POST', `/api/cases/${ref}/${name}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await this.settle();
    return res.body;
  }
  /** The notices sent to staff about a case (owner warnings, manager alerts), from its timeline. */
  async staffNotices(ref: string, purpose: 'manager-alert' | 'owner-warning') {
    const found = await this.stack.repository.getCaseWithHistory(ref);
    return (found?.timeline ?? []).filter((t) => t.type === 'notice-sent' && t.data?.purpose === purpose);
  }
  async logContact(as: string, body: Record<string, unknown>) {
    const res = await this.api(as, 'POST', '/api/contacts/log', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await this.settle();
    return this.kase(res.body.ref);
  }
  async letter(filename: string, arrivedOn?: string) {
    const pdf = await readFile(join(fixtures, 'letter-damp-text-layer.pdf'));
    const form = new FormData();
    form.set('file', new Blob([pdf], { type: 'application/pdf' }), filename);
    if (arrivedOn) form.set('arrivedOn', arrivedOn);
    const res = await fetch(`${this.stack.httpUrl}/local/letters`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Reply['body'] };
  }
}

function onStack(policy: 'hightown' | 'blairtummock'): Bed {
  return new Bed(policy);
}

/** "This is unacceptable — I can smell gas": the emergency's case, its 24 hours checked, and the complaint's beside it. */
async function gasWithComplaintWords(bed: Bed) {
  const outcome = await bed.email('gas', 'Gas', 'This is unacceptable — I can smell gas in the kitchen.');
  const emergency = await bed.kase(outcome.caseRef);
  expect(emergency.kind).toBe('hazard-emergency');
  expect(emergency.targets.respondBy).toMatch(/^2026-12-02T10:00:0/);
  expect(outcome.alsoCaseRefs).toHaveLength(1);
  return { emergency, complaint: await bed.kase(outcome.alsoCaseRefs?.[0] as string) };
}

/** A complaint about a repair that also reports it: both cases, each acknowledged once. */
async function complaintAndRepair(bed: Bed) {
  const outcome = await bed.email(
    'window',
    'Kitchen window',
    'I want to complain: I reported the broken window in my kitchen in October and nobody came. Please fix it.',
  );
  const complaint = await bed.kase(outcome.caseRef);
  const repair = await bed.kase(outcome.alsoCaseRefs?.[0] as string);
  const acks = [...(await bed.outbox(complaint.ref)), ...(await bed.outbox(repair.ref))];
  expect(acks.map((i) => [i.caseRef, i.purpose])).toEqual([
    [complaint.ref, 'acknowledgement'],
    [repair.ref, 'acknowledgement'],
  ]);
  return { complaint, repair, acks };
}

/** A stage 1 complaint by email, acknowledged at once and answered by the manager. */
async function answeredComplaint(bed: Bed, id: string, answerAt: string) {
  const { caseRef: ref } = await bed.email(
    id,
    'Formal complaint',
    'I want to make a formal complaint about how my neighbour dispute was handled.',
  );
  await bed.moveClock(answerAt);
  const answered = await bed.command(ref, 'reply', { body: 'We have looked into your complaint and uphold it.' });
  expect(answered).toMatchObject({ status: 'answered', responseOutcome: 'met' });
  return ref;
}

describe('Hightown (England): the clocks a resident’s message starts', { timeout: 120_000 }, () => {
  const bed = onStack('hightown');
  beforeAll(() => bed.start());
  afterAll(() => bed.stop());

  it('keeps an emergency’s 24 hours with complaint words, and runs the complaint beside it', async () => {
    const { emergency, complaint } = await gasWithComplaintWords(bed);
    // Stage 1: acknowledged within 5 working days, answered within 10 of the acknowledgement.
    expect(complaint).toMatchObject({ kind: 'complaint-stage-1', targets: { acknowledgeBy: '2026-12-08' } });
    expect(complaint.linked).toEqual([expect.objectContaining({ ref: emergency.ref, relation: 'same-message' })]);
    expect(emergency.linked).toEqual([expect.objectContaining({ ref: complaint.ref, relation: 'same-message' })]);
    // Each case tells the resident its own reference and clock.
    expect((await bed.outbox(emergency.ref)).map((i) => i.purpose)).toEqual(['acknowledgement']);
    const [complaintAck] = await bed.outbox(complaint.ref);
    expect(complaintAck).toMatchObject({ purpose: 'acknowledgement', subject: expect.stringContaining(complaint.ref) });
    expect(complaintAck?.subject).toContain('complaint');
  });

  it('runs both clocks for a complaint about a repair that also reports it, each acknowledged', async () => {
    const { complaint, repair, acks } = await complaintAndRepair(bed);
    expect(complaint.kind).toBe('complaint-stage-1');
    // Hightown's policy sets no repair timescales: the repair runs as the email it came in (10 working days).
    expect(repair).toMatchObject({
      kind: 'email',
      classification: { category: 'repair', priority: 'urgent' },
      targets: { respondBy: '2026-12-15' },
    });
    expect(repair.teamId).not.toBe(complaint.teamId);
    expect(acks[1]?.body).toContain('15 December 2026');
  });

  let followUpRef = '';

  it('asks the owner to escalate when the resident writes "not happy with your response", stage 2’s clock from that email', async () => {
    followUpRef = await answeredComplaint(bed, 'follow', '2026-12-01T11:00:00Z');
    const ref = await answeredComplaint(bed, 'stage2', '2026-12-03T10:00:00Z');
    const stageOneOwner = (await bed.kase(ref)).ownerId;
    // Tuesday 8 December: the resident replies quoting the reference.
    await bed.moveClock('2026-12-08T10:00:00Z');
    const request = await bed.email(
      'stage2-again',
      `Re: ${ref}`,
      'I am not happy with your response, please escalate my complaint.',
      'stage2',
    );
    expect(request).toMatchObject({ outcome: 'threaded', caseRef: ref });
    const asked = await bed.kase(ref);
    // Back in front of its owner, with stage 2's clock from the email: acknowledge within 5 working days.
    expect(asked).toMatchObject({
      kind: 'complaint-stage-1',
      status: 'in-progress',
      targets: { clockStarts: '2026-12-08', acknowledgeBy: '2026-12-15' },
    });
    expect(await bed.round(ref)).toMatchObject({
      because: 'escalation',
      kind: 'complaint-stage-2',
      startedAt: expect.stringMatching(/^2026-12-08T10:00:00/),
    });
    const entry = asked.timeline.find((t: { type: string }) => t.type === 'escalation-requested');
    expect(entry?.summary).toContain('the owner is asked to escalate');
    expect(entry?.data).toMatchObject({ words: 'escalate', ownerId: stageOneOwner });
    // The request is acknowledged with stage 2's reply date: 20 working days from today (Christmas and Boxing Day off).
    const acks = (await bed.outbox(ref)).filter((i) => i.purpose === 'acknowledgement');
    expect(acks).toHaveLength(2);
    expect(acks[1]?.body).toContain('8 January 2027');

    // The owner escalates without saying when it was asked for: the clock stays with the email.
    await bed.moveClock('2026-12-09T15:00:00Z');
    const escalated = await bed.command(ref, 'escalate', { reason: 'The resident asked for stage 2 by email' });
    expect(escalated).toMatchObject({
      kind: 'complaint-stage-2',
      targets: { clockStarts: '2026-12-08', acknowledgeBy: '2026-12-15', respondBy: '2027-01-08' },
    });
    expect(escalated.ownerId).not.toBe(stageOneOwner);
    // Already acknowledged: no second acknowledgement of the same request.
    expect((await bed.outbox(ref)).filter((i) => i.purpose === 'acknowledgement')).toHaveLength(2);
  });

  it('ignores our own "escalate" words quoted under a reply', async () => {
    const ref = await answeredComplaint(bed, 'quoted', '2026-12-09T16:00:00Z');
    const reply = await bed.email(
      'quoted-again',
      `Re: ${ref}`,
      'Thank you, that is all sorted now.\n\nOn 9 Dec 2026, Hightown wrote:\n> if you are not happy with this response, you can ask us to escalate your complaint to stage 2',
      'quoted',
    );
    expect(reply.outcome).toBe('threaded');
    const kase = await bed.kase(ref);
    expect(await bed.round(ref)).toMatchObject({ because: 'follow-up', kind: 'email' });
    expect(kase.timeline.some((t: { type: string }) => t.type === 'escalation-requested')).toBe(false);
  });

  it('measures a voicemail logged a day after the call from the call', async () => {
    // Logged Thursday 10 December at 10:00; the voicemail was left on Wednesday at 16:30.
    await bed.moveClock('2026-12-10T10:00:00Z');
    const kase = await bed.logContact('hightown-reception', {
      kind: 'voicemail',
      summary: 'Please call me back about my rent statement.',
      phone: '07700 900456',
      calledAt: '2026-12-09T16:30:00Z',
    });
    // Two working days from Wednesday: Friday 11 December (from the logging it would be Monday 14th).
    expect(kase).toMatchObject({
      receivedAt: '2026-12-09T16:30:00.000Z',
      targets: { clockStarts: '2026-12-09', respondBy: '2026-12-11' },
    });
    const future = await bed.api('hightown-reception', 'POST', '/api/contacts/log', {
      kind: 'voicemail',
      summary: 'A call from tomorrow',
      phone: '07700 900457',
      calledAt: '2026-12-11T10:00:00Z',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toHaveProperty('calledAt');
  });

  it('counts a voicemail left while the officer was away from their next working day', async () => {
    const officer = bed.stack.officers.find((o) => o.role === 'officer' && o.active) as { id: string };
    const away = await bed.api('hightown-manager', 'PUT', `/api/officers/${officer.id}/absence`, {
      from: '2026-12-14',
      to: '2026-12-18',
    });
    expect(away.status, JSON.stringify(away.body)).toBe(200);
    // Back on Monday 21 December, they log the voicemail left on their phone on Tuesday 15th.
    await bed.moveClock('2026-12-21T10:00:00Z');
    const kase = await bed.logContact(officer.id, {
      kind: 'voicemail',
      summary: 'Please call me about the parking permit.',
      phone: '07700 900458',
      calledAt: '2026-12-15T11:00:00Z',
    });
    // "Within two working days of the staff member's next working day": Monday 21st + 2 = Wednesday 23rd.
    expect(kase.targets).toMatchObject({ clockStarts: '2026-12-21', respondBy: '2026-12-23' });
    expect(kase.timeline.map((t: { summary: string }) => t.summary).join('\n')).toContain('was away');
  });

  it('measures a letter scanned days after it arrived from the day it arrived', async () => {
    // Scanned Monday 21 December; it arrived on Thursday 17th: damp and mould investigated within 10 working days.
    const res = await bed.letter('letter.pdf', '2026-12-17');
    expect(res.status).toBe(202);
    const kase = await bed.kase(res.body.caseRef);
    expect(kase).toMatchObject({
      kind: 'hazard-damp-mould',
      receivedAt: '2026-12-17T09:00:00.000Z',
      targets: { clockStarts: '2026-12-17', respondBy: '2027-01-05' },
    });
    const bad = await bed.letter('other.pdf', '2026-12-22');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('arrivedOn');
  });

  it('gives a follow-up three weeks after an on-time reply its own target, with no apology and no alert', async () => {
    // The complaint was answered on 1 December, on time; the resident writes again on Tuesday 22nd.
    await bed.moveClock('2026-12-22T10:00:00Z');
    const again = await bed.email(
      'follow-again',
      `Re: ${followUpRef}`,
      'Thank you. Could you also tell me when the door closer will be replaced?',
      'follow',
    );
    expect(again.outcome).toBe('threaded');
    const kase = await bed.kase(followUpRef);
    // Its own round, as an email: ten working days from the 22nd, Christmas, Boxing Day and New Year off.
    expect(kase.targets.respondBy).toBe('2027-01-08');
    expect(await bed.round(followUpRef)).toMatchObject({ n: 2, because: 'follow-up' });
    // The earlier round's outcome is on the timeline, not on the new round.
    expect(kase.responseOutcome).toBeFalsy();

    // Up to the last day of the new target: nothing about the old one (15 December), nobody alerted.
    await bed.moveClock('2027-01-08T16:00:00Z');
    expect((await bed.outbox(followUpRef)).filter((i) => i.purpose === 'delay-update')).toEqual([]);
    expect(await bed.staffNotices(followUpRef, 'manager-alert')).toEqual([]);

    // Missed, the new target is apologised for — with its own date.
    await bed.moveClock('2027-01-11T10:00:00Z');
    const updates = (await bed.outbox(followUpRef)).filter((i) => i.purpose === 'delay-update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body).toContain('8 January 2027');
    expect(updates[0]?.body).not.toContain('December');
    expect(await bed.staffNotices(followUpRef, 'manager-alert')).toHaveLength(1);
  });
});

describe('Blairtummock (Scotland): the clocks a resident’s message starts', { timeout: 120_000 }, () => {
  const bed = onStack('blairtummock');
  beforeAll(() => bed.start());
  afterAll(() => bed.stop());

  it('keeps an emergency’s 24 hours with complaint words, and runs the frontline complaint beside it', async () => {
    const { complaint } = await gasWithComplaintWords(bed);
    // SPSO frontline resolution: 5 working days from receipt.
    expect(complaint).toMatchObject({ kind: 'complaint-stage-1', targets: { respondBy: '2026-12-08' } });
    expect((await bed.outbox(complaint.ref)).map((i) => i.purpose)).toEqual(['acknowledgement']);
  });

  it('runs both clocks for a complaint about a repair that also reports it, each acknowledged', async () => {
    const { complaint, repair } = await complaintAndRepair(bed);
    expect(complaint).toMatchObject({ kind: 'complaint-stage-1', targets: { respondBy: '2026-12-08' } });
    // Urgent repairs within 5 working days (5.1).
    expect(repair).toMatchObject({ kind: 'repair-urgent', targets: { respondBy: '2026-12-08' } });
  });

  it('starts the stage 2 clock from the email asking for it: acknowledged in 3, decided in 20 from the request', async () => {
    const ref = await answeredComplaint(bed, 'stage2', '2026-12-02T10:00:00Z');
    await bed.moveClock('2026-12-03T10:00:00Z');
    const request = await bed.email('stage2-again', `Re: ${ref}`, 'I would like to take this further.', 'stage2');
    expect(request).toMatchObject({ outcome: 'threaded', caseRef: ref });
    // Christmas, Boxing Day (28th), New Year and 4 January (for 2 January) off in Scotland.
    expect((await bed.kase(ref)).targets).toMatchObject({ acknowledgeBy: '2026-12-08', respondBy: '2027-01-06' });
    expect(await bed.round(ref)).toMatchObject({ because: 'escalation', kind: 'complaint-stage-2' });
    const escalated = await bed.command(ref, 'escalate', { reason: 'Asked for by email' });
    expect(escalated).toMatchObject({
      kind: 'complaint-stage-2',
      targets: { clockStarts: '2026-12-03', acknowledgeBy: '2026-12-08', respondBy: '2027-01-06' },
    });
  });

  it('measures a voicemail logged a day after the call from the call: the same working day', async () => {
    const kase = await bed.logContact('blairtummock-reception', {
      kind: 'voicemail',
      summary: 'Please call me back about my rent.',
      phone: '07700 900459',
      calledAt: '2026-12-02T15:00:00Z',
    });
    // 3.2: calls returned the same working day: Wednesday 2 December, already past when it was logged.
    expect(kase.targets).toMatchObject({ clockStarts: '2026-12-02', respondBy: '2026-12-02' });
  });

  it('measures a letter scanned days after it arrived from the day it arrived', async () => {
    const res = await bed.letter('letter.pdf', '2026-12-01');
    expect(res.status).toBe(202);
    const kase = await bed.kase(res.body.caseRef);
    // Damp and mould investigated within 10 working days of the day it arrived, Tuesday 1 December.
    expect(kase).toMatchObject({ targets: { clockStarts: '2026-12-01', respondBy: '2026-12-15' } });
  });
});
