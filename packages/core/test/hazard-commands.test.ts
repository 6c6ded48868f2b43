/**
 * The hazard and milestone commands, and responses measured by what happened
 * (issue 11), as the pure decisions they are.
 */
import { describe, expect, it } from 'vitest';
import type { Case, HazardFlag } from '../src/cases.js';
import {
  decideHazardConfirm,
  decideHazardRuleOut,
  decideInvestigation,
  decideMilestone,
  decideRepairCompleted,
  decideWorksStarted,
} from '../src/commands/hazards.js';
import { decideResponded } from '../src/commands/responses.js';
import { outstandingMilestones } from '../src/milestones.js';
import { blairtummock, contextFor, hightown, makeCase, NOW } from './support/context.js';
import { refusal } from './support/refusal.js';

const suspected = (over: Partial<HazardFlag> = {}): HazardFlag => ({
  kind: 'hazard-damp-mould',
  sign: 'damp or mould',
  words: 'mould',
  status: 'suspected',
  otherwise: { category: 'repair', priority: 'standard', kind: 'email', reason: 'standard repair wording: "mould"' },
  ...over,
});

function dampCase(policy = hightown, over: Partial<Case> = {}): Case {
  const base = makeCase(policy, 'hazard-damp-mould', over);
  return {
    ...base,
    classification: {
      category: 'repair',
      priority: 'standard',
      kind: 'hazard-damp-mould',
      reason: 'x',
      decidedBy: 'system',
      hazard: suspected(),
    },
    ...over,
  };
}

/** Four working days on: Monday 7 December 2026. */
const LATER = '2026-12-07T11:00:00.000Z';

describe('hazard-confirm and hazard-rule-out', () => {
  it('confirming a suspected hazard keeps the clock that started at receipt', () => {
    const kase = dampCase();
    const change = decideHazardConfirm(contextFor(kase, 'owner', { now: LATER }), { reason: 'Seen on the photo' });
    expect(change.case.kind).toBe('hazard-damp-mould');
    expect(change.case.targets).toEqual(kase.targets);
    expect(change.case.targets.respondBy).toBe('2026-12-15');
    expect(change.case.classification.hazard).toMatchObject({
      status: 'confirmed',
      decidedBy: 'owner',
      reason: 'Seen on the photo',
    });
    expect(change.timeline[0]?.type).toBe('hazard-confirmed');
  });

  it('an officer can flag a hazard the words missed: its targets count from the receipt, not from now', () => {
    const kase = makeCase(blairtummock, 'email');
    const change = decideHazardConfirm(contextFor(kase, 'owner', { policy: blairtummock, now: LATER }), {
      kind: 'hazard-emergency',
      reason: 'Resident phoned: gas smell',
    });
    expect(change.case).toMatchObject({ kind: 'hazard-emergency', targets: { respondBy: '2026-12-02T10:00:00.000Z' } });
    expect(change.case.classification.hazard?.otherwise.kind).toBe('email');
  });

  it('ruling out returns the case to what it was without the hazard, counted from receipt, with the reason', () => {
    const kase = dampCase(blairtummock);
    const flagged = {
      ...kase,
      classification: {
        ...kase.classification,
        hazard: suspected({
          otherwise: { category: 'repair', priority: 'standard', kind: 'repair-standard', reason: 'r' },
        }),
      },
    };
    const change = decideHazardRuleOut(contextFor(flagged, 'owner', { policy: blairtummock, now: LATER }), {
      reason: 'Only a cracked tile; no damp',
    });
    expect(change.case).toMatchObject({ kind: 'repair-standard', targets: { respondBy: '2026-12-15' } });
    expect(change.case.classification.hazard).toMatchObject({
      status: 'ruled-out',
      reason: 'Only a cracked tile; no damp',
    });
  });

  it('nothing to rule out on a case without a hazard', () => {
    expect(refusal(() => decideHazardRuleOut(contextFor(makeCase(hightown, 'email')), { reason: 'x' })).kind).toBe(
      'conflict',
    );
  });

  it('a contributor cannot confirm', () => {
    expect(refusal(() => decideHazardConfirm(contextFor(dampCase(), 'repairs'), { reason: 'x' })).kind).toBe(
      'forbidden',
    );
  });
});

describe('investigation concluded, and the milestones after it', () => {
  it('meets the 10-working-day investigation target; the milestones are then owed', () => {
    const change = decideInvestigation(contextFor(dampCase(), 'owner', { now: LATER }), {
      findings: 'Black mould behind the wardrobe; extractor fan broken',
      worksNeeded: true,
      furtherWorksNeeded: true,
    });
    expect(change.case).toMatchObject({
      respondedAt: LATER,
      responseOutcome: 'met',
      responseMethod: 'investigation',
      status: 'in-progress',
      investigation: { worksNeeded: true, furtherWorksNeeded: true, concludedAt: LATER },
    });
    expect(outstandingMilestones(hightown, change.case).map((m) => [m.id, m.due])).toEqual([
      ['summary', '2026-12-10'],
      ['works', '2026-12-14'],
      ['further-works-begun', '2026-12-14'],
      ['further-works-started', '2027-03-01'],
    ]);
  });

  it('an investigation after the target misses it', () => {
    const change = decideInvestigation(contextFor(dampCase(), 'owner', { now: '2026-12-16T10:00:00.000Z' }), {
      findings: 'Mould',
      worksNeeded: false,
    });
    expect(change.case.responseOutcome).toBe('missed');
  });

  it('the time given is when it concluded, not when it was typed in; never in the future', () => {
    const change = decideInvestigation(contextFor(dampCase(), 'owner', { now: LATER }), {
      findings: 'Mould',
      worksNeeded: true,
      at: '2026-12-04T16:59:00+00:00',
    });
    expect(change.case.investigation?.concludedAt).toBe('2026-12-04T16:59:00.000Z');
    const future = refusal(() =>
      decideInvestigation(contextFor(dampCase(), 'owner', { now: LATER }), {
        findings: 'x',
        worksNeeded: true,
        at: '2026-12-08T10:00:00Z',
      }),
    );
    expect(future.fields).toEqual({ at: 'That is in the future' });
  });

  it('an emergency hazard with nothing to make safe is met by the investigation', () => {
    const kase = makeCase(hightown, 'hazard-emergency');
    const change = decideInvestigation(contextFor(kase, 'owner', { now: '2026-12-01T15:00:00.000Z' }), {
      findings: 'Neighbour’s cooker; no leak here',
      worksNeeded: false,
    });
    expect(change.case).toMatchObject({ responseOutcome: 'met', responseMethod: 'made-safe' });
  });

  it('a milestone needs the investigation first, and a hazard case', () => {
    expect(refusal(() => decideMilestone(contextFor(dampCase()), 'summary-sent', {})).message).toMatch(/investigation/);
    expect(refusal(() => decideWorksStarted(contextFor(makeCase(hightown, 'email')), {})).kind).toBe('conflict');
  });

  it('England: summary sent, safety work done, preventative work started → nothing owed, the case is answered', () => {
    let kase = decideInvestigation(contextFor(dampCase(), 'owner', { now: LATER }), {
      findings: 'Mould',
      worksNeeded: true,
      furtherWorksNeeded: true,
    }).case;
    kase = decideMilestone(contextFor(kase, 'owner', { now: '2026-12-08T10:00:00Z' }), 'summary-sent', {}).case;
    kase = decideRepairCompleted(contextFor(kase, 'owner', { now: '2026-12-09T10:00:00Z' }), {
      note: 'Mould wash',
    }).case;
    expect(kase.status).toBe('in-progress');
    kase = decideWorksStarted(contextFor(kase, 'owner', { now: '2026-12-10T10:00:00Z' }), { further: true }).case;
    expect(outstandingMilestones(hightown, kase)).toEqual([]);
    expect(kase.status).toBe('answered');
  });

  it('Scotland: the repair started meets the works milestone', () => {
    const kase = decideInvestigation(
      contextFor(dampCase(blairtummock), 'owner', { policy: blairtummock, now: LATER }),
      {
        findings: 'Rising damp',
        worksNeeded: true,
      },
    ).case;
    const started = decideWorksStarted(
      contextFor(kase, 'owner', { policy: blairtummock, now: '2026-12-08T10:00:00Z' }),
      {},
    ).case;
    expect(outstandingMilestones(blairtummock, started).map((m) => m.id)).toEqual(['summary']);
  });

  it('a milestone is recorded once', () => {
    const kase = {
      ...dampCase(),
      investigation: { concludedAt: NOW, findings: 'x', worksNeeded: true, furtherWorksNeeded: false, by: 'owner' },
      milestones: { 'summary-sent': { at: NOW, by: 'owner' } },
    };
    expect(refusal(() => decideMilestone(contextFor(kase), 'summary-sent', {})).kind).toBe('conflict');
  });
});

describe('repairs and calls measured by what happened', () => {
  it('repair-completed meets a repair target; a complaint is not a repair', () => {
    const kase = makeCase(blairtummock, 'repair-urgent', {
      classification: {
        category: 'repair',
        priority: 'urgent',
        kind: 'repair-urgent',
        reason: 'r',
        decidedBy: 'system',
      },
    });
    const change = decideRepairCompleted(
      contextFor(kase, 'owner', { policy: blairtummock, now: '2026-12-08T16:00:00.000Z' }),
      {},
    );
    expect(change.case).toMatchObject({
      respondedAt: '2026-12-08T16:00:00.000Z',
      responseOutcome: 'met',
      responseMethod: 'works-completed',
      status: 'answered',
    });
    const late = decideRepairCompleted(
      contextFor(kase, 'owner', { policy: blairtummock, now: '2026-12-09T10:00:00Z' }),
      {},
    );
    expect(late.case.responseOutcome).toBe('missed');
    expect(refusal(() => decideRepairCompleted(contextFor(makeCase(hightown, 'complaint-stage-1')), {})).kind).toBe(
      'conflict',
    );
  });

  it('a call back recorded as the response meets a phone message’s target, at the time it was made', () => {
    const kase = makeCase(hightown, 'phone-message');
    const change = decideResponded(contextFor(kase, 'owner', { now: '2026-12-04T09:30:00Z' }), {
      how: 'call-back',
      summary: 'Called back; explained the rent statement',
      at: '2026-12-03T16:30:00Z',
    });
    expect(change.case).toMatchObject({
      respondedAt: '2026-12-03T16:30:00.000Z',
      responseOutcome: 'met',
      responseMethod: 'call-back',
      status: 'answered',
    });
    expect(change.messages?.[0]).toMatchObject({ direction: 'outbound', channel: 'phone', purpose: 'reply' });
  });

  it('a visit after the target misses it; a repair is not met by a visit', () => {
    const kase = makeCase(blairtummock, 'phone-message');
    const change = decideResponded(contextFor(kase, 'owner', { policy: blairtummock, now: '2026-12-02T09:30:00Z' }), {
      how: 'visit',
      summary: 'Visited',
    });
    expect(change.case.responseOutcome).toBe('missed');
    const repair = makeCase(blairtummock, 'repair-standard');
    expect(
      refusal(() =>
        decideResponded(contextFor(repair, 'owner', { policy: blairtummock }), { how: 'visit', summary: 'x' }),
      ).kind,
    ).toBe('conflict');
  });
});
