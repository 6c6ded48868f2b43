import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases.js';
import { decideEscalate } from '../src/commands/classification.js';
import { median, monthlyReport, percentile, regulatorReturn } from '../src/reports/index.js';
import { startRound } from '../src/rounds.js';
import { contextFor, hightown, makeCase } from './support/context.js';

const policy = hightown;
const email = (ref: string, over: Partial<Case> = {}) => makeCase(policy, 'email', { ref, ...over });
const month = (cases: Case[], extra: Partial<Parameters<typeof monthlyReport>[2]> = {}) => ({
  cases,
  messages: [],
  sent: [],
  calls: [],
  ...extra,
});

describe('the monthly report', () => {
  // Received 1 December 2026 10:00: the email target is 15 December (10 working days).
  const now = new Date('2026-12-20T10:00:00Z');

  it('judges each answer against the target that applied, and keeps closed-without-reply apart', () => {
    const report = monthlyReport(
      policy,
      '2026-12',
      month([
        email('A', { respondedAt: '2026-12-10T10:00:00Z', responseOutcome: 'met', status: 'answered' }),
        email('B', { respondedAt: '2026-12-16T10:00:00Z', responseOutcome: 'missed', status: 'answered' }),
        email('C'), // 15 December passed unanswered
        email('D', { status: 'closed', closedAt: '2026-12-02T10:00:00Z' }), // a duplicate closed without reply
        email('G', { agreedReplyDate: '2026-12-30', agreedReplyAt: '2026-12-02T10:00:00Z' }), // agreed date ahead
      ]),
      now,
    );
    expect(report.responses).toEqual({
      answeredOnTime: 1,
      answeredLate: 1,
      openOverdue: 1,
      openNotYetDue: 1,
      closedWithoutReply: 1,
      onTimeRate: 0.333,
    });
    expect(report.standards.find((s) => s.kind === 'email')).toMatchObject({
      target: '10 working days',
      due: 4,
      met: 1,
      missed: 1,
      openOverdue: 1,
      closedWithoutReply: 1,
      // 1 Dec → 10 Dec is 7 working days, → 16 Dec 11.
      medianWorkingDays: 9,
      p90WorkingDays: 11,
    });
  });

  it('keeps an on-time reply on time when the resident writes again (answers are per round)', () => {
    const answered = email('F', { respondedAt: '2026-12-10T10:00:00Z', responseOutcome: 'met', status: 'answered' });
    let n = 0;
    const followUp = startRound(policy, answered, {
      received: new Date('2026-12-14T10:00:00Z'),
      kind: 'email',
      because: 'follow-up',
      now: '2026-12-14T10:00:00Z',
      newId: () => `id-${n++}`,
    }).case;
    const report = monthlyReport(policy, '2026-12', month([followUp]), now);
    // Two answers: the first met, the follow-up (target 29 December) still ahead.
    expect(report.standards.find((s) => s.kind === 'email')).toMatchObject({
      due: 2,
      met: 1,
      missed: 0,
      openOverdue: 0,
    });
  });

  it('counts phone messages and voicemails, visits apart, and the switchboard against its 15 seconds', () => {
    const at = '2026-12-02T10:00:00Z';
    const report = monthlyReport(
      policy,
      '2026-12',
      month([], {
        messages: [
          { caseRef: 'X', channel: 'phone', receivedAt: at, logged: { kind: 'voicemail', loggedBy: 'o' } },
          { caseRef: 'Y', channel: 'phone', receivedAt: at, logged: { kind: 'phone-message', loggedBy: 'o' } },
          { caseRef: 'Z', channel: 'in-person', receivedAt: at, logged: { kind: 'visit', loggedBy: 'o' } },
        ],
        calls: [
          { callId: '1', offeredAt: at, answeredAt: '2026-12-02T10:00:15Z', outcome: 'answered' },
          { callId: '2', offeredAt: at, answeredAt: '2026-12-02T10:00:16Z', outcome: 'answered' },
          { callId: '3', offeredAt: at, outcome: 'abandoned' },
        ],
      }),
      now,
    );
    expect(report.phoneMessages).toMatchObject({ received: 2, voicemails: 1, visits: 1 });
    expect(report.calls).toEqual({
      offered: 3,
      answered: 2,
      abandoned: 1,
      answeredWithinStandard: 1,
      standardSeconds: 15,
      withinStandardRate: 0.333,
    });
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => monthlyReport(policy, '2026-13', month([]), now)).toThrow(/not a month/);
  });
});

describe('escalation keeps stage 1', () => {
  it('counts stage 1 in the year it was received and stage 2 in the year it was escalated', async () => {
    // Stage 1 received 2 March 2026 (2025-26), answered; escalated 7 April 2026 (2026-27).
    const stageOne = makeCase(policy, 'complaint-stage-1', {
      receivedAt: '2026-03-02T10:00:00.000Z',
      acknowledgedAt: '2026-03-02T11:00:00.000Z',
      respondedAt: '2026-03-10T10:00:00.000Z',
      responseOutcome: 'met',
      status: 'answered',
      classification: { category: 'complaint', kind: 'complaint-stage-1', reason: 'x', decidedBy: 'system' },
    });
    const ctx = contextFor(stageOne, 'manager', { now: '2026-04-07T10:00:00.000Z' });
    const { case: escalated } = await decideEscalate(ctx, {
      reason: 'Not resolved',
      ownerId: 'mate',
      requestedAt: '2026-04-07T09:00:00.000Z',
    });
    expect(escalated.previousAnswers?.[0]).toMatchObject({
      kind: 'complaint-stage-1',
      respondedAt: '2026-03-10T10:00:00.000Z',
      responseOutcome: 'met',
    });
    const activity = month([escalated]);
    const before = regulatorReturn(policy, 2025, [activity]);
    const after = regulatorReturn(policy, 2026, [activity]);
    expect(before).toMatchObject({ CH01: { stage1: { received: 1 }, stage2: { received: 0 } } });
    expect(before).toMatchObject({ CH02: { stage1: { responded: 1, withinTimescale: 1, proportion: 1 } } });
    expect(after).toMatchObject({ CH01: { stage1: { received: 0 }, stage2: { received: 1, perThousandHomes: 0.8 } } });
  });
});

describe('percentiles', () => {
  it('takes the median of the middle two and the nearest-rank 90th', () => {
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 90)).toBeNull();
  });
});
