/**
 * What a queue row says a case is, and the orders and filters a queue offers.
 * The case's `kind` is the rule its target is counted by: a Hightown urgent
 * repair is counted as the email it came in as (the policy sets no repair
 * targets), yet the officer works it as an urgent repair. `workKind` is what the
 * officer works it as, so the "Repair (urgent)" filter finds it.
 */
import type { Case, CaseStatus, RepairPriority } from './cases.js';
import type { CaseKind, Channel, HazardKind } from './model.js';

/** The orders a queue can be read in: nearest target, newest received, latest activity, most pressing. */
export const QUEUE_SORTS = ['due', 'received', 'activity', 'priority'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Server-side filters of a queue page; each one narrows, none given means every case. */
export interface QueueFilter {
  /** What the case is worked as (`workKind`), e.g. `repair-urgent`. */
  kind?: CaseKind;
  priority?: RepairPriority;
  /** `any`: a hazard is suspected or confirmed; otherwise that hazard kind. */
  hazard?: HazardKind | 'any';
  channel?: Channel;
  status?: CaseStatus;
}

/** A hazard that still stands (suspected or confirmed; a ruled-out one does not). */
export function standingHazard(kase: Pick<Case, 'classification'>): HazardKind | undefined {
  const flag = kase.classification.hazard;
  return flag && flag.status !== 'ruled-out' ? flag.kind : undefined;
}

/**
 * What the officer works the case as: a standing hazard's kind, a repair by its
 * priority (`repair-<priority>`), otherwise the kind its target counts by.
 */
export function workKind(kase: Pick<Case, 'kind' | 'classification'>): CaseKind {
  const hazard = standingHazard(kase);
  if (hazard) return hazard;
  const { category, priority } = kase.classification;
  if (category === 'repair' && priority) return `repair-${priority}`;
  return kase.kind;
}

const PRIORITY_RANK: Record<RepairPriority, number> = { emergency: 0, urgent: 1, standard: 2, programmed: 3 };

/**
 * How pressing a case is, 0 first: an emergency hazard or emergency repair, then
 * damp and mould (a statutory clock) and urgent repairs, standard, programmed,
 * and everything without a repair priority last. Ties go to the nearer target.
 */
export function priorityRank(kase: Pick<Case, 'kind' | 'classification'>): number {
  const hazard = standingHazard(kase);
  if (hazard === 'hazard-emergency') return 0;
  if (hazard === 'hazard-damp-mould') return 1;
  const priority = kase.classification.priority;
  return priority && kase.classification.category === 'repair' ? PRIORITY_RANK[priority] : 4;
}

/** One page of search results: the cases, best match first, and the cursor for the next page. */
export interface SearchPage {
  items: Case[];
  next: string | null;
}
