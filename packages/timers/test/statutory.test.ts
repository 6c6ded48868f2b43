/**
 * Issue 11 in the planner: notices at humane times (a property over both
 * calendars, 2026–2028), no false apologies after a follow-up, and the hazard
 * milestones watched and told.
 */
import {
  type Case,
  type CaseKind,
  computeTargets,
  formatLocalDate,
  type LandlordPolicy,
  startRound,
  type TimelineEntry,
} from '@housing-inbox/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { act, isOfficeTime, plan, type TimerPlan } from '../src/index.js';
import { blairtummock, contact, hightown, makeCase, noticeEntry, RecordingNoticeSender } from './support.js';

const FIRST = Date.parse('2026-01-01T00:00:00Z');
const LAST = Date.parse('2028-12-31T23:59:59Z');
const STAFF_AND_DELAY = new Set(['warn-owner', 'delay-update', 'alert-manager']);

/** Runs the planner to the end (or 16 notices), settling each notice as it is planned. */
function runToEnd(kase: Case, policy: LandlordPolicy, from: Date, failEvery = 0): TimerPlan[] {
  const timeline: TimelineEntry[] = [];
  const planned: TimerPlan[] = [];
  let now = from;
  let current = kase;
  for (let i = 0; i < 16; i++) {
    const next = plan({ case: current, timeline, policy, now });
    if (next.action === 'none') break;
    planned.push(next);
    const at = new Date(next.at);
    if (at > now) now = at;
    const failed = failEvery > 0 && i % failEvery === 0;
    timeline.push(noticeEntry(current.ref, next.key, now.toISOString(), failed ? 'notice-failed' : 'notice-sent'));
    if (next.action === 'acknowledge' && !failed) current = { ...current, acknowledgedAt: now.toISOString() };
  }
  return planned;
}

const kindsOf = (policy: LandlordPolicy) => Object.keys(policy.targets) as CaseKind[];

describe('notices at humane times (property)', () => {
  const scenario = fc.record({
    policy: fc.constantFrom(hightown, blairtummock),
    pick: fc.nat(),
    received: fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms)),
    agreedInDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    investigatedAfterHours: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    failEvery: fc.constantFrom(0, 3),
  });

  it('no delay update, owner warning, manager alert or milestone notice is scheduled outside a working day’s office hours', () => {
    fc.assert(
      fc.property(scenario, ({ policy, pick, received, agreedInDays, investigatedAfterHours, failEvery }) => {
        const kinds = kindsOf(policy);
        const kind = kinds[pick % kinds.length] as CaseKind;
        const receivedAt = received.toISOString();
        let kase = makeCase(policy, kind, { receivedAt, createdAt: receivedAt });
        if (agreedInDays) {
          const date = new Date(received.getTime() + agreedInDays * 86_400_000).toISOString().slice(0, 10);
          kase = { ...kase, agreedReplyDate: date, agreedReplyAt: receivedAt };
        }
        if (investigatedAfterHours && kind.startsWith('hazard')) {
          const concludedAt = new Date(received.getTime() + investigatedAfterHours * 3_600_000).toISOString();
          kase = {
            ...kase,
            respondedAt: concludedAt,
            investigation: { concludedAt, findings: 'x', worksNeeded: true, furtherWorksNeeded: true, by: 'owner-1' },
          };
        }
        for (const p of runToEnd(kase, policy, received, failEvery)) {
          if (!STAFF_AND_DELAY.has(p.action)) continue;
          expect(isOfficeTime(new Date(p.at), policy), `${p.action} ${p.key} at ${p.at}`).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });

  it.each([
    // Target Thursday 24 December 2026: missed at midnight; Christmas, the weekend and Boxing Day's substitute pass.
    { policy: hightown, label: 'Hightown', receivedAt: '2026-12-10T10:00:00.000Z', told: '2026-12-29T09:00:00.000Z' },
    {
      policy: blairtummock,
      label: 'Blairtummock',
      receivedAt: '2026-12-10T10:00:00.000Z',
      told: '2026-12-29T09:00:00.000Z',
    },
  ])(
    '$label: a target missed on Christmas Eve is followed up on the next working day, not Christmas Day',
    ({ policy, receivedAt, told }) => {
      const kase = makeCase(policy, 'email', { receivedAt, createdAt: receivedAt, acknowledgedAt: receivedAt });
      const delay = runToEnd(kase, policy, new Date(receivedAt)).find((p) => p.action === 'delay-update');
      expect(delay).toMatchObject({ at: told, target: '2026-12-24' });
    },
  );
});

describe('owner warnings before an emergency, in office hours', () => {
  it.each([
    // Wednesday 10:00: a quarter left is Thursday 04:00, so 09:00, still before 10:00.
    { received: '2026-03-04T10:00:00.000Z', warnAt: '2026-03-05T09:00:00.000Z' },
    // Thursday 20:00: Friday 14:00 is in office hours.
    { received: '2026-03-05T20:00:00.000Z', warnAt: '2026-03-06T14:00:00.000Z' },
    // Friday 08:00, due Saturday 08:00: Monday is too late, so the last office minute on Friday.
    { received: '2026-03-06T08:00:00.000Z', warnAt: '2026-03-06T16:59:00.000Z' },
    // BST: Friday 3 April 2026 is Good Friday; received Thursday 12:00 BST, due Friday 12:00 BST → Thursday 16:59 BST.
    { received: '2026-04-02T11:00:00.000Z', warnAt: '2026-04-02T15:59:00.000Z' },
  ])('an emergency received $received: the owner is warned at $warnAt', ({ received, warnAt }) => {
    const kase = makeCase(blairtummock, 'repair-emergency', {
      receivedAt: received,
      createdAt: received,
      acknowledgedAt: received,
    });
    expect(plan({ case: kase, timeline: [], policy: blairtummock, now: new Date(received) })).toMatchObject({
      action: 'warn-owner',
      at: warnAt,
    });
  });
});

describe('no false apologies: a follow-up after a reply gets its own target', () => {
  // Hightown stage 1: received Monday 1 June 2026, acknowledged at once: 10 working days → Monday 15 June.
  const received = '2026-06-01T09:00:00.000Z';
  const answered = makeCase(hightown, 'complaint-stage-1', {
    receivedAt: received,
    createdAt: received,
    acknowledgedAt: '2026-06-01T09:01:00.000Z',
    respondedAt: '2026-06-12T14:00:00.000Z',
    responseOutcome: 'met',
    status: 'answered',
    agreedReplyDate: '2026-06-12',
    agreedReplyAt: '2026-06-02T10:00:00.000Z',
  });
  const followUp = '2026-07-01T10:00:00.000Z';

  it('as ingest writes a follow-up today (new targets, the reply cleared): no apology for 15 June', () => {
    const { respondedAt: _r, responseOutcome: _o, ...rest } = answered;
    const kase: Case = {
      ...rest,
      status: 'in-progress',
      targets: computeTargets(hightown, { kind: 'email', received: new Date(followUp) }),
    };
    const planned = runToEnd(kase, hightown, new Date(followUp));
    expect(planned.filter((p) => p.target === '2026-06-15' || p.target === '2026-06-12')).toEqual([]);
    expect(planned[0]).toMatchObject({ action: 'warn-owner', key: 'owner-warning:2026-07-15' });
  });

  it('through startRound: round 2 counted as an email from the follow-up; the earlier agreed date does not apply', () => {
    const round = startRound(hightown, answered, {
      received: new Date(followUp),
      kind: 'email',
      because: 'follow-up',
      now: followUp,
      newId: () => 'e1',
    });
    expect(round.case).toMatchObject({
      round: { n: 2, kind: 'email', startedAt: followUp },
      targets: { respondBy: '2026-07-15' },
      status: 'in-progress',
    });
    expect(round.case.agreedReplyDate).toBeUndefined();
    expect(round.timeline[0]).toMatchObject({ type: 'follow-up', data: { previousOutcome: 'met' } });
    const first = plan({ case: round.case, timeline: [], policy: hightown, now: new Date(followUp) });
    expect(first).toMatchObject({ action: 'warn-owner', key: 'round-2:owner-warning:2026-07-15' });
  });

  it('an extension of an earlier round is not this round’s', () => {
    const kase: Case = {
      ...answered,
      status: 'in-progress',
      respondedAt: undefined,
      round: { n: 2, kind: 'email', startedAt: followUp, because: 'follow-up' },
      targets: computeTargets(hightown, { kind: 'email', received: new Date(followUp) }),
      agreedReplyDate: undefined,
      extension: {
        workingDays: 10,
        reason: 'x',
        respondBy: '2026-07-20',
        grantedBy: 'o',
        at: '2026-06-05T10:00:00.000Z',
      },
    };
    expect(plan({ case: kase, timeline: [], policy: hightown, now: new Date(followUp) }).target).toBe('2026-07-15');
  });
});

describe('hazard milestones: watched, warned, told', () => {
  const receivedAt = '2026-12-01T10:00:00.000Z';
  const concludedAt = '2026-12-07T11:00:00.000Z';
  const investigated = (policy: LandlordPolicy, furtherWorksNeeded = false): Case =>
    makeCase(policy, 'hazard-damp-mould', {
      receivedAt,
      createdAt: receivedAt,
      acknowledgedAt: receivedAt,
      respondedAt: concludedAt,
      responseOutcome: 'met',
      status: 'in-progress',
      investigation: {
        concludedAt,
        findings: 'Mould behind the wardrobe',
        worksNeeded: true,
        furtherWorksNeeded,
        by: 'owner-1',
      },
    });

  it('tells the resident at once what was found and what happens next, by when', async () => {
    const sender = new RecordingNoticeSender();
    const outcome = await act(
      { case: investigated(hightown), timeline: [], contact, policy: hightown, now: new Date('2026-12-07T11:00:05Z') },
      { sender },
    );
    expect(outcome.plan).toMatchObject({ action: 'step', key: 'step:investigation-concluded' });
    const body = sender.sent[0]?.body ?? '';
    expect(sender.sent[0]).toMatchObject({ audience: 'resident', purpose: 'other' });
    expect(body).toContain('Mould behind the wardrobe');
    expect(body).toContain(`send you a written summary of what we found by ${formatLocalDate('2026-12-10')}`);
    expect(body).toContain(`make your home safe (the relevant safety work) by ${formatLocalDate('2026-12-14')}`);
  });

  it('warns the owner before each milestone and tells the resident when one slips, with the law', async () => {
    const kase = investigated(blairtummock);
    const told = [noticeEntry(kase.ref, 'step:investigation-concluded', concludedAt)];
    // Blairtummock warns 1 working day ahead: summary due Thursday 10 December → Wednesday 09:00.
    expect(plan({ case: kase, timeline: told, policy: blairtummock, now: new Date(concludedAt) })).toMatchObject({
      action: 'warn-owner',
      at: '2026-12-09T09:00:00.000Z',
      key: 'milestone:summary:owner-warning:2026-12-10',
      milestone: { id: 'summary' },
    });
    const warned = [
      ...told,
      noticeEntry(kase.ref, 'milestone:summary:owner-warning:2026-12-10', '2026-12-09T09:00:00.000Z'),
      noticeEntry(kase.ref, 'milestone:works:owner-warning:2026-12-14', '2026-12-11T09:00:00.000Z'),
    ];
    const sender = new RecordingNoticeSender();
    const outcome = await act(
      { case: kase, timeline: warned, contact, policy: blairtummock, now: new Date('2026-12-11T09:00:00Z') },
      { sender },
    );
    expect(outcome.plan).toMatchObject({ action: 'delay-update', key: 'milestone:summary:slipped:2026-12-10:1' });
    expect(sender.sent[0]?.body).toContain(
      `We told you we would send you a written summary of what we found by ${formatLocalDate('2026-12-10')}`,
    );
    expect(sender.sent[0]?.body).toContain('Investigation and Commencement of Repair (Scotland) Regulations 2026');
  });

  it('a "where possible" milestone alerts staff but is not apologised for', () => {
    const kase = {
      ...investigated(hightown, true),
      milestones: { 'summary-sent': { at: concludedAt, by: 'o' }, 'works-completed': { at: concludedAt, by: 'o' } },
    };
    const planned = runToEnd(kase, hightown, new Date(concludedAt)).filter(
      (p) => p.milestone?.id === 'further-works-begun',
    );
    expect(planned.map((p) => p.action).sort()).toEqual(['alert-manager', 'warn-owner']);
  });

  it('everything done: nothing more is planned', () => {
    const kase: Case = {
      ...investigated(blairtummock),
      status: 'answered',
      milestones: { 'summary-sent': { at: concludedAt, by: 'o' }, 'works-started': { at: concludedAt, by: 'o' } },
    };
    const timeline = ['step:investigation-concluded', 'step:works-started'].map((k) =>
      noticeEntry(kase.ref, k, concludedAt),
    );
    expect(plan({ case: kase, timeline, policy: blairtummock, now: new Date(concludedAt) }).action).toBe('none');
  });
});

describe('complaint notices: the complaint as understood, extensions told at once', () => {
  const received = '2026-12-01T10:00:00.000Z';

  it('the automatic acknowledgement says the stated complaint will follow; once confirmed, it is sent', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'complaint-stage-1', { receivedAt: received, createdAt: received });
    await act({ case: kase, timeline: [], contact, policy: hightown, now: new Date(received) }, { sender });
    expect(sender.sent[0]).toMatchObject({ purpose: 'acknowledgement', key: 'acknowledgement' });
    expect(sender.sent[0]?.body).toContain(
      `We will write to you by ${formatLocalDate('2026-12-08')} to set out your complaint as we understand it`,
    );

    const summarised: Case = {
      ...kase,
      acknowledgedAt: received,
      complaintSummary: { text: 'The boiler repair was missed twice', by: 'owner-1', at: '2026-12-02T11:00:00.000Z' },
    };
    const timeline = [noticeEntry(kase.ref, 'acknowledgement', received)];
    const outcome = await act(
      { case: summarised, timeline, contact, policy: hightown, now: new Date('2026-12-02T11:00:01Z') },
      { sender },
    );
    expect(outcome.plan).toMatchObject({ action: 'complaint-summary' });
    expect(sender.sent[1]).toMatchObject({ purpose: 'acknowledgement', audience: 'resident' });
    expect(sender.sent[1]?.body).toContain('The boiler repair was missed twice');
  });

  it('a summary confirmed before the acknowledgement goes in it', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(blairtummock, 'complaint-stage-2', {
      receivedAt: received,
      createdAt: received,
      complaintSummary: { text: 'Three missed appointments', by: 'owner-1', at: received },
    });
    await act({ case: kase, timeline: [], contact, policy: blairtummock, now: new Date(received) }, { sender });
    expect(sender.sent[0]?.body).toContain('Three missed appointments');
    expect(sender.sent[0]?.body).not.toContain('We will write to you by');
  });

  it.each([
    { label: 'Hightown', policy: hightown, ombudsman: true },
    { label: 'Blairtummock', policy: blairtummock, ombudsman: false },
  ])('$label: an extension is told at once with the reason and the new date', async ({ policy, ombudsman }) => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(policy, 'complaint-stage-1', {
      receivedAt: received,
      createdAt: received,
      acknowledgedAt: received,
      extension: {
        workingDays: 5,
        reason: 'We are waiting for a surveyor’s report',
        respondBy: '2026-12-22',
        grantedBy: 'owner-1',
        at: '2026-12-03T15:00:00.000Z',
      },
    });
    const timeline = [noticeEntry(kase.ref, 'acknowledgement', received)];
    const outcome = await act(
      { case: kase, timeline, contact, policy, now: new Date('2026-12-03T15:00:01Z') },
      { sender },
    );
    expect(outcome.plan).toMatchObject({ action: 'extension', key: 'extension:2026-12-22' });
    const notice = sender.sent[0];
    expect(notice).toMatchObject({ purpose: 'extension', audience: 'resident' });
    expect(notice?.body).toContain('We are waiting for a surveyor’s report');
    expect(notice?.body).toContain(`We will now respond by ${formatLocalDate('2026-12-22')}`);
    expect(notice?.body.includes('Housing Ombudsman Service: PO Box 152')).toBe(ombudsman);
  });
});
