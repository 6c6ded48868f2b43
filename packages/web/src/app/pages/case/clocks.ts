/**
 * The statutory clocks of a case as the case page shows them, with no DOM
 * (unit-tested in Node): the hazard's status, the investigation and each
 * milestone recorded, and which of the clock commands apply now.
 *
 * The case view says the case's kind, its response target and whether it
 * was met; the hazard's decision, the investigation's findings and the
 * milestones are read from the timeline entries the commands write.
 */
import type { Investigation, MilestoneEvent, MilestoneRecord } from '@housing-inbox/core';
import type { CaseDetail, CaseKind, TimelineEntry } from '../../types.js';

export type HazardKind = Extract<CaseKind, `hazard-${string}`>;

/** The hazard kinds, in the officer's words (the compiler says when the contracts add one). */
export const HAZARD_NAMES: Record<HazardKind, string> = {
  'hazard-damp-mould': 'Damp and mould',
  'hazard-emergency': 'Emergency hazard',
};

export function isHazardKind(kind: string): kind is HazardKind {
  return kind in HAZARD_NAMES;
}

export function isComplaintKind(kind: CaseKind): boolean {
  return kind === 'complaint-stage-1' || kind === 'complaint-stage-2';
}

const text = (data: TimelineEntry['data'], key: string) =>
  typeof data?.[key] === 'string' ? (data[key] as string) : undefined;

/** The newest entry of one of these types (entries come oldest first; the sort keeps that for equal times). */
function latest(kase: CaseDetail, ...types: string[]): TimelineEntry | undefined {
  return [...kase.timeline]
    .sort((a, b) => a.at.localeCompare(b.at))
    .filter((e) => types.includes(e.type))
    .at(-1);
}

export interface HazardState {
  kind: HazardKind;
  status: 'suspected' | 'confirmed' | 'ruled-out';
  /** Why: the words that flagged it, or the officer's reason for the decision. */
  reason: string;
  decidedBy?: string;
  decidedAt?: string;
}

/**
 * The hazard on the case: a hazard kind not yet confirmed was flagged by the
 * words (the classification's reason says which); a case that is no longer
 * a hazard after a rule-out shows that decision. Null when there is none.
 */
export function hazardOf(kase: CaseDetail): HazardState | null {
  const decision = latest(kase, 'hazard-confirmed', 'hazard-ruled-out');
  const decided = decision && {
    reason: text(decision.data, 'reason') ?? decision.summary,
    decidedBy: decision.actor,
    decidedAt: decision.at,
  };
  if (isHazardKind(kase.kind)) {
    return decision?.type === 'hazard-confirmed' && decided
      ? { kind: kase.kind, status: 'confirmed', ...decided }
      : { kind: kase.kind, status: 'suspected', reason: kase.classification.reason };
  }
  const was = text(decision?.data, 'kind');
  return decision?.type === 'hazard-ruled-out' && decided && was && isHazardKind(was)
    ? { kind: was, status: 'ruled-out', ...decided }
    : null;
}

/** The investigation-concluded entry's data is the domain's record of it. */
export function investigationOf(kase: CaseDetail): Investigation | null {
  const e = latest(kase, 'investigation-concluded');
  if (!e) return null;
  return {
    concludedAt: text(e.data, 'concludedAt') ?? e.at,
    findings: text(e.data, 'findings') ?? e.summary,
    worksNeeded: e.data?.worksNeeded === true,
    furtherWorksNeeded: e.data?.furtherWorksNeeded === true,
    by: e.actor,
  };
}

/** The milestones recorded after the investigation, by the event (and timeline type) each command writes. */
export type Milestone = Exclude<MilestoneEvent, 'investigation-concluded'>;
export const MILESTONES: Record<Milestone, string> = {
  'summary-sent': 'Written summary of the findings sent',
  'works-started': 'Works started',
  'works-completed': 'Works completed',
  'further-works-started': 'Further (preventative) works started',
  'alternative-accommodation-offered': 'Alternative accommodation offered',
};

export type Recorded = MilestoneRecord;

export function recordedMilestones(kase: CaseDetail): Partial<Record<Milestone, Recorded>> {
  const out: Partial<Record<Milestone, Recorded>> = {};
  for (const type of Object.keys(MILESTONES) as Milestone[]) {
    const e = latest(kase, type);
    if (e) out[type] = { at: text(e.data, 'at') ?? e.at, by: e.actor, note: text(e.data, 'note') };
  }
  return out;
}

/** One line of the case's statutory clock: what is owed, and where it stands. */
export interface ClockRow {
  label: string;
  /** `due`/`overdue`: the response target runs for it (its date and countdown are the case's). */
  state: 'done' | 'due' | 'overdue' | 'to-do';
  at?: string;
  note?: string;
  /** A later milestone's statutory date (the case view's `milestones`), while it is not done. */
  due?: string;
  /** "where possible" in the law: a date to aim for, not a breach when missed. */
  bestEffort?: boolean;
}

/**
 * A confirmed or flagged hazard's clock, first step first: the investigation
 * (damp and mould) or making the home safe (an emergency), which the case's
 * response target measures; then what the findings call for.
 */
export function clockRows(kase: CaseDetail): ClockRow[] {
  if (!isHazardKind(kase.kind)) return [];
  const investigation = investigationOf(kase);
  const done = recordedMilestones(kase);
  const running = (): ClockRow['state'] => (kase.overdue ? 'overdue' : 'due');
  const step = (label: string, record: Recorded | undefined, state = running()): ClockRow =>
    record ? { label, state: 'done', at: record.at, note: record.note } : { label, state };
  const investigated = investigation
    ? { at: investigation.concludedAt, by: investigation.by, note: investigation.findings }
    : undefined;
  const rows =
    kase.kind === 'hazard-emergency'
      ? [step('Made safe', done['works-completed']), step('Investigation', investigated, 'to-do')]
      : [step('Investigation', investigated)];
  if (!investigation) return rows;
  const after = (m: Milestone): ClockRow => {
    const row = step(MILESTONES[m], done[m], 'to-do');
    const owed = kase.milestones.filter((d) => d.metBy === m && !d.doneAt);
    // The latest date of the milestone's duties (preventative works: begun where possible, started by 12 weeks).
    const due = owed
      .map((d) => d.due)
      .sort()
      .at(-1);
    return row.state === 'done' || !due ? row : { ...row, due, bestEffort: owed.every((d) => d.bestEffort) };
  };
  rows.push(after('summary-sent'));
  if (investigation.worksNeeded) {
    rows.push(after('works-started'));
    if (kase.kind !== 'hazard-emergency') rows.push(after('works-completed'));
  }
  if (investigation.furtherWorksNeeded) rows.push(after('further-works-started'));
  if (done['alternative-accommodation-offered']) rows.push(after('alternative-accommodation-offered'));
  return rows;
}

/** The statutory clock commands, each a panel on the case page. */
export type ClockPanel =
  | 'hazard-confirm'
  | 'hazard-rule-out'
  | 'hazard-report'
  | 'made-safe'
  | 'investigation-concluded'
  | 'summary-sent'
  | 'works-started'
  | 'works-completed'
  | 'further-works-started'
  | 'alternative-accommodation'
  | 'repair-completed'
  | 'responded'
  | 'complaint-summary';

/**
 * The clock commands that apply to the case now, for its owner or a manager
 * (`runs`), in the order they happen: a flagged hazard is confirmed or ruled
 * out; a confirmed one is investigated, then the summary and the works the
 * findings call for are recorded, each until it is; a repair is completed;
 * a call back or visit answers what a reply would; a complaint is stated.
 */
export function clockPanels(kase: CaseDetail, runs: boolean): ClockPanel[] {
  if (!runs || kase.status === 'closed') return [];
  const panels: ClockPanel[] = [];
  const hazard = hazardOf(kase);
  const done = recordedMilestones(kase);
  if (!isHazardKind(kase.kind)) panels.push('hazard-report');
  if (hazard?.status === 'suspected') panels.push('hazard-confirm', 'hazard-rule-out');
  if (hazard?.status === 'confirmed') {
    const investigation = investigationOf(kase);
    if (kase.kind === 'hazard-emergency' && !done['works-completed']) panels.push('made-safe');
    if (!investigation) panels.push('investigation-concluded');
    else {
      if (!done['summary-sent']) panels.push('summary-sent');
      if (investigation.worksNeeded && !done['works-started']) panels.push('works-started');
      if (kase.kind !== 'hazard-emergency' && done['works-started'] && !done['works-completed']) {
        panels.push('works-completed');
      }
      if (investigation.furtherWorksNeeded && !done['further-works-started']) panels.push('further-works-started');
    }
    if (!done['alternative-accommodation-offered']) panels.push('alternative-accommodation');
  }
  if (!isHazardKind(kase.kind)) {
    if (kase.classification.category === 'repair') {
      if (!done['works-completed']) panels.push('repair-completed');
    } else if (!kase.respondedAt) {
      panels.push('responded');
    }
  }
  if (isComplaintKind(kase.kind) && !kase.respondedAt) panels.push('complaint-summary');
  return panels;
}

/** The complaint as we understand it, as confirmed for the current stage (since the escalation, on stage 2). */
export function complaintSummaryOf(kase: CaseDetail): Recorded | null {
  const e = latest(kase, 'complaint-summary', 'escalated');
  if (e?.type !== 'complaint-summary') return null;
  return { at: e.at, by: e.actor, note: text(e.data, 'summary') ?? e.summary };
}
