/**
 * The monthly figures managers monitor (both landlords' policies ask for
 * them): contacts per channel; phone messages and voicemails received and
 * answered (visits apart); each service standard (every kind the policy sets a
 * target for) due, met, missed and open overdue, with median and 90th
 * percentile working days to answer; teams and officers; delay updates and
 * extensions sent; hazard milestones; what was open and overdue at month end;
 * and the switchboard's calls against its answering standard.
 *
 * Counting choices:
 * - Each answer counts once, in the local month its clock started (a case's
 *   first contact, a follow-up round, a complaint stage): a follow-up after an
 *   on-time reply is a new answer and never turns the earlier one into a miss.
 * - Met or missed is the outcome recorded when the answer was given, against
 *   the target that applied then (agreed date, extension, the policy's).
 * - A case closed without a reply (a duplicate, withdrawn) is never overdue:
 *   it is counted apart as closed without reply.
 * - An answer replaced unanswered (stage 1 escalated before its response) is
 *   missed when its target had passed by then, and otherwise not judged.
 * - Open and overdue at month end: every answer open at that instant, on any
 *   case received by then (`month-end.ts`: the month's cases, those filed under
 *   its end, and those still awaiting an answer); a case closed without a
 *   reply is counted open while it was, never overdue.
 */
import { type Answer, answersOf } from '../answers.js';
import { type CallRecord, secondsToAnswer } from '../calls.js';
import type { Case, Officer } from '../cases.js';
import { milestoneDates } from '../milestones.js';
import { CASE_CATEGORIES, CASE_KINDS, type CaseKind, CHANNELS, isHazardKind } from '../model.js';
import type { LandlordPolicy } from '../policy.js';
import type { MonthActivity } from '../ports.js';
import { deadlinePassesAt } from '../targets.js';
import {
  answeredInTime,
  inMonth,
  localDay,
  MONTH,
  median,
  overdueAt,
  percentile,
  proportion,
  workingDaysToAnswer,
} from './figures.js';
import { monthEndFigures, monthEndInstant } from './month-end.js';

export { MONTH };

export interface StandardFigures {
  /** Answers whose clock started this month (closed without reply left out). */
  due: number;
  met: number;
  missed: number;
  openOverdue: number;
  openNotYetDue: number;
  closedWithoutReply: number;
  /** Working days from day 0 to the answer, over the answers given. */
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
}

export interface StageFigures {
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  open: number;
}

export interface GroupFigures {
  id: string;
  name: string;
  due: number;
  met: number;
  missed: number;
  openOverdue: number;
}

export interface MonthlyReport {
  month: string;
  landlord: { id: string; name: string };
  generatedAt: string;
  contacts: { total: number; byChannel: Record<(typeof CHANNELS)[number], number> };
  cases: { opened: number; byCategory: Record<(typeof CASE_CATEGORIES)[number], number> };
  phoneMessages: { received: number; voicemails: number; answered: number; answeredOnTime: number; visits: number };
  acknowledgements: { due: number; onTime: number; late: number; outstanding: number };
  responses: {
    answeredOnTime: number;
    answeredLate: number;
    openOverdue: number;
    openNotYetDue: number;
    closedWithoutReply: number;
    onTimeRate: number | null;
  };
  complaints: { 'complaint-stage-1': StageFigures; 'complaint-stage-2': StageFigures };
  standards: ({ kind: CaseKind; target: string } & StandardFigures)[];
  teams: GroupFigures[];
  officers: GroupFigures[];
  notices: { delayUpdates: number; extensions: number };
  hazardMilestones: { due: number; met: number; missed: number; pending: number };
  monthEnd: { at: string; open: number; overdue: number };
  calls: {
    offered: number;
    answered: number;
    abandoned: number;
    answeredWithinStandard: number;
    standardSeconds: number | null;
    withinStandardRate: number | null;
  };
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

type Judged = 'met' | 'missed' | 'open-overdue' | 'open' | 'closed-without-reply' | 'not-judged';

/** Where an answer stands as at `now` (see the counting choices above). */
function judge(policy: LandlordPolicy, a: Answer, now: Date): Judged {
  if (a.respondedAt) return answeredInTime(policy, a) ? 'met' : 'missed';
  if (a.closedWithoutReply) return 'closed-without-reply';
  if (!a.current) {
    const ended = a.endedAt ? new Date(a.endedAt) : now;
    return overdueAt(policy, a, ended) ? 'missed' : 'not-judged';
  }
  return overdueAt(policy, a, now) ? 'open-overdue' : 'open';
}

/** A kind's target in words ("10 working days", "24 hours"). */
function targetWords(policy: LandlordPolicy, kind: CaseKind): string {
  const respond = policy.targets[kind]?.respond as Record<string, unknown> | undefined;
  if (!respond) return '';
  if (typeof respond.hours === 'number') return `${respond.hours} hours`;
  if (typeof respond.workingDays === 'number') {
    return `${respond.workingDays} working days${respond.from === 'acknowledgement' ? ' from acknowledgement' : ''}`;
  }
  return 'same working day';
}

function standardFigures(policy: LandlordPolicy, judged: { a: Answer; j: Judged }[]): StandardFigures {
  const days = judged
    .filter(({ a }) => a.respondedAt)
    .map(({ a }) => workingDaysToAnswer(policy, a.receivedAt, a.respondedAt as string));
  const count = (j: Judged) => judged.filter((x) => x.j === j).length;
  const closedWithoutReply = count('closed-without-reply');
  return {
    due: judged.length - closedWithoutReply - count('not-judged'),
    met: count('met'),
    missed: count('missed'),
    openOverdue: count('open-overdue'),
    openNotYetDue: count('open'),
    closedWithoutReply,
    medianWorkingDays: median(days),
    p90WorkingDays: percentile(days, 90),
  };
}

function groupFigures(id: string, name: string, judged: { j: Judged }[]): GroupFigures {
  const count = (j: Judged) => judged.filter((x) => x.j === j).length;
  const scored = judged.filter((x) => x.j !== 'closed-without-reply' && x.j !== 'not-judged');
  return {
    id,
    name,
    due: scored.length,
    met: count('met'),
    missed: count('missed'),
    openOverdue: count('open-overdue'),
  };
}

function groupBy<T>(items: T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** Hazard milestones due this month on the month's hazard cases: met, missed, or still ahead. */
function hazardMilestones(policy: LandlordPolicy, cases: Case[], month: string, now: Date) {
  const figures = { due: 0, met: 0, missed: 0, pending: 0 };
  for (const kase of cases) {
    if (!isHazardKind(kase.kind) || !kase.investigation) continue;
    const dates = milestoneDates(policy, kase.kind, new Date(kase.investigation.concludedAt), kase.investigation);
    for (const m of dates.filter((d) => d.due.slice(0, 7) === month)) {
      figures.due++;
      const done = kase.milestones?.[m.metBy]?.at;
      if (done) localDay(policy, done) <= m.due ? figures.met++ : figures.missed++;
      else if (deadlinePassesAt(policy, m.due).getTime() <= now.getTime()) figures.missed++;
      else figures.pending++;
    }
  }
  return figures;
}

function callFigures(policy: LandlordPolicy, calls: CallRecord[]): MonthlyReport['calls'] {
  const standard = policy.reporting?.callAnswering?.withinSeconds ?? null;
  const answered = calls.filter((c) => c.outcome === 'answered');
  const within =
    standard === null ? 0 : answered.filter((c) => (secondsToAnswer(c) ?? Number.POSITIVE_INFINITY) <= standard).length;
  return {
    offered: calls.length,
    answered: answered.length,
    abandoned: calls.length - answered.length,
    answeredWithinStandard: within,
    standardSeconds: standard,
    withinStandardRate: standard === null ? null : proportion(within, calls.length),
  };
}

/**
 * The report for a local month (YYYY-MM) from its activity
 * (`CaseRepository.listMonth`), as at `now`; `officers` names the owners.
 * Throws RangeError for a month that is not YYYY-MM.
 */
export function monthlyReport(
  policy: LandlordPolicy,
  month: string,
  activity: MonthActivity,
  now: Date,
  officers: Pick<Officer, 'id' | 'name'>[] = [],
): MonthlyReport {
  if (!MONTH.test(month)) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const at = now.toISOString();
  const byChannel = zeros(CHANNELS);
  for (const m of activity.messages) byChannel[m.channel] = (byChannel[m.channel] ?? 0) + 1;
  const received = activity.cases.filter((c) => inMonth(policy, c.receivedAt, month));
  const byCategory = zeros(CASE_CATEGORIES);
  for (const c of received) byCategory[c.classification.category]++;

  const answers = activity.cases
    .flatMap((c) => answersOf(policy, c))
    .filter((a) => inMonth(policy, a.receivedAt, month))
    .map((a) => ({ a, j: judge(policy, a, now) }));

  const acknowledgements = { due: 0, onTime: 0, late: 0, outstanding: 0 };
  for (const { a, j } of answers) {
    const by = a.targets.acknowledgeBy;
    if (!by || j === 'closed-without-reply') continue;
    acknowledgements.due++;
    if (!a.acknowledgedAt) acknowledgements.outstanding++;
    else if (localDay(policy, a.acknowledgedAt) <= by) acknowledgements.onTime++;
    else acknowledgements.late++;
  }

  const all = standardFigures(policy, answers);
  const stage = (kind: CaseKind): StageFigures => {
    const s = standardFigures(
      policy,
      answers.filter((x) => x.a.kind === kind),
    );
    return {
      received: s.due + s.closedWithoutReply,
      answeredOnTime: s.met,
      answeredLate: s.missed,
      open: s.openOverdue + s.openNotYetDue,
    };
  };

  const logged = activity.messages.filter((m) => m.logged);
  const phone = answers.filter((x) => x.a.kind === 'phone-message');
  const names = new Map(officers.map((o) => [o.id, o.name]));
  const teamNames = new Map(policy.departments.map((d) => [d.id, d.name]));

  // As at the end of the month, or now for the month still running: every case open then, wherever it was
  // received (the month's own cases, those filed under its end, and those still open: `month-end.ts`).
  const endOfMonth = monthEndInstant(month, policy.timeZone);
  const monthEndAt = endOfMonth < now ? endOfMonth : now;

  return {
    month,
    landlord: { id: policy.id, name: policy.name },
    generatedAt: at,
    contacts: { total: activity.messages.length, byChannel },
    cases: { opened: received.length, byCategory },
    phoneMessages: {
      // Phone messages and voicemails an officer logged; a visit is a contact of its own kind.
      received: logged.filter((m) => m.logged?.kind !== 'visit').length,
      voicemails: logged.filter((m) => m.logged?.kind === 'voicemail').length,
      answered: phone.filter((x) => x.a.respondedAt).length,
      answeredOnTime: phone.filter((x) => x.j === 'met').length,
      visits: logged.filter((m) => m.logged?.kind === 'visit').length,
    },
    acknowledgements,
    responses: {
      answeredOnTime: all.met,
      answeredLate: all.missed,
      openOverdue: all.openOverdue,
      openNotYetDue: all.openNotYetDue,
      closedWithoutReply: all.closedWithoutReply,
      onTimeRate: proportion(all.met, all.met + all.missed + all.openOverdue),
    },
    complaints: { 'complaint-stage-1': stage('complaint-stage-1'), 'complaint-stage-2': stage('complaint-stage-2') },
    standards: CASE_KINDS.filter((k) => policy.targets[k]).map((kind) => ({
      kind,
      target: targetWords(policy, kind),
      ...standardFigures(
        policy,
        answers.filter((x) => x.a.kind === kind),
      ),
    })),
    teams: [...groupBy(answers, (x) => x.a.teamId)].map(([id, xs]) => groupFigures(id, teamNames.get(id) ?? id, xs)),
    officers: [...groupBy(answers, (x) => x.a.ownerId)].map(([id, xs]) => groupFigures(id, names.get(id) ?? id, xs)),
    notices: {
      delayUpdates: activity.sent.filter((s) => s.purpose === 'delay-update').length,
      extensions: activity.sent.filter((s) => s.purpose === 'extension').length,
    },
    hazardMilestones: hazardMilestones(policy, received, month, now),
    monthEnd: monthEndFigures(policy, [...activity.cases, ...(activity.stillOpen ?? [])], monthEndAt),
    calls: callFigures(policy, activity.calls),
  };
}
