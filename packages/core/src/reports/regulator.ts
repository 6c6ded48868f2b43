/**
 * The landlord's annual return to its regulator, computed from the case
 * record: England's Tenant Satisfaction Measures CH01, CH02 and RP02
 * (Regulator of Social Housing, "Tenant Satisfaction Measures: Technical
 * Requirements", April 2023) or Scotland's Annual Return on the Charter
 * complaint and repair figures (Scottish Housing Regulator, Charter indicators
 * technical guidance). Shapes: CONTRACTS.md "Regulator return".
 */
import { type Answer, answersOf } from '../answers.js';
import { calendarFor } from '../calendar.js';
import { type Case, REPAIR_PRIORITIES, type RepairPriority } from '../cases.js';
import type { LocalDate } from '../dates.js';
import type { CaseKind, ComplaintKind } from '../model.js';
import type { LandlordPolicy } from '../policy.js';
import type { MonthActivity } from '../ports.js';
import {
  computeTargets,
  type Deadline,
  deadlineDate,
  deadlinePassesAt,
  isWithin,
  policyRespondBy,
} from '../targets.js';
import {
  inDates,
  isEmergencyRepair,
  isRepair,
  mean,
  oneDecimal,
  proportion,
  twelveMonthsFrom,
  workingDaysToAnswer,
} from './figures.js';

interface Ratio {
  withinTimescale: number;
  responded: number;
  proportion: number | null;
}

export interface TsmReturn {
  year: string;
  framework: 'tsm';
  homes: number;
  CH01: Record<'stage1' | 'stage2', { received: number; perThousandHomes: number }>;
  CH02: Record<'stage1' | 'stage2', Ratio>;
  RP02: Record<'emergency' | 'nonEmergency', { completed: number; withinTarget: number; proportion: number | null }>;
}

export interface CharterReturn {
  year: string;
  framework: 'scottish-charter';
  homes: number;
  complaints: Record<'stage1' | 'stage2', { received: number; responded: number; averageWorkingDays: number | null }>;
  repairs: {
    emergency: { completed: number; averageHours: number | null };
    nonEmergency: { completed: number; averageWorkingDays: number | null };
  };
}

export type RegulatorReturn = TsmReturn | CharterReturn;

/** The reporting year starting in `year` (YYYY): its label ("2026-27"), its local dates [from, to) and its twelve months. */
export function reportingYear(policy: LandlordPolicy, year: number) {
  const rules = policy.reporting;
  if (!rules) throw new RangeError(`the ${policy.name} policy sets no reporting rules (policy "reporting")`);
  const startMonth = String(rules.regulatorReturn.yearStartsMonth).padStart(2, '0');
  const first = `${year}-${startMonth}`;
  const from: LocalDate = `${first}-01`;
  const to: LocalDate = `${year + 1}-${startMonth}-01`;
  const label = startMonth === '01' ? String(year) : `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
  return { label, from, to, months: twelveMonthsFrom(first), rules };
}

/** Cases from the year's twelve months, each once (a case counted in several months appears in each). */
export function casesOf(months: MonthActivity[]): Case[] {
  const byRef = new Map<string, Case>();
  for (const m of months) for (const c of m.cases) byRef.set(c.ref, c);
  return [...byRef.values()];
}

const STAGES: Record<'stage1' | 'stage2', ComplaintKind> = { stage1: 'complaint-stage-1', stage2: 'complaint-stage-2' };

/**
 * Whether a stage's response was sent within the Code's timescale (CH02):
 * by the policy's target for the stage, counted from the actual
 * acknowledgement (Complaint Handling Code 5.6 and 6.2: stage 1 within 10
 * working days, stage 2 within 20, of the acknowledgement), moved only by an
 * extension recorded before that target passed and within the policy's limit
 * (Code 5.7 and 6.4: up to 10 more working days, with reasons, before the
 * timescale runs out). A date agreed with the resident does not move it: under
 * the Code a later date is an extension.
 */
export function withinCodeTimescale(policy: LandlordPolicy, answer: Answer): boolean {
  const target = policyRespondBy(policy, {
    kind: answer.kind,
    targets: answer.targets,
    acknowledgedAt: answer.acknowledgedAt,
  });
  const extension = answer.extension;
  const limit = policy.extensions[answer.kind]?.maxWorkingDays ?? 0;
  const validExtension =
    extension &&
    extension.workingDays <= limit &&
    new Date(extension.at).getTime() < deadlinePassesAt(policy, target).getTime();
  const deadline = validExtension
    ? calendarFor(policy).addWorkingDays(deadlineDate(policy, target), extension.workingDays)
    : target;
  return isWithin(policy, deadline, answer.respondedAt as string);
}

/** A case closed as a duplicate of another or merged into another: the other case carries its count. */
const closedIntoAnother = (kase: Case): boolean => kase.closedAs === 'duplicate' || kase.closedAs === 'merged';

/** The repair's priority: the call handler's, else the one its kind names. */
function priorityOf(kase: Case): RepairPriority | undefined {
  if (isEmergencyRepair(kase)) return 'emergency';
  return kase.classification.priority ?? REPAIR_PRIORITIES.find((p) => kase.kind === `repair-${p}`);
}

/**
 * RP02's target: the landlord's published target timescale for the repair's
 * priority, counted from when the repair was reported. TSM Technical
 * Requirements (Regulator of Social Housing, 2022, updated April 2024), RP02:
 * the proportion of emergency, and of non-emergency, responsive repairs
 * completed "within the landlord's target timescale" — the timescale the
 * landlord sets for that priority of repair, not a date set for one case
 * (the project's reading; the requirements' own wording is the authority).
 * So a date agreed with the resident or an extension, which
 * move the case's target (`effectiveRespondBy`), do not move RP02's; a target
 * the case carries from an earlier report of the same repair (a merge) stands
 * when it is earlier. The timescale is the policy's target for the repair kind
 * (`repair-<priority>`), else `reporting.repairTargets`; undefined when the
 * landlord publishes none for the priority (Hightown's customer service policy
 * publishes no repair timescales): such a repair is never counted within target.
 */
export function repairTarget(policy: LandlordPolicy, kase: Case): Deadline | undefined {
  const priority = priorityOf(kase);
  if (!priority) return undefined;
  const kind = `repair-${priority}` as CaseKind;
  const received = new Date(kase.receivedAt);
  let published: Deadline | undefined;
  if (policy.targets[kind]) published = computeTargets(policy, { kind, received }).respondBy;
  else {
    const rule = policy.reporting?.repairTargets?.[priority];
    if (!rule) return undefined;
    const calendar = calendarFor(policy);
    published =
      'hours' in rule
        ? new Date(received.getTime() + rule.hours * 3_600_000).toISOString()
        : calendar.addWorkingDays(calendar.clockStart(received), rule.workingDays);
  }
  const carried = kase.kind === kind ? kase.targets.respondBy : undefined;
  return carried && deadlinePassesAt(policy, carried) < deadlinePassesAt(policy, published) ? carried : published;
}

/** A completed repair: when it was done, and whether it is an emergency. */
function completedRepairs(policy: LandlordPolicy, cases: Case[], from: LocalDate, to: LocalDate) {
  return cases.flatMap((kase) => {
    const completedAt = kase.milestones?.['works-completed']?.at;
    // RP02 and the Charter count repairs completed in the year (TSM technical requirements RP02; SHR indicators 8 and 9);
    // a repair closed as a duplicate of, or merged into, another is that other repair.
    if (!isRepair(kase) || closedIntoAnother(kase) || !completedAt || !inDates(policy, completedAt, from, to))
      return [];
    return [{ kase, completedAt, emergency: isEmergencyRepair(kase), target: repairTarget(policy, kase) }];
  });
}

/**
 * The return for the financial year starting 1 April `year` (or the policy's
 * `reporting.regulatorReturn.yearStartsMonth`), from the twelve months' activity
 * (`CaseRepository.listMonth` for each of `reportingYear(...).months`).
 * Throws RangeError when the policy sets no reporting rules.
 */
export function regulatorReturn(policy: LandlordPolicy, year: number, months: MonthActivity[]): RegulatorReturn {
  const { label, from, to, rules } = reportingYear(policy, year);
  const cases = casesOf(months);
  // A complaint closed as a duplicate of another, or merged into another, is that other complaint:
  // counted once, there (TSM CH01 and SHR indicator 3 count complaints, not case records).
  const answers = cases.filter((c) => !closedIntoAnother(c)).flatMap((c) => answersOf(policy, c));
  // A stage counts where it was received: stage 1 in the year the complaint came in, stage 2 in the
  // year it was escalated, so an escalated complaint counts at both stages (TSM CH01; SHR indicator 3).
  const received = (kind: ComplaintKind) =>
    answers.filter((a) => a.kind === kind && inDates(policy, a.receivedAt, from, to));
  // "Responded" means the stage's response was sent in the year (TSM CH02; SHR indicator 3).
  const responded = (kind: ComplaintKind) =>
    answers.filter((a) => a.kind === kind && a.respondedAt && inDates(policy, a.respondedAt, from, to));
  const repairs = completedRepairs(policy, cases, from, to);
  const homes = rules.homes.count;

  if (rules.regulatorReturn.framework === 'tsm') {
    const ch01 = (kind: ComplaintKind) => {
      const n = received(kind).length;
      // Per 1,000 homes, to one decimal place (TSM technical requirements CH01).
      return { received: n, perThousandHomes: Math.round((n / homes) * 10000) / 10 };
    };
    const ch02 = (kind: ComplaintKind): Ratio => {
      const sent = responded(kind);
      const within = sent.filter((a) => withinCodeTimescale(policy, a)).length;
      return { responded: sent.length, withinTimescale: within, proportion: proportion(within, sent.length) };
    };
    // RP02: within the landlord's target timescale for the repair's priority (`repairTarget`).
    const rp02 = (emergency: boolean) => {
      const done = repairs.filter((r) => r.emergency === emergency);
      const within = done.filter((r) => r.target !== undefined && isWithin(policy, r.target, r.completedAt)).length;
      // No proportion where a repair had no published timescale to be judged by: 0 would say it was late.
      const judged = done.every((r) => r.target !== undefined);
      return {
        completed: done.length,
        withinTarget: within,
        proportion: judged ? proportion(within, done.length) : null,
      };
    };
    return {
      year: label,
      framework: 'tsm',
      homes,
      CH01: { stage1: ch01(STAGES.stage1), stage2: ch01(STAGES.stage2) },
      CH02: { stage1: ch02(STAGES.stage1), stage2: ch02(STAGES.stage2) },
      RP02: { emergency: rp02(true), nonEmergency: rp02(false) },
    };
  }

  const complaints = (kind: ComplaintKind) => {
    const sent = responded(kind);
    // Working days from the stage's receipt (day 0) to the full response (SHR indicator 3), one decimal place.
    const days = sent.map((a) => workingDaysToAnswer(policy, a.receivedAt, a.respondedAt as string));
    return { received: received(kind).length, responded: sent.length, averageWorkingDays: oneDecimal(mean(days)) };
  };
  const emergency = repairs.filter((r) => r.emergency);
  const others = repairs.filter((r) => !r.emergency);
  return {
    year: label,
    framework: 'scottish-charter',
    homes,
    complaints: { stage1: complaints(STAGES.stage1), stage2: complaints(STAGES.stage2) },
    repairs: {
      // Indicator 8: clock hours from the report to completion, averaged. Indicators 8 and 9 measure the time
      // taken, not against a target, so no target (the policy's or one moved for the case) enters them.
      emergency: {
        completed: emergency.length,
        averageHours: oneDecimal(
          mean(emergency.map((r) => (Date.parse(r.completedAt) - Date.parse(r.kase.receivedAt)) / 3_600_000)),
        ),
      },
      // Indicator 9: working days from the report (day 0) to the day it was completed, averaged.
      nonEmergency: {
        completed: others.length,
        averageWorkingDays: oneDecimal(
          mean(others.map((r) => workingDaysToAnswer(policy, r.kase.receivedAt, r.completedAt))),
        ),
      },
    },
  };
}
