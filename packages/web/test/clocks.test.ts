import { describe, expect, it } from 'vitest';
import {
  clockPanels,
  clockRows,
  complaintSummaryOf,
  hazardOf,
  investigationOf,
  recordedMilestones,
} from '../src/app/pages/case/clocks.js';
import type { TimelineEntry } from '../src/app/types.js';
import { caseDetail } from './fixtures.js';

let seq = 0;
/** A timeline entry as a command writes it; entries come oldest first. */
function entry(type: string, at: string, data?: Record<string, unknown>): TimelineEntry {
  seq += 1;
  return { id: `t${seq}`, caseRef: 'HT-2026-000001', at, type, actor: 'o1', summary: type, data };
}

const kase = caseDetail;

const confirmed = entry('hazard-confirmed', '2026-12-01T11:00:00Z', {
  kind: 'hazard-damp-mould',
  reason: 'Seen on a photo',
});
const investigated = (worksNeeded: boolean, furtherWorksNeeded = false) =>
  entry('investigation-concluded', '2026-12-03T15:00:00Z', {
    concludedAt: '2026-12-03T14:00:00Z',
    findings: 'Mould behind the wardrobe',
    worksNeeded,
    furtherWorksNeeded,
  });
const milestone = (type: string, at: string) => entry(type, at, { at, note: `${type} note` });

describe('the hazard on a case', () => {
  it('a hazard kind nobody has decided on is flagged by the words', () => {
    const h = hazardOf(kase({ kind: 'hazard-damp-mould' }));
    expect(h).toMatchObject({ kind: 'hazard-damp-mould', status: 'suspected' });
    expect(h?.reason).toContain('black mould');
  });

  it('is confirmed with the officer’s reason, by whom and when', () => {
    expect(hazardOf(kase({ kind: 'hazard-damp-mould', timeline: [confirmed] }))).toEqual({
      kind: 'hazard-damp-mould',
      status: 'confirmed',
      reason: 'Seen on a photo',
      decidedBy: 'o1',
      decidedAt: '2026-12-01T11:00:00Z',
    });
  });

  it('a rule-out leaves the case another kind and shows the decision', () => {
    const ruledOut = entry('hazard-ruled-out', '2026-12-01T12:00:00Z', {
      kind: 'hazard-emergency',
      reason: 'A neighbour’s barbecue',
      to: 'email',
    });
    expect(hazardOf(kase({ timeline: [ruledOut] }))).toMatchObject({ kind: 'hazard-emergency', status: 'ruled-out' });
    expect(hazardOf(kase())).toBeNull();
  });

  it('a hazard reported after a rule-out is confirmed again (the newest decision counts)', () => {
    const ruledOut = entry('hazard-ruled-out', '2026-12-01T12:00:00Z', { kind: 'hazard-damp-mould', reason: 'no' });
    const again = entry('hazard-confirmed', '2026-12-02T09:00:00Z', { kind: 'hazard-damp-mould', reason: 'yes' });
    expect(hazardOf(kase({ kind: 'hazard-damp-mould', timeline: [ruledOut, again] }))?.status).toBe('confirmed');
  });
});

describe('the investigation and milestones recorded', () => {
  it('reads the findings and each milestone’s own time and note', () => {
    const k = kase({
      kind: 'hazard-damp-mould',
      timeline: [confirmed, investigated(true, true), milestone('summary-sent', '2026-12-04T09:00:00Z')],
    });
    expect(investigationOf(k)).toMatchObject({ concludedAt: '2026-12-03T14:00:00Z', worksNeeded: true });
    expect(recordedMilestones(k)).toEqual({
      'summary-sent': { at: '2026-12-04T09:00:00Z', by: 'o1', note: 'summary-sent note' },
    });
  });
});

describe('which clock commands apply', () => {
  const damp = (...timeline: TimelineEntry[]) => clockPanels(kase({ kind: 'hazard-damp-mould', timeline }), true);

  it('none for an officer who does not run the case, or on a closed case', () => {
    expect(clockPanels(kase({ kind: 'hazard-damp-mould' }), false)).toEqual([]);
    expect(clockPanels(kase({ kind: 'hazard-damp-mould', status: 'closed' }), true)).toEqual([]);
  });

  it.each<[string, TimelineEntry[], string[]]>([
    ['flagged: confirm or rule out', [], ['hazard-confirm', 'hazard-rule-out']],
    ['confirmed: the investigation first', [confirmed], ['investigation-concluded', 'alternative-accommodation']],
    [
      'investigated, works needed: the summary and the works started',
      [confirmed, investigated(true)],
      ['summary-sent', 'works-started', 'alternative-accommodation'],
    ],
    [
      'no works needed: only the summary',
      [confirmed, investigated(false)],
      ['summary-sent', 'alternative-accommodation'],
    ],
    [
      'works started: then completed; further works on their own',
      [
        confirmed,
        investigated(true, true),
        milestone('summary-sent', '2026-12-04T09:00:00Z'),
        milestone('works-started', '2026-12-07T09:00:00Z'),
      ],
      ['works-completed', 'further-works-started', 'alternative-accommodation'],
    ],
    [
      'everything recorded: nothing left',
      [
        confirmed,
        investigated(true),
        milestone('summary-sent', '2026-12-04T09:00:00Z'),
        milestone('works-started', '2026-12-07T09:00:00Z'),
        milestone('works-completed', '2026-12-08T09:00:00Z'),
        milestone('alternative-accommodation-offered', '2026-12-03T16:00:00Z'),
      ],
      [],
    ],
  ])('damp and mould, %s', (_label, timeline, panels) => {
    expect(damp(...timeline)).toEqual(panels);
  });

  it('an emergency is made safe from confirmation, apart from the investigation', () => {
    const emergency = (...timeline: TimelineEntry[]) => clockPanels(kase({ kind: 'hazard-emergency', timeline }), true);
    expect(emergency(confirmed)).toEqual(['made-safe', 'investigation-concluded', 'alternative-accommodation']);
    expect(emergency(confirmed, milestone('works-completed', '2026-12-01T15:00:00Z'), investigated(true))).toEqual([
      'summary-sent',
      'works-started',
      'alternative-accommodation',
    ]);
  });

  it('anything else can report a hazard the words missed', () => {
    expect(clockPanels(kase({ kind: 'email' }), true)).toEqual(['hazard-report', 'responded']);
  });

  it('a repair is completed, not answered by a call back; once', () => {
    expect(clockPanels(kase({ kind: 'repair-standard' }), true)).toEqual(['hazard-report', 'repair-completed']);
    const done = kase({ kind: 'repair-standard', timeline: [milestone('works-completed', '2026-12-02T09:00:00Z')] });
    expect(clockPanels(done, true)).toEqual(['hazard-report']);
  });

  it('a complaint is stated until its stage is answered; a call back or visit until anything answers it', () => {
    expect(clockPanels(kase({ kind: 'complaint-stage-1' }), true)).toEqual([
      'hazard-report',
      'responded',
      'complaint-summary',
    ]);
    expect(clockPanels(kase({ kind: 'complaint-stage-1', respondedAt: '2026-12-02T09:00:00Z' }), true)).toEqual([
      'hazard-report',
    ]);
  });
});

describe('the hazard clock, step by step', () => {
  it('before the investigation: the investigation on the response target', () => {
    expect(clockRows(kase({ kind: 'hazard-damp-mould' }))).toEqual([{ label: 'Investigation', state: 'due' }]);
    expect(clockRows(kase({ kind: 'hazard-damp-mould', overdue: true }))).toEqual([
      { label: 'Investigation', state: 'overdue' },
    ]);
    expect(clockRows(kase())).toEqual([]);
  });

  it('after it: done with its time, and what the findings call for', () => {
    const rows = clockRows(
      kase({
        kind: 'hazard-damp-mould',
        timeline: [confirmed, investigated(true, true), milestone('summary-sent', '2026-12-04T09:00:00Z')],
      }),
    );
    expect(rows.map((r) => [r.label, r.state, r.at])).toEqual([
      ['Investigation', 'done', '2026-12-03T14:00:00Z'],
      ['Written summary of the findings sent', 'done', '2026-12-04T09:00:00Z'],
      ['Works started', 'to-do', undefined],
      ['Works completed', 'to-do', undefined],
      ['Further (preventative) works started', 'to-do', undefined],
    ]);
  });

  it('a milestone not yet recorded shows its statutory date from the case view', () => {
    const due = (id: string, metBy: string, date: string, bestEffort = false) => ({
      id,
      promise: id,
      due: date,
      metBy: metBy as 'works-started',
      bestEffort,
      basis: 'Awaab’s Law',
      doneAt: null,
      note: null,
    });
    const rows = clockRows(
      kase({
        kind: 'hazard-damp-mould',
        timeline: [confirmed, investigated(true, true)],
        milestones: [
          due('summary', 'summary-sent', '2026-12-08'),
          due('works', 'works-started', '2026-12-10'),
          due('preventative-begun', 'further-works-started', '2026-12-10', true),
          due('preventative-started', 'further-works-started', '2027-02-25', true),
        ],
      }),
    );
    expect(rows.map((r) => [r.label, r.due, r.bestEffort])).toEqual([
      ['Investigation', undefined, undefined],
      ['Written summary of the findings sent', '2026-12-08', false],
      ['Works started', '2026-12-10', false],
      ['Works completed', undefined, undefined],
      ['Further (preventative) works started', '2027-02-25', true],
    ]);
  });

  it('an emergency: made safe on the target, the investigation apart', () => {
    expect(clockRows(kase({ kind: 'hazard-emergency', timeline: [confirmed] }))).toEqual([
      { label: 'Made safe', state: 'due' },
      { label: 'Investigation', state: 'to-do' },
    ]);
  });
});

describe('the complaint as we understand it', () => {
  it('the newest statement of the current stage', () => {
    const stated = entry('complaint-summary', '2026-12-02T09:00:00Z', { summary: 'The repair was late' });
    expect(complaintSummaryOf(kase({ kind: 'complaint-stage-1', timeline: [stated] }))?.note).toBe(
      'The repair was late',
    );
    const escalated = entry('escalated', '2026-12-20T09:00:00Z', { reason: 'not happy' });
    expect(complaintSummaryOf(kase({ kind: 'complaint-stage-2', timeline: [stated, escalated] }))).toBeNull();
  });
});
