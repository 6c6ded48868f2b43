/**
 * The planning step of a case's timer workflow: given the case as it is now,
 * what is the next promise to keep, and when. Pure: the same case, timeline,
 * policy and instant always give the same plan, so the workflow can re-plan
 * as often as it likes (after every action, and whenever the case changes).
 *
 * Times, decided once here and documented in the README:
 * - a date target ("within N working days") is met by the end of that local
 *   day (midnight), as core's `isWithin` counts it: an officer replying at
 *   19:00 on the target day has met it;
 * - so the target has passed at local midnight (core's `deadlinePassesAt`),
 *   and an hours target (emergency: 24 clock hours) at its instant;
 * - what follows a missed target (delay update, manager alert) goes at the
 *   next office time after it passed (`schedule.ts`): 09:00 on the next
 *   working day, never at night, at a weekend or on a bank holiday;
 * - the owner is warned at office opening on the working day
 *   `warnOwnerWorkingDaysBefore` working days before a date target, and for an
 *   hours target when a quarter of its time is left (6 hours before a 24-hour
 *   emergency) — moved into office hours: to the next opening if that is
 *   still before the target, else to the last office minute before; a case
 *   that arrives (or is retargeted) already inside that window warns its owner
 *   at the next office time;
 * - hazard milestones (`promises.ts`) are watched the same way, with their own
 *   keys and templates; a "where possible" milestone warns and alerts staff only;
 * - the acknowledgement, and what the resident must be told at once after an
 *   officer's action (a hazard step, an extension, the complaint as we
 *   understand it), go at once: they answer something just done.
 */
import {
  type Case,
  calendarFor,
  currentAgreedDate,
  currentExtension,
  type Deadline,
  deadlineDate,
  deadlinePassesAt,
  instantAt,
  isHoursTarget,
  type LandlordPolicy,
  type LocalDate,
  type MilestoneEvent,
  policyRespondBy,
  type TimelineEntry,
} from '@housing-inbox/core';
import { noticeKeys, type Promised, promisesOf, toTell } from './promises.js';
import { officeTimeAtOrAfter, warningTime } from './schedule.js';

export { noticeKeys } from './promises.js';

export const TIMER_ACTIONS = [
  'acknowledge',
  'warn-owner',
  'delay-update',
  'alert-manager',
  'step',
  'extension',
  'complaint-summary',
  'none',
] as const;
export type TimerAction = (typeof TIMER_ACTIONS)[number];

export interface TimerPlan {
  action: TimerAction;
  /** When it is due, as an ISO-8601 UTC instant (the Wait state's TimestampPath). */
  at: string;
  /** The notice key: NoticeSender sends each key at most once per case. Empty for `none`. */
  key: string;
  /** Why, in words an operator reads in the execution history. */
  reason: string;
  /** The response target the action is about: a local date, or an instant for an hours target. */
  target?: Deadline;
  /** Delay updates: which one this is (1, 2, …) and the date the resident is now given. */
  sequence?: number;
  newDate?: LocalDate;
  /** A hazard milestone the warning, update or alert is about (absent: the response target). */
  milestone?: { id: string; promise: string };
  /** A hazard step the resident is told about. */
  event?: MilestoneEvent;
}

export interface PlanInput {
  case: Case;
  timeline: readonly TimelineEntry[];
  policy: LandlordPolicy;
  now: Date;
  /**
   * Notice keys this workflow run has already dealt with (sent, skipped, or
   * found already claimed) that the timeline may not show yet: the store's
   * reads can lag a write, and a claim can outlive a crash before its timeline
   * entry. Without them the workflow could loop on a key NoticeSender refuses.
   */
  settled?: readonly string[];
}

/** Hours targets: warn the owner when this share of the target's time is left. */
export const HOURS_TARGET_WARNING_SHARE = 0.25;
/** A notice that failed this many times (each already retried by NoticeSender) is given up. */
export const MAX_SEND_ATTEMPTS = 3;
/** After a failed send, try again this long later (times the failures so far). */
export const RETRY_AFTER_FAILURE_MS = 60 * 60_000;

/** Among notices due at the same instant: the resident first, the manager after the resident was told. */
const PRIORITY: Record<Exclude<TimerAction, 'none'>, number> = {
  acknowledge: 0,
  'complaint-summary': 0,
  extension: 0,
  step: 0,
  'delay-update': 1,
  'alert-manager': 2,
  'warn-owner': 3,
};

/** Notice timeline entries that consume a key's claim: it will not be sent again. */
const SETTLING_ENTRIES = new Set(['notice-sent', 'notice-skipped']);

function opening(date: LocalDate, policy: LandlordPolicy): Date {
  return instantAt(date, calendarFor(policy).opensAt, policy.timeZone);
}

/**
 * The ideal moment to warn the owner about a target, before office hours are
 * applied (`warningTime`): the opening of the working day
 * `warnOwnerWorkingDaysBefore` before a date target; a quarter of an hours
 * target's time before it.
 */
export function ownerWarningAt(kase: Case, target: Deadline, policy: LandlordPolicy): Date {
  if (isHoursTarget(target)) {
    // Hours targets run in clock hours from receipt (clockStarts is the instant of receipt).
    const start = new Date(kase.targets.clockStarts).getTime();
    const end = new Date(target).getTime();
    const window = Number.isNaN(start) ? 24 * 3_600_000 : Math.max(0, end - start);
    return new Date(end - window * HOURS_TARGET_WARNING_SHARE);
  }
  const day = calendarFor(policy).subtractWorkingDays(target, policy.notices.warnOwnerWorkingDaysBefore);
  return opening(day, policy);
}

/**
 * The working day on which the resident's n-th "new expected date" runs out:
 * the target itself for n = 1, then every `delayUpdateEveryWorkingDays`
 * working days after it.
 */
function cadenceDay(target: Deadline, n: number, policy: LandlordPolicy): LocalDate {
  return calendarFor(policy).addWorkingDays(
    deadlineDate(policy, target),
    (n - 1) * policy.notices.delayUpdateEveryWorkingDays,
  );
}

/**
 * When delay update n is due: the first at the next office time after the
 * target passed (09:00 on the next working day); each later one at the next
 * office time after the date the previous update gave the resident ran out.
 */
export function delayUpdateAt(target: Deadline, n: number, policy: LandlordPolicy): Date {
  if (n === 1) return officeTimeAtOrAfter(deadlinePassesAt(policy, target), policy);
  return officeTimeAtOrAfter(deadlinePassesAt(policy, cadenceDay(target, n, policy)), policy);
}

/**
 * The date delay update n gives the resident: an agreed date or extension of
 * this round that is still ahead (the later one), else the next step of the
 * policy's cadence.
 */
export function newExpectedDate(kase: Case, target: Deadline, n: number, policy: LandlordPolicy): LocalDate {
  const from = cadenceDay(target, n, policy);
  // A date the officer told the resident after the target passed (with a department request) stands too.
  const told =
    kase.promisedReplyAt && kase.promisedReplyAt >= (kase.round?.startedAt ?? '') ? kase.promisedReplyDate : undefined;
  const known = [currentAgreedDate(kase), currentExtension(kase)?.respondBy, policyRespondBy(policy, kase), told]
    .filter((d): d is string => Boolean(d))
    .map((d) => deadlineDate(policy, d))
    .filter((d) => d > from)
    .sort();
  return known.at(-1) ?? cadenceDay(target, n + 1, policy);
}

/**
 * The last delay update from `first` on whose time has come (`dueBy(n)`), or `first` when none
 * has; at most 1,000 past `first`. Updates fall due in order, so it is found by doubling then
 * halving: a case a year overdue (~50 updates) costs a dozen date sums, not one per missed update,
 * each walking the working days from the target again.
 */
function latestDue(first: number, dueBy: (n: number) => boolean): number {
  const last = first + 1000;
  let due = first;
  let notDue = last + 1;
  for (let step = 1; first + step <= last; step *= 2) {
    if (!dueBy(first + step)) {
      notDue = first + step;
      break;
    }
    due = first + step;
  }
  while (notDue - due > 1) {
    const mid = Math.floor((due + notDue) / 2);
    if (dueBy(mid)) due = mid;
    else notDue = mid;
  }
  return due;
}

interface Candidate extends Omit<TimerPlan, 'at'> {
  action: Exclude<TimerAction, 'none'>;
  at: Date;
}

function noticeKeyOf(entry: TimelineEntry): string | undefined {
  const key = entry.data?.noticeKey;
  return typeof key === 'string' && key ? key : undefined;
}

/** The highest delay update already dealt with for a promise (0 for none). */
function lastDelaySent(promised: Promised, settled: ReadonlySet<string>): number {
  if (!promised.delayKey) return 0;
  const prefix = promised.delayKey(0).slice(0, -1);
  let last = 0;
  for (const key of settled) {
    if (!key.startsWith(prefix)) continue;
    const n = Number(key.slice(prefix.length));
    if (Number.isInteger(n) && n > last) last = n;
  }
  return last;
}

/** The owner's warning, the resident's delay update and the manager's alert for one promise. */
function watch(kase: Case, promised: Promised, policy: LandlordPolicy, now: Date, settled: ReadonlySet<string>) {
  const { target, milestone } = promised;
  const what = milestone ? `the milestone "${milestone.promise}" (${target})` : `the response target ${target}`;
  const candidates: Candidate[] = [];

  // Warn the owner ahead of the target. Moving the target (agreed date,
  // extension, reclassification, stage 2) gives a new key, so a new warning.
  // One whose time came but was not sent (the local clock jumped, or the
  // system was down) still goes, first: everything that fell due fires, in order.
  if (!settled.has(promised.warningKey)) {
    const at = warningTime(
      ownerWarningAt(kase, target, policy),
      promised.since,
      deadlinePassesAt(policy, target),
      policy,
    );
    if (at) {
      candidates.push({
        action: 'warn-owner',
        at,
        key: promised.warningKey,
        reason: `warn the owner: ${what} is near`,
        target,
        ...(milestone ? { milestone } : {}),
      });
    }
  }

  // A missed target: tell the resident (why, what is happening, the new date),
  // then every `delayUpdateEveryWorkingDays` working days while it stays
  // unmet. After a long gap (the system was down) only the latest update due
  // goes out, not one per missed interval.
  const lastSent = lastDelaySent(promised, settled);
  const next = latestDue(lastSent + 1, (n) => delayUpdateAt(target, n, policy) <= now);
  const delayAt = delayUpdateAt(target, next, policy);
  if (promised.delayKey) {
    candidates.push({
      action: 'delay-update',
      at: delayAt,
      key: promised.delayKey(next),
      reason: `${what} has passed unmet: delay update ${next}`,
      target,
      sequence: next,
      newDate: milestone ? cadenceDay(target, next + 1, policy) : newExpectedDate(kase, target, next, policy),
      ...(milestone ? { milestone } : {}),
    });
  }

  // The owner's manager hears once per missed target, just after the resident
  // (after the caught-up update too, when the first one was never sent).
  if (!settled.has(promised.alertKey)) {
    const firstAt = delayUpdateAt(target, 1, policy);
    candidates.push({
      action: 'alert-manager',
      at: promised.delayKey && lastSent === 0 && delayAt > firstAt ? delayAt : firstAt,
      key: promised.alertKey,
      reason: `${what} has passed unmet: alert the owner's manager`,
      target,
      ...(milestone ? { milestone } : {}),
    });
  }
  return candidates;
}

/** The next thing to do for a case, and when (`none` when the workflow can end). */
export function plan(input: PlanInput): TimerPlan {
  const { case: kase, policy, now } = input;
  const none = (reason: string): TimerPlan => ({ action: 'none', at: now.toISOString(), key: '', reason });

  // A closed case needs nothing more.
  if (kase.status === 'closed' || kase.closedAt) return none('the case is closed');

  const settled = new Set(input.settled ?? []);
  const failures = new Map<string, number[]>();
  for (const entry of input.timeline) {
    const key = noticeKeyOf(entry);
    if (!key) continue;
    if (SETTLING_ENTRIES.has(entry.type)) settled.add(key);
    else if (entry.type === 'notice-failed') {
      failures.set(key, [...(failures.get(key) ?? []), new Date(entry.at).getTime()]);
    }
  }
  // A notice that kept failing is given up (the failures are on the timeline for staff to see).
  for (const [key, times] of failures) if (times.length >= MAX_SEND_ATTEMPTS) settled.add(key);

  const candidates: Candidate[] = [];
  const created = new Date(kase.createdAt);
  const answered = Boolean(kase.respondedAt) || kase.status === 'answered';

  // Acknowledge as soon as the case exists — before the acknowledgement target
  // where there is one (Hightown complaints: 5 working days; Blairtummock
  // correspondence: 3), and also where the policy sets none, because residents
  // are told the reference, the team and the reply date at once. Blairtummock's
  // "acknowledge within 3 or reply within 10": a reply sent first makes the
  // acknowledgement unnecessary. A letter nobody could read yet (`needsReading`) is not
  // acknowledged either: its contact is OCR's guess, or nobody. It goes once an officer has read it in.
  if (!kase.acknowledgedAt && !answered && !kase.needsReading) {
    const key = noticeKeys.acknowledgement(kase);
    if (!settled.has(key)) {
      candidates.push({
        action: 'acknowledge',
        at: created,
        key,
        reason: kase.targets.acknowledgeBy
          ? `acknowledge the new case (target ${kase.targets.acknowledgeBy})`
          : 'acknowledge the new case (the policy sets no separate acknowledgement target)',
      });
    }
  }

  // What an officer just recorded that the resident must hear of: at once.
  for (const tell of toTell(kase)) {
    if (settled.has(tell.key)) continue;
    candidates.push({
      action: tell.action,
      at: now,
      key: tell.key,
      reason: `tell the resident: ${tell.action === 'step' ? tell.event : tell.action}`,
      ...(tell.action === 'step' ? { event: tell.event } : {}),
    });
  }

  for (const promised of promisesOf(kase, policy)) candidates.push(...watch(kase, promised, policy, now, settled));

  // A notice that failed is tried again later, not in a tight loop.
  for (const c of candidates) {
    const times = failures.get(c.key);
    if (!times?.length) continue;
    const retryAt = new Date(Math.max(...times) + RETRY_AFTER_FAILURE_MS * times.length);
    if (retryAt > c.at) {
      c.at =
        c.action === 'warn-owner' || c.action === 'delay-update' || c.action === 'alert-manager'
          ? officeTimeAtOrAfter(retryAt, policy)
          : retryAt;
      c.reason += ` (sending failed ${times.length} time${times.length === 1 ? '' : 's'}; trying again)`;
    }
  }

  const first = candidates.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || PRIORITY[a.action] - PRIORITY[b.action],
  )[0];
  if (!first) return none(answered ? 'the case has been answered' : 'nothing more to do');
  return { ...first, at: first.at.toISOString() };
}
