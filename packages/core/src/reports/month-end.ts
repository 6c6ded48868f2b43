/**
 * What was open, and what overdue, at the end of a month: the monthly report's
 * `monthEnd` figures, and the months a case must be filed under so that a
 * month's report finds it even when nothing happened to it that month.
 *
 * An answer is open at an instant when its clock had started, it had not been
 * sent, the next round or stage had not replaced it and the case had not been
 * closed. Which cases a month's end needs (cost grows with the month, not the
 * table; issue 13 must 5):
 * - a case whose answer was open at a month end it has already passed is filed
 *   under that month (`openMonthEnds`: the store writes one marker per such
 *   month the next time it writes the case, so a case untouched for months is
 *   filed under each of them once it is written again: closed, answered, merged);
 * - a case still open that has not been written since is in the open-cases
 *   queue (the store reads that queue a page at a time: its size is the
 *   landlord's live caseload, not its history).
 */
import { type Answer, answersOf } from '../answers.js';
import type { Case } from '../cases.js';
import { instantAt, wallClock } from '../dates.js';
import type { LandlordPolicy } from '../policy.js';
import { nextMonth, overdueAt } from './figures.js';

/** The instant a local month (YYYY-MM) ends: midnight starting the next month, in `timeZone`. */
export const monthEndInstant = (month: string, timeZone: string): Date =>
  instantAt(`${nextMonth(month)}-01`, 0, timeZone);

/** When the current answer stopped being open: sent, or the case closed (undefined while open). */
function currentEnd(kase: Case): string | undefined {
  return kase.respondedAt ?? (kase.status === 'closed' ? kase.closedAt : undefined);
}

/**
 * The answers of a case open at `at` (UTC instant): started before it, and
 * not sent, replaced or closed by then.
 */
export function answersOpenAt(policy: LandlordPolicy, kase: Case, at: Date): Answer[] {
  const t = at.getTime();
  const before = (instant: string | undefined) => Boolean(instant) && Date.parse(instant as string) < t;
  return answersOf(policy, kase).filter((a) => {
    // A stage 1 rebuilt for a record kept before stages were has no known end: not counted.
    if (a.reconstructed || !before(a.receivedAt)) return false;
    const ended = a.current ? currentEnd(kase) : (a.respondedAt ?? a.endedAt);
    return !before(ended);
  });
}

/**
 * Whether an answer open at a month end counts as overdue there: its target
 * had passed and the case was not in the end closed without a reply (a
 * duplicate, merged into another case, withdrawn: `closedAs`, or closed with
 * nothing sent). Such a case never counts as overdue, in any month (issue 13:
 * the reply it owed went, or goes, on the other case).
 */
export function overdueAtMonthEnd(policy: LandlordPolicy, answer: Answer, at: Date): boolean {
  return !answer.closedWithoutReply && overdueAt(policy, answer, at);
}

/**
 * The local months (YYYY-MM, oldest first) whose end has passed by `asAt`
 * (UTC instant, normally the write's `updatedAt`) and at whose end the case
 * had an answer open. Needs no policy: only the case's own instants. The
 * store files the case under each (`countedInItems`).
 */
export function openMonthEnds(kase: Case, asAt: string, timeZone: string): string[] {
  const limit = Date.parse(asAt);
  const spans: [number, number][] = [];
  const start = (kase.previousAnswers ?? []).map((a): [string, string | undefined] => [
    a.receivedAt,
    a.respondedAt ?? a.endedAt,
  ]);
  const current = kase.round?.startedAt ?? kase.stageStartedAt ?? kase.receivedAt;
  for (const [from, until] of [...start, [current, currentEnd(kase)] as [string, string | undefined]]) {
    spans.push([Date.parse(from), Math.min(until ? Date.parse(until) : limit, limit)]);
  }
  const months: string[] = [];
  let month = wallClock(new Date(kase.receivedAt), timeZone).date.slice(0, 7);
  for (let end = monthEndInstant(month, timeZone).getTime(); end <= limit; ) {
    // Open at the end: started before it and not ended by then (an answer sent exactly then had ended).
    if (spans.some(([from, until]) => from < end && until > end)) months.push(month);
    month = nextMonth(month);
    end = monthEndInstant(month, timeZone).getTime();
  }
  return months;
}

/**
 * The month-end figures: the answers open at `at` on the given cases (each
 * case once), and of those the ones overdue (`overdueAtMonthEnd`).
 */
export function monthEndFigures(policy: LandlordPolicy, cases: Case[], at: Date) {
  const seen = new Set<string>();
  const open = cases.filter((c) => !seen.has(c.ref) && seen.add(c.ref)).flatMap((c) => answersOpenAt(policy, c, at));
  return {
    at: at.toISOString(),
    open: open.length,
    overdue: open.filter((a) => overdueAtMonthEnd(policy, a, at)).length,
  };
}
