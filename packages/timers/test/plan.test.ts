import type { CaseKind, LandlordPolicy } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { delayUpdateAt, MAX_SEND_ATTEMPTS, plan, RETRY_AFTER_FAILURE_MS } from '../src/index.js';
import { blairtummock, hightown, makeCase, noticeEntry, RECEIVED } from './support.js';

const ACKNOWLEDGED = '2026-03-03T10:05:00.000Z';
const JUST_AFTER = new Date('2026-03-03T10:06:00.000Z');

/**
 * Every target kind of both presets, for a contact received Tuesday 3 March
 * 2026 at 10:00 and acknowledged five minutes later: the response target, when
 * the owner is warned, and when the delay update and manager alert go if the
 * target passes unanswered. London is on GMT until 29 March, BST (UTC+1) after.
 */
const KINDS: [string, LandlordPolicy, CaseKind, { target: string; warnAt: string; overdueAt: string }][] = [
  // Hightown warns 2 working days ahead; a phone message (2 days) arrives inside that window: warned at once.
  [
    'hightown',
    hightown,
    'phone-message',
    { target: '2026-03-05', warnAt: RECEIVED, overdueAt: '2026-03-06T09:00:00.000Z' },
  ],
  [
    'hightown',
    hightown,
    'email',
    { target: '2026-03-17', warnAt: '2026-03-13T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'hightown',
    hightown,
    'letter',
    { target: '2026-03-17', warnAt: '2026-03-13T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'hightown',
    hightown,
    'sms',
    { target: '2026-03-17', warnAt: '2026-03-13T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'hightown',
    hightown,
    'web-form',
    { target: '2026-03-17', warnAt: '2026-03-13T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  // Complaints count 10 / 20 working days from the actual acknowledgement (3 March), not its deadline.
  [
    'hightown',
    hightown,
    'complaint-stage-1',
    { target: '2026-03-17', warnAt: '2026-03-13T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'hightown',
    hightown,
    'complaint-stage-2',
    { target: '2026-03-31', warnAt: '2026-03-27T09:00:00.000Z', overdueAt: '2026-04-01T08:00:00.000Z' },
  ],
  // Blairtummock warns 1 working day ahead; a call is returned the same day: warned at once.
  [
    'blairtummock',
    blairtummock,
    'phone-message',
    { target: '2026-03-03', warnAt: RECEIVED, overdueAt: '2026-03-04T09:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'letter',
    { target: '2026-03-17', warnAt: '2026-03-16T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'email',
    { target: '2026-03-17', warnAt: '2026-03-16T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'sms',
    { target: '2026-03-17', warnAt: '2026-03-16T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'web-form',
    { target: '2026-03-17', warnAt: '2026-03-16T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'complaint-stage-1',
    { target: '2026-03-10', warnAt: '2026-03-09T09:00:00.000Z', overdueAt: '2026-03-11T09:00:00.000Z' },
  ],
  // Monday 30 March is BST: 09:00 local is 08:00 UTC.
  [
    'blairtummock',
    blairtummock,
    'complaint-stage-2',
    { target: '2026-03-31', warnAt: '2026-03-30T08:00:00.000Z', overdueAt: '2026-04-01T08:00:00.000Z' },
  ],
  // 24 clock hours; the owner is warned with a quarter (6 hours) left — 04:00, so at 09:00 when the
  // office opens, still before the target (issue 11: never at night); missed at the instant.
  [
    'blairtummock',
    blairtummock,
    'repair-emergency',
    { target: '2026-03-04T10:00:00.000Z', warnAt: '2026-03-04T09:00:00.000Z', overdueAt: '2026-03-04T10:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'repair-urgent',
    { target: '2026-03-10', warnAt: '2026-03-09T09:00:00.000Z', overdueAt: '2026-03-11T09:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'repair-standard',
    { target: '2026-03-17', warnAt: '2026-03-16T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  // 30 working days over Good Friday (a Scottish bank holiday; Easter Monday is not one).
  [
    'blairtummock',
    blairtummock,
    'repair-programmed',
    { target: '2026-04-15', warnAt: '2026-04-14T08:00:00.000Z', overdueAt: '2026-04-16T08:00:00.000Z' },
  ],
  // Issue 11: the statutory hazard clocks — 24 clock hours, and damp and mould investigated in 10 working days.
  [
    'hightown',
    hightown,
    'hazard-emergency',
    { target: '2026-03-04T10:00:00.000Z', warnAt: '2026-03-04T09:00:00.000Z', overdueAt: '2026-03-04T10:00:00.000Z' },
  ],
  [
    'hightown',
    hightown,
    'hazard-damp-mould',
    { target: '2026-03-17', warnAt: '2026-03-13T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'hazard-emergency',
    { target: '2026-03-04T10:00:00.000Z', warnAt: '2026-03-04T09:00:00.000Z', overdueAt: '2026-03-04T10:00:00.000Z' },
  ],
  [
    'blairtummock',
    blairtummock,
    'hazard-damp-mould',
    { target: '2026-03-17', warnAt: '2026-03-16T09:00:00.000Z', overdueAt: '2026-03-18T09:00:00.000Z' },
  ],
];

const stage2 = (kind: CaseKind) => (kind === 'complaint-stage-2' ? 'stage-2:' : '');

describe('plan: every target kind of both presets', () => {
  it('covers every kind each preset sets a target for', () => {
    for (const policy of [hightown, blairtummock]) {
      const tested = KINDS.filter(([, p]) => p === policy).map(([, , kind]) => kind);
      expect(tested.sort()).toEqual(Object.keys(policy.targets).sort());
    }
  });

  it.each(KINDS)('%s %s: a new case is acknowledged at once', (_, policy, kind) => {
    const kase = makeCase(policy, kind);
    expect(plan({ case: kase, timeline: [], policy, now: JUST_AFTER })).toMatchObject({
      action: 'acknowledge',
      at: RECEIVED,
      key: `${stage2(kind)}acknowledgement`,
    });
  });

  it.each(KINDS)('%s %s: once acknowledged, the owner is warned ahead of the target', (_, policy, kind, expected) => {
    const kase = makeCase(policy, kind, { acknowledgedAt: ACKNOWLEDGED });
    expect(plan({ case: kase, timeline: [], policy, now: JUST_AFTER })).toMatchObject({
      action: 'warn-owner',
      at: expected.warnAt,
      key: `${stage2(kind)}owner-warning:${expected.target}`,
      target: expected.target,
    });
  });

  it.each(KINDS)(
    '%s %s: a missed target brings a delay update, then the manager alert',
    (_, policy, kind, expected) => {
      const kase = makeCase(policy, kind, { acknowledgedAt: ACKNOWLEDGED });
      const warned = [noticeEntry(kase.ref, `${stage2(kind)}owner-warning:${expected.target}`, expected.warnAt)];
      const now = new Date(expected.overdueAt);
      const first = plan({ case: kase, timeline: warned, policy, now });
      expect(first).toMatchObject({
        action: 'delay-update',
        at: expected.overdueAt,
        key: `${stage2(kind)}delay-update:${expected.target}:1`,
        sequence: 1,
      });
      const told = [...warned, noticeEntry(kase.ref, first.key, expected.overdueAt)];
      expect(plan({ case: kase, timeline: told, policy, now })).toMatchObject({
        action: 'alert-manager',
        at: expected.overdueAt,
        key: `${stage2(kind)}manager-alert:${expected.target}`,
      });
    },
  );

  it.each(KINDS)('%s %s: an answered case plans nothing more', (_, policy, kind) => {
    const kase = makeCase(policy, kind, {
      acknowledgedAt: ACKNOWLEDGED,
      respondedAt: '2026-03-03T15:00:00.000Z',
      status: 'answered',
    });
    expect(plan({ case: kase, timeline: [], policy, now: new Date('2026-06-01T09:00:00Z') })).toMatchObject({
      action: 'none',
      key: '',
    });
  });
});

describe('plan: moving targets and the rules around them', () => {
  const now = JUST_AFTER;

  it('answered early, before any notice: nothing, not even an acknowledgement', () => {
    const kase = makeCase(hightown, 'email', { respondedAt: '2026-03-03T10:01:00.000Z', status: 'answered' });
    expect(plan({ case: kase, timeline: [], policy: hightown, now }).action).toBe('none');
  });

  it('Blairtummock: a full reply within the 3 acknowledgement days makes the acknowledgement unnecessary', () => {
    const kase = makeCase(blairtummock, 'letter', { respondedAt: '2026-03-05T11:00:00.000Z', status: 'answered' });
    expect(
      plan({ case: kase, timeline: [], policy: blairtummock, now: new Date('2026-03-05T11:01:00Z') }),
    ).toMatchObject({
      action: 'none',
      reason: 'the case has been answered',
    });
  });

  it('a closed case plans nothing', () => {
    const kase = makeCase(hightown, 'email', { status: 'closed', closedAt: '2026-03-04T09:00:00.000Z' });
    expect(plan({ case: kase, timeline: [], policy: hightown, now }).action).toBe('none');
  });

  it('an agreed date replaces the target: warning, delay update and new date follow it', () => {
    const kase = makeCase(hightown, 'email', { acknowledgedAt: ACKNOWLEDGED, agreedReplyDate: '2026-03-20' });
    expect(plan({ case: kase, timeline: [], policy: hightown, now })).toMatchObject({
      action: 'warn-owner',
      at: '2026-03-18T09:00:00.000Z',
      key: 'owner-warning:2026-03-20',
    });
    // Friday 20 March missed: told on Monday morning (issue 11: never at a weekend), with a date 5 working days on.
    const warned = [noticeEntry(kase.ref, 'owner-warning:2026-03-20', '2026-03-18T09:00:00.000Z')];
    expect(
      plan({ case: kase, timeline: warned, policy: hightown, now: new Date('2026-03-21T09:00:00Z') }),
    ).toMatchObject({
      action: 'delay-update',
      at: '2026-03-23T09:00:00.000Z',
      key: 'delay-update:2026-03-20:1',
      newDate: '2026-03-27',
    });
  });

  it('a later delay update gives the date the resident was told when a department was asked after the target', () => {
    const kase = makeCase(hightown, 'email', {
      acknowledgedAt: ACKNOWLEDGED,
      agreedReplyDate: '2026-03-20',
      promisedReplyDate: '2026-04-02',
      promisedReplyAt: '2026-03-24T10:00:00.000Z',
    });
    const settled = [
      noticeEntry(kase.ref, 'owner-warning:2026-03-20', '2026-03-18T09:00:00.000Z'),
      noticeEntry(kase.ref, 'delay-update:2026-03-20:1', '2026-03-23T09:00:00.000Z'),
      noticeEntry(kase.ref, 'manager-alert:2026-03-20', '2026-03-23T09:00:00.000Z'),
    ];
    expect(
      plan({ case: kase, timeline: settled, policy: hightown, now: new Date('2026-03-30T09:00:00Z') }),
    ).toMatchObject({ action: 'delay-update', key: 'delay-update:2026-03-20:2', newDate: '2026-04-02' });
  });

  it('an agreed date earlier than the policy target: once it passes, the resident is given the policy target', () => {
    const kase = makeCase(hightown, 'email', { acknowledgedAt: ACKNOWLEDGED, agreedReplyDate: '2026-03-12' });
    const warned = [noticeEntry(kase.ref, 'owner-warning:2026-03-12', '2026-03-10T09:00:00.000Z')];
    expect(
      plan({ case: kase, timeline: warned, policy: hightown, now: new Date('2026-03-13T09:30:00Z') }),
    ).toMatchObject({
      action: 'delay-update',
      key: 'delay-update:2026-03-12:1',
      newDate: '2026-03-17',
    });
  });

  it('an extension moves the target (and so the warning) out', () => {
    const kase = makeCase(hightown, 'complaint-stage-1', {
      acknowledgedAt: ACKNOWLEDGED,
      extension: {
        workingDays: 10,
        reason: 'Waiting for a surveyor',
        respondBy: '2026-03-31',
        grantedBy: 'owner-1',
        at: '2026-03-12T10:00:00.000Z',
      },
    });
    // The warning for the old target was sent; the new target gets its own. (The resident was told of the
    // extension when it was recorded.)
    const timeline = [
      noticeEntry(kase.ref, 'owner-warning:2026-03-17', '2026-03-13T09:00:00.000Z'),
      noticeEntry(kase.ref, 'extension:2026-03-31', '2026-03-12T10:00:01.000Z'),
    ];
    expect(plan({ case: kase, timeline, policy: hightown, now: new Date('2026-03-16T10:00:00Z') })).toMatchObject({
      action: 'warn-owner',
      at: '2026-03-27T09:00:00.000Z',
      key: 'owner-warning:2026-03-31',
    });
  });

  it('stage 1 → stage 2: the escalated case is acknowledged again and runs to its new targets', () => {
    // Stage 1 was acknowledged and warned on the same case; escalation clears acknowledgedAt and retargets.
    const stageOne = makeCase(hightown, 'complaint-stage-1', { acknowledgedAt: ACKNOWLEDGED });
    const timeline = [
      noticeEntry(stageOne.ref, 'acknowledgement', ACKNOWLEDGED),
      noticeEntry(stageOne.ref, 'owner-warning:2026-03-17', '2026-03-13T09:00:00.000Z'),
    ];
    const escalated = makeCase(hightown, 'complaint-stage-2', {
      receivedAt: '2026-03-16T11:00:00.000Z',
      createdAt: RECEIVED,
      stageOneOwnerId: 'owner-1',
      ownerId: 'owner-2',
    });
    const at = new Date('2026-03-16T11:00:01Z');
    const first = plan({ case: escalated, timeline, policy: hightown, now: at });
    expect(first).toMatchObject({ action: 'acknowledge', key: 'stage-2:acknowledgement' });
    expect(new Date(first.at) <= at).toBe(true);
    // Acknowledged on 16 March: 20 working days from then, over Easter (3 and 6 April) → 15 April.
    const acknowledged = { ...escalated, acknowledgedAt: '2026-03-16T11:00:02.000Z' };
    expect(plan({ case: acknowledged, timeline, policy: hightown, now: at })).toMatchObject({
      action: 'warn-owner',
      key: 'stage-2:owner-warning:2026-04-15',
      at: '2026-04-13T08:00:00.000Z',
    });
  });

  it('a reclassification to a shorter target re-plans to it, warning at once when already inside the window', () => {
    const kase = makeCase(blairtummock, 'email', { acknowledgedAt: ACKNOWLEDGED });
    const retargeted = makeCase(blairtummock, 'repair-urgent', { acknowledgedAt: ACKNOWLEDGED });
    const on9th = new Date('2026-03-09T14:00:00Z');
    expect(plan({ case: kase, timeline: [], policy: blairtummock, now: on9th }).key).toBe('owner-warning:2026-03-17');
    expect(plan({ case: retargeted, timeline: [], policy: blairtummock, now: on9th })).toMatchObject({
      action: 'warn-owner',
      at: '2026-03-09T09:00:00.000Z',
      key: 'owner-warning:2026-03-10',
    });
  });

  it('emergency repair: an hours target passes at its instant; what follows waits for office hours (issue 11)', () => {
    const kase = makeCase(blairtummock, 'repair-emergency', {
      receivedAt: '2026-03-06T22:30:00.000Z',
      createdAt: '2026-03-06T22:30:00.000Z',
      acknowledgedAt: '2026-03-06T22:31:00.000Z',
    });
    // Due Saturday 22:30: the offices are not open before then, so no warning; the resident hears on
    // Monday at 09:00, not on Saturday night, and the next date is 5 working days on.
    expect(
      plan({ case: kase, timeline: [], policy: blairtummock, now: new Date('2026-03-06T22:32:00Z') }),
    ).toMatchObject({
      action: 'delay-update',
      at: '2026-03-09T09:00:00.000Z',
      key: 'delay-update:2026-03-07T22:30:00.000Z:1',
      newDate: '2026-03-13',
    });
  });

  it('further delay updates every 5 working days while unanswered, each giving the next date', () => {
    const kase = makeCase(hightown, 'email', { acknowledgedAt: ACKNOWLEDGED });
    const timeline = [
      noticeEntry(kase.ref, 'owner-warning:2026-03-17', '2026-03-13T09:00:00.000Z'),
      noticeEntry(kase.ref, 'delay-update:2026-03-17:1', '2026-03-18T09:00:00.000Z'),
      noticeEntry(kase.ref, 'manager-alert:2026-03-17', '2026-03-18T09:00:01.000Z'),
    ];
    expect(plan({ case: kase, timeline, policy: hightown, now: new Date('2026-03-18T10:00:00Z') })).toMatchObject({
      action: 'delay-update',
      at: '2026-03-25T09:00:00.000Z',
      key: 'delay-update:2026-03-17:2',
      sequence: 2,
      newDate: '2026-03-31',
    });
  });

  it('after a long outage only the latest delay update goes, then the manager alert', () => {
    const kase = makeCase(hightown, 'email', { acknowledgedAt: ACKNOWLEDGED });
    // 17 March + 5, 10, 15 working days (Easter: 3 and 6 April) = 24, 31 March, 9 April; on 10 April update 4 is due.
    const now = new Date('2026-04-10T12:00:00Z');
    // What fell due goes in order: the owner's warning first, even late…
    expect(plan({ case: kase, timeline: [], policy: hightown, now })).toMatchObject({
      action: 'warn-owner',
      at: '2026-03-13T09:00:00.000Z',
    });
    // …but the resident gets one delay update, not four.
    const warned = [noticeEntry(kase.ref, 'owner-warning:2026-03-17', now.toISOString())];
    const first = plan({ case: kase, timeline: warned, policy: hightown, now });
    expect(first).toMatchObject({
      action: 'delay-update',
      key: 'delay-update:2026-03-17:4',
      at: '2026-04-10T08:00:00.000Z',
    });
    const next = plan({
      case: kase,
      timeline: [...warned, noticeEntry(kase.ref, first.key, now.toISOString())],
      policy: hightown,
      now,
    });
    expect(next).toMatchObject({ action: 'alert-manager', key: 'manager-alert:2026-03-17' });
    expect(new Date(next.at) <= now).toBe(true);
  });

  it('a case most of a year overdue gets the latest delay update due, the same as counting them one by one', () => {
    const kase = makeCase(hightown, 'email', { acknowledgedAt: ACKNOWLEDGED });
    const now = new Date('2026-12-01T12:00:00Z');
    let counted = 1;
    while (delayUpdateAt('2026-03-17', counted + 1, hightown) <= now) counted++;
    const warned = [noticeEntry(kase.ref, 'owner-warning:2026-03-17', '2026-03-13T09:00:00.000Z')];
    expect(counted).toBeGreaterThan(30);
    expect(plan({ case: kase, timeline: warned, policy: hightown, now })).toMatchObject({
      action: 'delay-update',
      key: `delay-update:2026-03-17:${counted}`,
      sequence: counted,
    });
    // One sent a week ago: the next is the one after it, not one counted again from the target.
    const sent = [
      ...warned,
      noticeEntry(kase.ref, `delay-update:2026-03-17:${counted}`, '2026-11-24T09:00:00.000Z'),
      noticeEntry(kase.ref, 'manager-alert:2026-03-17', '2026-11-24T09:00:01.000Z'),
    ];
    expect(plan({ case: kase, timeline: sent, policy: hightown, now })).toMatchObject({
      key: `delay-update:2026-03-17:${counted + 1}`,
      at: delayUpdateAt('2026-03-17', counted + 1, hightown).toISOString(),
    });
  });

  it('keys the workflow settled but the timeline does not show yet are not planned again', () => {
    const kase = makeCase(hightown, 'email');
    expect(plan({ case: kase, timeline: [], policy: hightown, now, settled: ['acknowledgement'] }).action).toBe(
      'warn-owner',
    );
  });

  it('a notice NoticeSender skipped (no usable channel) is not retried', () => {
    const kase = makeCase(hightown, 'email');
    const timeline = [noticeEntry(kase.ref, 'acknowledgement', RECEIVED, 'notice-skipped')];
    expect(plan({ case: kase, timeline, policy: hightown, now }).action).toBe('warn-owner');
  });

  it('a failed notice is tried again later, and given up after repeated failures', () => {
    const kase = makeCase(hightown, 'email');
    const failedAt = '2026-03-03T10:00:05.000Z';
    const once = [noticeEntry(kase.ref, 'acknowledgement', failedAt, 'notice-failed')];
    expect(plan({ case: kase, timeline: once, policy: hightown, now })).toMatchObject({
      action: 'acknowledge',
      at: new Date(new Date(failedAt).getTime() + RETRY_AFTER_FAILURE_MS).toISOString(),
    });
    const many = Array.from({ length: MAX_SEND_ATTEMPTS }, () =>
      noticeEntry(kase.ref, 'acknowledgement', failedAt, 'notice-failed'),
    );
    expect(plan({ case: kase, timeline: many, policy: hightown, now }).action).toBe('warn-owner');
  });

  it('is pure: the same input gives the same plan', () => {
    const kase = makeCase(blairtummock, 'repair-standard');
    const input = { case: kase, timeline: [], policy: blairtummock, now };
    expect(plan(input)).toEqual(plan(structuredClone(input)));
  });
});
