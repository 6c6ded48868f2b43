/**
 * Issue 13 defects: month-end figures see every case open then (wherever it was
 * received), cases closed without a reply are never overdue, and RP02 judges a
 * repair by the landlord's published target for its priority. Figures counted by
 * hand (2030, England: Good Friday 19 April, Easter Monday 22 April, 6 May).
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases.js';
import { decideReopen } from '../src/commands/closure.js';
import type { LandlordPolicy } from '../src/policy.js';
import { monthlyReport, openMonthEnds, regulatorReturn, repairTarget } from '../src/reports/index.js';
import { startRound } from '../src/rounds.js';
import { computeTargets } from '../src/targets.js';
import { contextFor, hightown, makeCase } from './support/context.js';

const policy = hightown;
/** Monday 4 March 2030 10:00 GMT: an email's target is Monday 18 March (10 working days). */
const MARCH_4 = '2030-03-04T10:00:00.000Z';
const APRIL_10 = '2030-04-10T10:00:00.000Z';
const email = (ref: string, over: Partial<Case> = {}) =>
  makeCase(policy, 'email', {
    ref,
    receivedAt: MARCH_4,
    targets: computeTargets(policy, { kind: 'email', received: new Date(MARCH_4) }),
    ...over,
  });
const activity = (cases: Case[], stillOpen: Case[] = []) => ({ cases, stillOpen, messages: [], sent: [], calls: [] });
const now = new Date('2030-06-10T10:00:00.000Z');

// X open and untouched; Y answered late on 2 May; D, M, W closed on 10 April without a reply
// (a duplicate, merged into another case, withdrawn): all past the 18 March target by then.
const X = email('X');
const Y = email('Y', { status: 'answered', respondedAt: '2030-05-02T10:00:00.000Z', responseOutcome: 'missed' });
const closed = { status: 'closed' as const, closedAt: APRIL_10 };
const D = email('D', { ...closed, closedAs: 'duplicate', duplicateOf: 'X' });
const M = email('M', { ...closed, closedAs: 'merged', mergedInto: 'X' });
const W = email('W', closed);

describe('cases open at a month end', () => {
  it('the target is the one counted by hand', () => {
    expect(X.targets.respondBy).toBe('2030-03-18');
  });

  it('counts a case received in March and still open at the end of April and May, from the open cases', () => {
    const april = monthlyReport(policy, '2030-04', activity([Y, D, M, W], [X]), now);
    // Midnight starting 1 May, BST. Open: X (untouched since March) and Y (answered in May); both overdue.
    expect(april.monthEnd).toEqual({ at: '2030-04-30T23:00:00.000Z', open: 2, overdue: 2 });
    const may = monthlyReport(policy, '2030-05', activity([Y], [X]), now);
    expect(may.monthEnd).toEqual({ at: '2030-05-31T23:00:00.000Z', open: 1, overdue: 1 });
  });

  it('never counts a duplicate, a merged or a withdrawn case as overdue, even at a month end before it closed', () => {
    const march = monthlyReport(policy, '2030-03', activity([X, Y, D, M, W]), now);
    // All five open at the end of March; only X and Y owed an answer of their own.
    expect(march.monthEnd).toEqual({ at: '2030-03-31T23:00:00.000Z', open: 5, overdue: 2 });
    expect(march.standards.find((s) => s.kind === 'email')).toMatchObject({
      due: 2,
      met: 0,
      missed: 1,
      openOverdue: 1,
      closedWithoutReply: 3,
    });
  });

  it('files a case under each month at whose end an answer of it was open, by its own instants', () => {
    expect(openMonthEnds(Y, Y.respondedAt as string, 'Europe/London')).toEqual(['2030-03', '2030-04']);
    expect(openMonthEnds(X, now.toISOString(), 'Europe/London')).toEqual(['2030-03', '2030-04', '2030-05']);
    expect(openMonthEnds(D, APRIL_10, 'Europe/London')).toEqual(['2030-03']);
    // Answered 8 March; the resident writes again 15 April: open again at the ends of April and May only.
    const answered = email('R', {
      status: 'answered',
      respondedAt: '2030-03-08T10:00:00.000Z',
      responseOutcome: 'met',
    });
    let n = 0;
    const again = startRound(policy, answered, {
      received: new Date('2030-04-15T10:00:00.000Z'),
      kind: 'email',
      because: 'follow-up',
      now: '2030-04-15T10:00:00.000Z',
      newId: () => `id-${n++}`,
    }).case;
    expect(openMonthEnds(again, now.toISOString(), 'Europe/London')).toEqual(['2030-04', '2030-05']);
  });

  it('reopening a duplicate makes it owe its own answer again', () => {
    const { case: reopened } = decideReopen(contextFor(D, 'manager', { now: '2030-04-11T10:00:00.000Z' }), {
      reason: 'Not a duplicate after all',
    });
    expect(reopened).toMatchObject({ status: 'in-progress' });
    expect(reopened.closedAs).toBeUndefined();
    expect(reopened.duplicateOf).toBeUndefined();
  });
});

describe('the regulator return', () => {
  it('counts a complaint closed as a duplicate of another once, at the other (CH01)', () => {
    const complaint = (ref: string, over: Partial<Case> = {}) =>
      makeCase(policy, 'complaint-stage-1', {
        ref,
        receivedAt: '2030-04-02T10:00:00.000Z',
        classification: { category: 'complaint', kind: 'complaint-stage-1', reason: 'x', decidedBy: 'system' },
        ...over,
      });
    const year = regulatorReturn(policy, 2030, [
      activity([complaint('C1'), complaint('C2', { status: 'closed', closedAt: APRIL_10, closedAs: 'duplicate' })]),
    ]);
    expect(year).toMatchObject({ CH01: { stage1: { received: 1, perThousandHomes: 0.8 } } });
  });

  // A TSM landlord that publishes repair timescales (Hightown's customer service policy publishes none).
  const withRepairs = {
    ...policy,
    reporting: {
      ...policy.reporting,
      repairTargets: {
        emergency: { hours: 24, basis: 'test: emergency repairs within 24 hours' },
        standard: { workingDays: 10, basis: 'test: standard repairs within 10 working days' },
      },
    },
  } as LandlordPolicy;
  const repair = (ref: string, priority: 'emergency' | 'standard', receivedAt: string, done: string, over = {}) =>
    makeCase(policy, 'email', {
      ref,
      receivedAt,
      targets: computeTargets(policy, { kind: 'email', received: new Date(receivedAt) }),
      classification: { category: 'repair', priority, kind: 'email', reason: 'x', decidedBy: 'officer' },
      milestones: { 'works-completed': { at: done, by: 'owner' } },
      ...over,
    });
  // E1: reported Monday 3 June 07:00 UTC, a later visit agreed for Friday 7 June, done 5 June 10:00 (51 hours).
  const E1 = repair('E1', 'emergency', '2030-06-03T07:00:00.000Z', '2030-06-05T10:00:00.000Z', {
    agreedReplyDate: '2030-06-07',
    agreedReplyAt: '2030-06-03T08:00:00.000Z',
  });
  // E2: done in 6 hours.
  const E2 = repair('E2', 'emergency', '2030-06-03T07:00:00.000Z', '2030-06-03T13:00:00.000Z');
  // S1: reported Friday 2 August; 10 working days is Friday 16 August; extended to 30 August; done Monday 19 August.
  const S1 = repair('S1', 'standard', '2030-08-02T10:00:00.000Z', '2030-08-19T10:00:00.000Z', {
    extension: {
      workingDays: 10,
      reason: 'parts',
      respondBy: '2030-08-30',
      grantedBy: 'owner',
      at: '2030-08-05T10:00:00.000Z',
    },
  });

  it('judges RP02 by the published target for the priority, never one moved for the case', () => {
    expect(repairTarget(withRepairs, E1)).toBe('2030-06-04T07:00:00.000Z');
    expect(repairTarget(withRepairs, S1)).toBe('2030-08-16');
    expect(regulatorReturn(withRepairs, 2030, [activity([E1, E2, S1])])).toMatchObject({
      RP02: {
        emergency: { completed: 2, withinTarget: 1, proportion: 0.5 },
        nonEmergency: { completed: 1, withinTarget: 0, proportion: 0 },
      },
    });
  });

  it('judges no repair within target where the landlord publishes no timescale for it (Hightown)', () => {
    expect(repairTarget(policy, E2)).toBeUndefined();
    expect(regulatorReturn(policy, 2030, [activity([E2])])).toMatchObject({
      RP02: { emergency: { completed: 1, withinTarget: 0, proportion: null } },
    });
  });
});
