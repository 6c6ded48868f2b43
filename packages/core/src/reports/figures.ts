/** What the reports share: months and years in the landlord's local time, answers judged, rates and percentiles. */
import type { Answer } from '../answers.js';
import { calendarFor } from '../calendar.js';
import type { Case } from '../cases.js';
import { addDays, type LocalDate } from '../dates.js';
import type { LandlordPolicy } from '../policy.js';
import { deadlinePassesAt, isWithin } from '../targets.js';

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The local date of an instant in the landlord's time zone. */
export const localDay = (policy: LandlordPolicy, at: string): LocalDate => calendarFor(policy).localDate(new Date(at));

/** Whether an instant falls in a local month (YYYY-MM). */
export const inMonth = (policy: LandlordPolicy, at: string | undefined, month: string): boolean =>
  Boolean(at) && localDay(policy, at as string).slice(0, 7) === month;

/** Whether an instant falls in [from, to) of local dates. */
export const inDates = (policy: LandlordPolicy, at: string | undefined, from: LocalDate, to: LocalDate): boolean => {
  if (!at) return false;
  const day = localDay(policy, at);
  return day >= from && day < to;
};

/** The month after a local month (YYYY-MM). */
export function nextMonth(month: string): string {
  return addDays(`${month}-28`, 7).slice(0, 7);
}

/** The twelve local months from one (YYYY-MM), in order. */
export function twelveMonthsFrom(first: string): string[] {
  const months = [first];
  while (months.length < 12) months.push(nextMonth(months[months.length - 1] as string));
  return months;
}

/**
 * Whether an answer met its target: the outcome recorded when it was given
 * (judged then by the policy's rule, `commands/responses.ts`), else its time
 * against the target that applied.
 */
export function answeredInTime(policy: LandlordPolicy, answer: Answer): boolean {
  if (answer.responseOutcome) return answer.responseOutcome === 'met';
  return isWithin(policy, answer.respondBy, answer.respondedAt as string);
}

/** Whether an unanswered answer's target had passed by `at`. */
export const overdueAt = (policy: LandlordPolicy, answer: Answer, at: Date): boolean =>
  deadlinePassesAt(policy, answer.respondBy).getTime() <= at.getTime();

/**
 * Working days from the answer's day 0 (CONTRACTS.md day-0 rule) to the local
 * date it was answered: 0 for an answer the same working day.
 */
export function workingDaysToAnswer(policy: LandlordPolicy, from: string, answeredAt: string): number {
  const calendar = calendarFor(policy);
  return Math.max(0, calendar.workingDaysBetween(calendar.clockStart(new Date(from)), localDay(policy, answeredAt)));
}

/** A share between 0 and 1, to three places; null with nothing to count. */
export const proportion = (part: number, whole: number): number | null =>
  whole ? Math.round((part / whole) * 1000) / 1000 : null;

/** To one decimal place; null with nothing to count. */
export const oneDecimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

export const mean = (values: number[]): number | null =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;

/** The median (the mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The nearest-rank percentile (p in 0–100): a value some answer actually took; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** A repair case: its category, or a repair kind (hazards have their own clocks and are not repairs here). */
export const isRepair = (kase: Case): boolean =>
  kase.classification.category === 'repair' || kase.kind.startsWith('repair-');

/** An emergency repair: the priority a call handler set, or the kind it is counted by. */
export const isEmergencyRepair = (kase: Case): boolean =>
  kase.classification.priority === 'emergency' || kase.kind === 'repair-emergency';
