/**
 * Answers owed on a case, one per round and per complaint stage: what the
 * reports count. A follow-up after our reply (`rounds.ts`) and an escalation
 * to stage 2 (`commands/classification.ts`) each close the current answer
 * into `Case.previousAnswers`, so an on-time reply stays on time and stage 1
 * keeps its own receipt, acknowledgement, target and outcome.
 */
import type { AnswerRecord, Case } from './cases.js';
import type { LandlordPolicy } from './policy.js';
import { computeTargets, effectiveRespondBy } from './targets.js';

/** An answer as the reports read it: a closed earlier one, or the case's current one. */
export interface Answer extends Omit<AnswerRecord, 'endedAt'> {
  /** When the next stage or round replaced it (earlier answers only). */
  endedAt?: string;
  caseRef: string;
  teamId: string;
  /** The current answer (the case's own fields); false for a closed earlier one. */
  current: boolean;
  /** The case was closed with this answer unsent (a duplicate, withdrawn): never overdue. */
  closedWithoutReply: boolean;
  /** Reconstructed from a record kept before stages were: its response is not known. */
  reconstructed?: boolean;
}

/** The current answer, closed into a record at `endedAt` (a follow-up or escalation is about to replace it). */
export function closeAnswer(policy: LandlordPolicy, kase: Case, endedAt: string): AnswerRecord {
  const { because, receivedAt } = currentStart(kase);
  return { ...liveAnswer(policy, kase), because, receivedAt, endedAt };
}

/** The case's own answer fields (the current stage or round), as a record's. */
function liveAnswer(policy: LandlordPolicy, kase: Case): Omit<AnswerRecord, 'because' | 'receivedAt' | 'endedAt'> {
  return {
    kind: kase.round?.kind ?? kase.kind,
    targets: kase.targets,
    respondBy: effectiveRespondBy(kase, policy),
    ...(kase.ownerId ? { ownerId: kase.ownerId } : {}),
    ...(kase.acknowledgedAt ? { acknowledgedAt: kase.acknowledgedAt } : {}),
    ...(kase.respondedAt ? { respondedAt: kase.respondedAt } : {}),
    ...(kase.responseOutcome ? { responseOutcome: kase.responseOutcome } : {}),
    ...(kase.responseMethod ? { responseMethod: kase.responseMethod } : {}),
    ...(kase.agreedReplyDate ? { agreedReplyDate: kase.agreedReplyDate } : {}),
    ...(kase.extension ? { extension: kase.extension } : {}),
    ...(kase.complaintSummary ? { complaintSummary: kase.complaintSummary } : {}),
  };
}

function currentStart(kase: Case): { because: AnswerRecord['because']; receivedAt: string } {
  if (kase.round) return { because: kase.round.because, receivedAt: kase.round.startedAt };
  if (kase.stageStartedAt) return { because: 'escalation', receivedAt: kase.stageStartedAt };
  return { because: 'first', receivedAt: kase.receivedAt };
}

/**
 * Every answer on the case, oldest first. A stage 2 case written before stages
 * were kept (no `previousAnswers`, no `stageStartedAt`) still reads: stage 1 as
 * received at `receivedAt` with its response unknown, and stage 2 from its own
 * clock's first day (`targets.clockStarts`, noon UTC).
 */
export function answersOf(policy: LandlordPolicy, kase: Case): Answer[] {
  const base = { caseRef: kase.ref, teamId: kase.teamId };
  const earlier: Answer[] = (kase.previousAnswers ?? []).map((a) => ({
    ...base,
    ...a,
    current: false,
    closedWithoutReply: false,
  }));
  const legacyStageTwo = kase.kind === 'complaint-stage-2' && !kase.stageStartedAt && !kase.previousAnswers?.length;
  const start = currentStart(kase);
  let receivedAt = start.receivedAt;
  if (legacyStageTwo && kase.classification.reason.startsWith('escalated')) {
    const stageOne = computeTargets(policy, { kind: 'complaint-stage-1', received: new Date(kase.receivedAt) });
    earlier.push({
      ...base,
      kind: 'complaint-stage-1',
      because: 'first',
      receivedAt: kase.receivedAt,
      targets: stageOne,
      respondBy: stageOne.respondBy,
      ...(kase.stageOneOwnerId ? { ownerId: kase.stageOneOwnerId } : {}),
      current: false,
      closedWithoutReply: false,
      reconstructed: true,
    });
    const day = kase.targets.clockStarts.slice(0, 10);
    receivedAt = `${day}T12:00:00.000Z`;
  }
  const current: Answer = {
    ...base,
    ...liveAnswer(policy, kase),
    because: legacyStageTwo && earlier.length ? 'escalation' : start.because,
    receivedAt,
    current: true,
    closedWithoutReply: kase.status === 'closed' && !kase.respondedAt,
  };
  return [...earlier, current];
}

/**
 * The instants a case counts at in the reports besides its receipt: each
 * answer's start and response, the repair (or hazard works) completed, the
 * closure. The store files the case under each of their local months, so a
 * month's (and a year's) figures read only that month's index.
 */
export function reportInstants(kase: Case): string[] {
  const instants = [kase.receivedAt];
  for (const a of kase.previousAnswers ?? []) {
    instants.push(a.receivedAt);
    if (a.respondedAt) instants.push(a.respondedAt);
  }
  if (kase.round) instants.push(kase.round.startedAt);
  if (kase.stageStartedAt) instants.push(kase.stageStartedAt);
  if (kase.respondedAt) instants.push(kase.respondedAt);
  const works = kase.milestones?.['works-completed']?.at;
  if (works) instants.push(works);
  if (kase.closedAt) instants.push(kase.closedAt);
  return instants;
}
