/**
 * Rounds: a resident who writes again after our reply starts a new round on
 * the same case, with its own target counted from that message. Nothing of
 * the earlier round carries over — not its acknowledgement's recount, not an
 * agreed date, not an extension, not a delay reason — so nobody is told
 * "we are sorry, we promised to reply by" a date that was kept.
 *
 * Ingest calls `startRound` when a message threads onto an answered case
 * (`needsNewRound`), and writes the case it returns with the message. A
 * resident asking for stage 2 of an answered stage 1 complaint starts a round
 * `because: 'escalation'` counted by `complaint-stage-2` from their request
 * (Complaint Handling Code 6.x: stage 2 acknowledged within 5 working days of
 * the request; SPSO: 3); the owner's `escalate` then keeps that clock.
 */
import { closeAnswer } from './answers.js';
import type { Case, CaseRound, TimelineEntry } from './cases.js';
import { asksToEscalate } from './classify.js';
import type { LocalDate } from './dates.js';
import type { CaseKind } from './model.js';
import type { LandlordPolicy } from './policy.js';
import { computeTargets } from './targets.js';

/** A message on this case starts a new round: our reply (or the works, or the investigation) answered the last one. */
export function needsNewRound(kase: Pick<Case, 'status' | 'respondedAt'>): boolean {
  return kase.status === 'answered';
}

export interface RoundStart {
  /** When the message that starts the round was received (a voicemail: when the call came in). */
  received: Date;
  /** The rule the round is counted by: the message's channel kind for a follow-up. */
  kind: CaseKind;
  /** Day 0 no earlier than this working day (a voicemail left while its officer was away: `contactClock`). */
  notBefore?: LocalDate;
  because: CaseRound['because'];
  /** When the change is recorded (the entry's time). */
  now: string;
  /** The actor of the timeline entry: 'system' from ingest, else the officer. */
  actor?: string;
  newId: () => string;
}

/**
 * The case with a new round started, and the timeline entry that says so.
 * The previous round's outcome stays on the timeline entry (and in reports
 * through it); the case's response fields now belong to the new round.
 */
export function startRound(
  policy: LandlordPolicy,
  kase: Case,
  start: RoundStart,
): { case: Case; timeline: TimelineEntry[] } {
  const targets = computeTargets(policy, { kind: start.kind, received: start.received, notBefore: start.notBefore });
  const round: CaseRound = {
    n: (kase.round?.n ?? 1) + 1,
    kind: start.kind,
    startedAt: start.received.toISOString(),
    because: start.because,
  };
  const {
    respondedAt: _r,
    responseOutcome: _o,
    responseMethod: _m,
    agreedReplyDate: _d,
    agreedReplyAt: _da,
    extension: _e,
    delayReason: _w,
    acknowledgedAt,
    complaintSummary,
    ...rest
  } = kase;
  const escalation = start.because === 'escalation';
  // A round whose rule asks for an acknowledgement gets its own; otherwise the first one stands.
  const next: Case = {
    ...rest,
    // The answered round is kept whole: a follow-up never turns an on-time reply into a miss.
    previousAnswers: [...(kase.previousAnswers ?? []), closeAnswer(policy, kase, start.received.toISOString())],
    ...(targets.acknowledgeBy === null && acknowledgedAt ? { acknowledgedAt } : {}),
    // Stage 2 states the complaint afresh; a follow-up keeps the complaint as understood.
    ...(complaintSummary && !escalation ? { complaintSummary } : {}),
    targets,
    round,
    status: 'in-progress',
  };
  const entry: TimelineEntry = {
    id: start.newId(),
    caseRef: kase.ref,
    at: start.now,
    type: escalation ? 'escalation-requested' : 'follow-up',
    actor: start.actor ?? 'system',
    summary: escalation
      ? `The resident asked for stage 2: the owner is asked to escalate the complaint (escalate); stage 2's clock runs from the request (${start.received.toISOString()}), ${targets.acknowledgeBy ? `acknowledge by ${targets.acknowledgeBy}, ` : ''}respond by ${targets.respondBy}`
      : `The resident got in touch again after our reply: round ${round.n}, a new response target of ${targets.respondBy}`,
    data: {
      round,
      previousTargets: kase.targets,
      previousOutcome: kase.responseOutcome,
      previousRespondedAt: kase.respondedAt,
      targets,
    },
  };
  return { case: next, timeline: [entry] };
}

/** Lines a mail program quoted under a reply: our own words there ("ask us to escalate…") are not the resident's. */
const QUOTE_STARTS = [/^\s*>/, /\bwrote:\s*$/i, /^\s*-{2,}\s*original message\s*-{2,}\s*$/i, /^\s*_{10,}\s*$/];

/** What the resident wrote this time, above any quoted history. */
function ownWords(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((line) => QUOTE_STARTS.some((p) => p.test(line)));
  return (end === -1 ? lines : lines.slice(0, end)).join('\n');
}

/**
 * The policy's words asking for stage 2 in a message (its subject and text; a
 * logged call's summary) on a stage 1 complaint
 * that was answered (its reply sent, or a later round begun), unless stage 2
 * was asked for already; undefined otherwise.
 */
export function escalationAsked(policy: LandlordPolicy, kase: Case, text: string): string | undefined {
  if (kase.kind !== 'complaint-stage-1' || !policy.targets['complaint-stage-2']) return undefined;
  if (kase.round?.because === 'escalation') return undefined;
  const answered = kase.status === 'answered' || Boolean(kase.respondedAt) || (kase.round?.n ?? 1) > 1;
  if (!answered) return undefined;
  return asksToEscalate(policy, ownWords(text));
}
