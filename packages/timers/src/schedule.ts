/**
 * Humane times: delay updates, owner warnings, manager alerts and milestone
 * notices go in office hours on a working day (the policy's calendar and
 * opening hours, 09:00–17:00 Europe/London for both presets) — never at night,
 * at a weekend or on a bank holiday. What falls due outside them waits for the
 * next opening. Office hours run from opening up to (not including) closing.
 */
import { calendarFor, instantAt, type LandlordPolicy, wallClock } from '@housing-inbox/core';

/** Whether an instant is within a working day's office hours. */
export function isOfficeTime(at: Date, policy: LandlordPolicy): boolean {
  const calendar = calendarFor(policy);
  const local = wallClock(at, policy.timeZone);
  return calendar.isWorkingDay(local.date) && local.minutes >= calendar.opensAt && local.minutes < calendar.closesAt;
}

/** `at` itself in office hours, else the opening of the next working day. */
export function officeTimeAtOrAfter(at: Date, policy: LandlordPolicy): Date {
  if (isOfficeTime(at, policy)) return at;
  const calendar = calendarFor(policy);
  const local = wallClock(at, policy.timeZone);
  const day =
    calendar.isWorkingDay(local.date) && local.minutes < calendar.opensAt
      ? local.date
      : calendar.nextWorkingDay(local.date);
  return instantAt(day, calendar.opensAt, policy.timeZone);
}

/**
 * The latest office time at or before `at` and not before `from` — `at`
 * itself, or the last minute before an earlier closing — or undefined when
 * the offices were not open in between.
 */
export function officeTimeAtOrBefore(at: Date, from: Date, policy: LandlordPolicy): Date | undefined {
  if (at < from) return undefined;
  if (isOfficeTime(at, policy)) return at;
  const calendar = calendarFor(policy);
  const local = wallClock(at, policy.timeZone);
  const day =
    calendar.isWorkingDay(local.date) && local.minutes >= calendar.closesAt
      ? local.date
      : calendar.previousWorkingDay(local.date);
  const lastMinute = instantAt(day, calendar.closesAt - 1, policy.timeZone);
  return lastMinute >= from ? lastMinute : undefined;
}

/**
 * When to warn the owner about a deadline `ideal` says: in office hours,
 * and before the deadline passes. When the next office time is too late (an
 * emergency due overnight), the last office minute before the ideal time
 * (and after the case arrived) instead; undefined when there is none.
 */
export function warningTime(ideal: Date, created: Date, passes: Date, policy: LandlordPolicy): Date | undefined {
  const next = officeTimeAtOrAfter(ideal < created ? created : ideal, policy);
  if (next < passes) return next;
  return officeTimeAtOrBefore(ideal, created, policy);
}

/**
 * A case's place in the first office hour. A notice due exactly at an opening
 * (what waited overnight or over a weekend: delay updates, warnings, alerts)
 * goes a fixed number of seconds later for each case — from a hash of its
 * reference, 0 to `minutes` × 60 − 1, and never past closing — so a morning's
 * notices reach SES and SNS spread over the first hour instead of all at
 * 09:00:00. Any other instant is returned unchanged. Deterministic: every
 * re-plan of a case gives the same time.
 */
export function spreadOverOpening(at: Date, caseRef: string, policy: LandlordPolicy, minutes = 60): Date {
  const calendar = calendarFor(policy);
  const local = wallClock(at, policy.timeZone);
  if (at.getTime() !== instantAt(local.date, calendar.opensAt, policy.timeZone).getTime()) return at;
  const windowSeconds = Math.max(0, Math.min(minutes, calendar.closesAt - calendar.opensAt)) * 60;
  if (windowSeconds === 0) return at;
  return new Date(at.getTime() + (fnv1a(caseRef) % windowSeconds) * 1000);
}

/** FNV-1a, 32 bits: a stable, well-mixed number from a short string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
