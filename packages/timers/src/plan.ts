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
 *   and what follows a missed target (delay update, manager alert) goes out
 *   when the offices open the next morning (09:00 local), not at midnight:
 *   nobody is texted at night, and a reply written first thing still beats
 *   the apology;
 * - an hours target (emergency repair: 24 clock hours) passes at its instant,
 *   and the delay update and manager alert go at that instant;
 * - the owner is warned at office opening on the working day
 *   `warnOwnerWorkingDaysBefore` working days before a date target, and for an
 *   hours target when a quarter of its time is left (6 hours before a 24-hour
 *   repair); a case that arrives (or is retargeted) already inside that window
 *   warns its owner at once.
 */
import {
  addDays,
  type Case,
  calendarFor,
  type Deadline,
  deadlineDate,
  effectiveRespondBy,
  instantAt,
  isHoursTarget,
  type LandlordPolicy,
  type LocalDate,
  policyRespondBy,
  type TimelineEntry,
} from '@housing-inbox/core';

export const TIMER_ACTIONS = ['acknowledge', 'warn-owner', 'delay-update', 'alert-manager', 'none'] as const;
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
  'delay-update': 1,
  'alert-manager': 2,
  'warn-owner': 3,
};

/** Notice timeline entries that consume a key's claim: it will not be sent again. */
const SETTLING_ENTRIES = new Set(['notice-sent', 'notice-skipped']);

/**
 * Stage 2 of a complaint reuses the case (and its timeline and claims) of
 * stage 1 with new targets, so its keys get their own prefix: the stage 2
 * acknowledgement is not the stage 1 one.
 */
function keyScope(kase: Case): string {
  return kase.kind === 'complaint-stage-2' ? 'stage-2:' : '';
}

export const noticeKeys = {
  acknowledgement: (kase: Case) => `${keyScope(kase)}acknowledgement`,
  ownerWarning: (kase: Case, target: Deadline) => `${keyScope(kase)}owner-warning:${target}`,
  delayUpdate: (kase: Case, target: Deadline, n: number) => `${keyScope(kase)}delay-update:${target}:${n}`,
  managerAlert: (kase: Case, target: Deadline) => `${keyScope(kase)}manager-alert:${target}`,
};

function opening(date: LocalDate, policy: LandlordPolicy): Date {
  return instantAt(date, calendarFor(policy).opensAt, policy.timeZone);
}

/** When the owner is warned about a target (before any "not before the case existed" adjustment). */
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
 * When delay update n is due: the first when the target is missed (the next
 * morning for a date target, the instant for an hours one); each later one the
 * morning after the date the previous update gave the resident ran out.
 */
export function delayUpdateAt(target: Deadline, n: number, policy: LandlordPolicy): Date {
  if (n === 1) return isHoursTarget(target) ? new Date(target) : opening(addDays(target, 1), policy);
  return opening(addDays(cadenceDay(target, n, policy), 1), policy);
}

/**
 * The date delay update n gives the resident: an agreed date or extension that
 * is still ahead (the later one), else the next step of the policy's cadence.
 */
export function newExpectedDate(kase: Case, target: Deadline, n: number, policy: LandlordPolicy): LocalDate {
  const from = cadenceDay(target, n, policy);
  const known = [kase.agreedReplyDate, kase.extension?.respondBy, policyRespondBy(policy, kase)]
    .filter((d): d is string => Boolean(d))
    .map((d) => deadlineDate(policy, d))
    .filter((d) => d > from)
    .sort();
  return known.at(-1) ?? cadenceDay(target, n + 1, policy);
}

interface Candidate extends Omit<TimerPlan, 'at'> {
  action: Exclude<TimerAction, 'none'>;
  at: Date;
}

function noticeKeyOf(entry: TimelineEntry): string | undefined {
  const key = entry.data?.noticeKey;
  return typeof key === 'string' && key ? key : undefined;
}

/** The next thing to do for a case, and when (`none` when the workflow can end). */
export function plan(input: PlanInput): TimerPlan {
  const { case: kase, policy, now } = input;
  const none = (reason: string): TimerPlan => ({ action: 'none', at: now.toISOString(), key: '', reason });

  // A closed or answered case has had its answer (or needs none): nothing more is promised.
  if (kase.status === 'closed' || kase.closedAt) return none('the case is closed');
  if (kase.respondedAt || kase.status === 'answered') return none('the case has been answered');

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

  // Acknowledge as soon as the case exists — before the acknowledgement target
  // where there is one (Hightown complaints: 5 working days; Blairtummock
  // correspondence: 3), and also where the policy sets none, because residents
  // are told the reference, the team and the reply date at once. Blairtummock's
  // "acknowledge within 3 or reply within 10": a reply sent first makes the
  // acknowledgement unnecessary — the answered check above already ends here.
  // A letter nobody could read yet (`needsReading`) is not acknowledged: its
  // contact is OCR's guess, or nobody. It goes once an officer has read it in.
  if (!kase.acknowledgedAt && !kase.needsReading) {
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

  const target = effectiveRespondBy(kase, policy);

  // Warn the owner ahead of the target. Moving the target (agreed date,
  // extension, reclassification, stage 2) gives a new key, so a new warning.
  // One whose time came but was not sent (the local clock jumped, or the
  // system was down) still goes, first: everything that fell due fires, in order.
  const warnKey = noticeKeys.ownerWarning(kase, target);
  if (!settled.has(warnKey)) {
    const at = ownerWarningAt(kase, target, policy);
    candidates.push({
      action: 'warn-owner',
      at: at < created ? created : at,
      key: warnKey,
      reason: `warn the owner: the response target ${target} is near`,
      target,
    });
  }

  // A missed target: tell the resident (why, what is happening, the new date),
  // then every `delayUpdateEveryWorkingDays` working days while it stays
  // unanswered. After a long gap (the system was down) only the latest update
  // due goes out, not one per missed interval.
  const prefix = noticeKeys.delayUpdate(kase, target, 0).slice(0, -1);
  let lastSent = 0;
  for (const key of settled) {
    if (!key.startsWith(prefix)) continue;
    const n = Number(key.slice(prefix.length));
    if (Number.isInteger(n) && n > lastSent) lastSent = n;
  }
  let next = lastSent + 1;
  for (let guard = 0; guard < 1000 && delayUpdateAt(target, next + 1, policy) <= now; guard++) next++;
  const delayAt = delayUpdateAt(target, next, policy);
  candidates.push({
    action: 'delay-update',
    at: delayAt,
    key: noticeKeys.delayUpdate(kase, target, next),
    reason: `the response target ${target} has passed unanswered: delay update ${next}`,
    target,
    sequence: next,
    newDate: newExpectedDate(kase, target, next, policy),
  });

  // The owner's manager hears once per missed target, just after the resident
  // (after the caught-up update too, when the first one was never sent).
  const alertKey = noticeKeys.managerAlert(kase, target);
  if (!settled.has(alertKey)) {
    const firstAt = delayUpdateAt(target, 1, policy);
    candidates.push({
      action: 'alert-manager',
      at: lastSent === 0 && delayAt > firstAt ? delayAt : firstAt,
      key: alertKey,
      reason: `the response target ${target} has passed unanswered: alert the owner's manager`,
      target,
    });
  }

  // A notice that failed is tried again later, not in a tight loop.
  for (const c of candidates) {
    const times = failures.get(c.key);
    if (!times?.length) continue;
    const retryAt = new Date(Math.max(...times) + RETRY_AFTER_FAILURE_MS * times.length);
    if (retryAt > c.at) {
      c.at = retryAt;
      c.reason += ` (sending failed ${times.length} time${times.length === 1 ? '' : 's'}; trying again)`;
    }
  }

  const first = candidates.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || PRIORITY[a.action] - PRIORITY[b.action],
  )[0];
  if (!first) return none('nothing more to do');
  return { ...first, at: first.at.toISOString() };
}
