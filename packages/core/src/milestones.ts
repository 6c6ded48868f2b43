/**
 * The statutory milestones after a hazard investigation concludes (the
 * policy's `hazards.<kind>.milestones`): each a date counted from the
 * conclusion by the same day-0 rule as every other target (CONTRACTS.md
 * "Counting working days"), or in calendar weeks from its local date.
 */
import { calendarFor } from './calendar.js';
import type { Case } from './cases.js';
import { addDays, type LocalDate } from './dates.js';
import { type HazardKind, isHazardKind } from './model.js';
import type { LandlordPolicy } from './policy.js';
import type { MilestoneEvent, MilestoneRule } from './policy-duties.js';

/** What the investigation found, which decides the milestones that apply. */
export interface InvestigationFindings {
  worksNeeded: boolean;
  furtherWorksNeeded: boolean;
}

export interface MilestoneDue {
  id: string;
  promise: string;
  /** A local date: met by the end of that day. */
  due: LocalDate;
  metBy: MilestoneEvent;
  bestEffort: boolean;
  basis: string;
}

export function hazardRuleFor(policy: LandlordPolicy, kind: string) {
  return isHazardKind(kind) ? policy.hazards[kind] : undefined;
}

function applies(rule: MilestoneRule, findings: InvestigationFindings | undefined): boolean {
  if (!findings || rule.when === 'always') return true;
  return rule.when === 'works-needed' ? findings.worksNeeded : findings.furtherWorksNeeded;
}

/**
 * The milestones of a hazard kind once its investigation concluded at
 * `concluded`; only those the findings call for when they are given (all of
 * them otherwise, as `inbox deadlines --investigated` shows).
 */
export function milestoneDates(
  policy: LandlordPolicy,
  kind: HazardKind,
  concluded: Date,
  findings?: InvestigationFindings,
): MilestoneDue[] {
  if (Number.isNaN(concluded.getTime())) throw new RangeError('the investigation time is not a valid instant');
  const rule = policy.hazards[kind];
  if (!rule) return [];
  const calendar = calendarFor(policy);
  const dayZero = calendar.clockStart(concluded);
  return rule.milestones
    .filter((m) => applies(m, findings))
    .map((m) => ({
      id: m.id,
      promise: m.promise,
      due:
        'workingDays' in m.due
          ? calendar.addWorkingDays(dayZero, m.due.workingDays)
          : addDays(calendar.localDate(concluded), m.due.weeks * 7),
      metBy: m.metBy,
      bestEffort: Boolean(m.bestEffort),
      basis: m.basis,
    }));
}

/** CONTRACTS.md's `milestones`: the written summary and the works, or null where the policy sets none. */
export function contractMilestones(
  policy: LandlordPolicy,
  kind: HazardKind,
  concluded: Date,
): { summaryBy: LocalDate | null; worksBy: LocalDate | null } {
  const dates = milestoneDates(policy, kind, concluded);
  return {
    summaryBy: dates.find((m) => m.id === 'summary')?.due ?? null,
    worksBy: dates.find((m) => m.id === 'works')?.due ?? null,
  };
}

/**
 * The milestones a hazard case still owes: those its findings call for, not
 * yet met by the event each names. Empty until the investigation concludes,
 * or when the case is not (or no longer) a hazard.
 */
export function outstandingMilestones(policy: LandlordPolicy, kase: Case): MilestoneDue[] {
  const investigation = kase.investigation;
  if (!investigation || !isHazardKind(kase.kind)) return [];
  return milestoneDates(policy, kase.kind, new Date(investigation.concludedAt), investigation).filter(
    (m) => !kase.milestones?.[m.metBy],
  );
}
