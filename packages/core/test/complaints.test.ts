/**
 * Complaints per the Housing Ombudsman Code (Hightown) and the SPSO model
 * procedure (Blairtummock), issue 11: extensions in time and within limits,
 * no agreed date past the target, next steps in every stage response, stage 2
 * by someone else everywhere, a complex complaint straight to stage 2 in
 * Scotland, the complaint as understood.
 */
import { describe, expect, it } from 'vitest';
import { decideEscalate, decideReclassify } from '../src/commands/classification.js';
import { decideComplaintSummary } from '../src/commands/complaints.js';
import { decideAgreedDate, decideDelay } from '../src/commands/dates.js';
import { decideReassign, decideTake } from '../src/commands/ownership.js';
import { decideReply } from '../src/commands/reply.js';
import { computeTargets } from '../src/targets.js';
import { blairtummock, contextFor, hightown, makeCase, NOW } from './support/context.js';
import { asyncRefusal, refusal } from './support/refusal.js';

// Hightown stage 1 acknowledged Tuesday 1 December 2026: respond by Tuesday 15 December.
const stageOne = () => makeCase(hightown, 'complaint-stage-1', { acknowledgedAt: NOW });

describe('extensions: before the target passes, within the limit, with a reason', () => {
  it.each([
    { label: 'on the target day, at 23:59', now: '2026-12-15T23:59:00.000Z', ok: true },
    { label: 'the morning after', now: '2026-12-16T09:00:00.000Z', ok: false },
  ])('Hightown stage 1, recorded $label', ({ now, ok }) => {
    const decide = () =>
      decideDelay(contextFor(stageOne(), 'owner', { now }), { reason: 'Survey needed', extensionWorkingDays: 10 });
    if (ok) expect(decide().case.extension).toMatchObject({ respondBy: '2026-12-31', reason: 'Survey needed' });
    else expect(refusal(decide).fields?.extensionWorkingDays).toMatch(/has passed/);
  });

  it('Blairtummock stage 1: up to 5 further working days, counted from receipt (St Andrew’s Day falls before)', () => {
    const receivedAt = '2026-11-26T10:00:00.000Z';
    const kase = makeCase(blairtummock, 'complaint-stage-1', {
      receivedAt,
      targets: computeTargets(blairtummock, { kind: 'complaint-stage-1', received: new Date(receivedAt) }),
    });
    const change = decideDelay(contextFor(kase, 'owner', { policy: blairtummock }), {
      reason: 'Waiting for the contractor’s report',
      extensionWorkingDays: 5,
    });
    // 5 working days from Thursday 26 November, St Andrew's Day (30 Nov) skipped: 4 December; plus 5: 11 December.
    expect(change.case.extension?.respondBy).toBe('2026-12-11');
    expect(
      refusal(() =>
        decideDelay(contextFor(kase, 'owner', { policy: blairtummock }), { reason: 'x', extensionWorkingDays: 6 }),
      ).fields?.extensionWorkingDays,
    ).toMatch(/1 to 5 working days/);
  });
});

describe('agreed dates cannot get round the extension limit', () => {
  it('on a complaint, a date past the target is refused; on or before it is fine', () => {
    expect(decideAgreedDate(contextFor(stageOne()), { date: '2026-12-15' }).case.agreedReplyDate).toBe('2026-12-15');
    const late = refusal(() => decideAgreedDate(contextFor(stageOne()), { date: '2026-12-16' }));
    expect(late.fields?.date).toMatch(/after the target \(2026-12-15\): record an extension/);
  });

  it('after an extension, the extended date is the limit', () => {
    const extended = {
      ...stageOne(),
      extension: { workingDays: 5, reason: 'r', respondBy: '2026-12-22', grantedBy: 'owner', at: NOW },
    };
    expect(decideAgreedDate(contextFor(extended), { date: '2026-12-22' }).case.agreedReplyDate).toBe('2026-12-22');
    expect(refusal(() => decideAgreedDate(contextFor(extended), { date: '2026-12-23' })).kind).toBe('invalid');
  });

  it('an email can still agree a later date with the resident, and records when it was agreed', () => {
    const change = decideAgreedDate(contextFor(makeCase(hightown, 'email')), { date: '2027-01-20' });
    expect(change.case).toMatchObject({ agreedReplyDate: '2027-01-20', agreedReplyAt: NOW });
  });
});

describe('every stage response says what the resident can do next', () => {
  it('Hightown stage 1: how to escalate, and the Ombudsman for advice', () => {
    const notice = decideReply(contextFor(stageOne()), { body: 'We have looked into your complaint.' });
    expect(notice.body).toMatch(/^We have looked into your complaint\.\n\nWhat you can do next: .*escalate .*stage 2/);
    expect(notice.body).toContain('Housing Ombudsman Service: PO Box 152, Liverpool L33 7WQ');
    expect(notice.body).toContain(stageOne().ref);
  });

  it('Blairtummock stage 2: the final decision points to the SPSO and how to reach it', () => {
    const kase = makeCase(blairtummock, 'complaint-stage-2');
    const notice = decideReply(contextFor(kase, 'owner', { policy: blairtummock }), { body: 'Our decision.' });
    expect(notice.body).toContain('This is our final decision');
    expect(notice.body).toContain('Scottish Public Services Ombudsman (SPSO): Bridgeside House');
  });

  it('a reply that is not a complaint response carries no next steps', () => {
    expect(decideReply(contextFor(makeCase(hightown, 'email')), { body: 'Hello.' }).body).toBe('Hello.');
  });
});

describe('stage 2 by someone other than the stage 1 handler, everywhere', () => {
  const stageTwo = (policy = hightown) =>
    makeCase(policy, 'complaint-stage-2', { ownerId: 'mate', stageOneOwnerId: 'owner' });

  it.each([
    { label: 'Hightown', policy: hightown },
    { label: 'Blairtummock', policy: blairtummock },
  ])('$label: the stage 1 handler cannot take stage 2, nor be given it', ({ policy }) => {
    expect(refusal(() => decideTake(contextFor(stageTwo(policy), 'owner', { policy }))).kind).toBe('forbidden');
    expect(
      refusal(() =>
        decideReassign(contextFor(stageTwo(policy), 'manager', { policy }), { ownerId: 'owner', reason: 'x' }),
      ).fields?.ownerId,
    ).toMatch(/stage 1/);
  });

  it('Blairtummock: escalating to the stage 1 handler is refused too', async () => {
    const kase = makeCase(blairtummock, 'complaint-stage-1');
    const refused = await asyncRefusal(() =>
      decideEscalate(contextFor(kase, 'owner', { policy: blairtummock }), { reason: 'r', ownerId: 'owner' }),
    );
    expect(refused.fields?.ownerId).toMatch(/stage 1/);
  });

  it('the stage 2 clock starts when the resident asked, given by the officer', async () => {
    const kase = makeCase(hightown, 'complaint-stage-1', { acknowledgedAt: NOW, respondedAt: NOW, status: 'answered' });
    const change = await decideEscalate(contextFor(kase, 'owner', { now: '2026-12-07T10:00:00.000Z' }), {
      reason: 'Resident emailed: not happy with our response',
      requestedAt: '2026-12-04T16:30:00Z',
    });
    // Friday 4 December: 5 working days to acknowledge → Friday 11 December.
    expect(change.case).toMatchObject({ kind: 'complaint-stage-2', targets: { acknowledgeBy: '2026-12-11' } });
    expect(change.case.ownerId).not.toBe('owner');
  });
});

describe('a complex complaint straight to stage 2 (SPSO only)', () => {
  it('Blairtummock may start a complaint at stage 2, its targets from receipt (20 days over Christmas)', () => {
    const change = decideReclassify(contextFor(makeCase(blairtummock, 'email'), 'owner', { policy: blairtummock }), {
      category: 'complaint',
      stage: 2,
      reason: 'Complex: several departments over two years',
    });
    expect(change.case).toMatchObject({
      kind: 'complaint-stage-2',
      targets: { acknowledgeBy: '2026-12-04', respondBy: '2026-12-31' },
    });
  });

  it('Hightown may not: every complaint starts at stage 1', () => {
    const refused = refusal(() =>
      decideReclassify(contextFor(makeCase(hightown, 'email')), { category: 'complaint', stage: 2, reason: 'complex' }),
    );
    expect(refused.fields?.stage).toMatch(/every complaint starts at stage 1/);
  });
});

describe('the complaint as we understand it', () => {
  it('an officer confirms the summary on a complaint; not on anything else', () => {
    const change = decideComplaintSummary(contextFor(stageOne()), {
      summary: 'Repairs to the boiler were missed twice',
    });
    expect(change.case.complaintSummary).toEqual({
      text: 'Repairs to the boiler were missed twice',
      by: 'owner',
      at: NOW,
    });
    expect(refusal(() => decideComplaintSummary(contextFor(makeCase(hightown, 'email')), { summary: 'x' })).kind).toBe(
      'conflict',
    );
  });
});
