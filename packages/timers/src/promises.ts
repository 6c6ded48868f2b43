/**
 * What a case promises, for the planner: the response target (an agreed
 * date, an extension or the policy's target), each hazard milestone still
 * owed, and what the resident must be told at once after an officer's
 * action (a hazard step, an extension, the complaint as we understand it).
 * Each promise has its notice keys; NoticeSender sends each key once per case.
 */
import {
  type Case,
  currentExtension,
  type Deadline,
  effectiveRespondBy,
  type LandlordPolicy,
  type MilestoneEvent,
  outstandingMilestones,
} from '@housing-inbox/core';

/**
 * Stage 2 of a complaint reuses the case (and its timeline and claims) of
 * stage 1 with new targets, and a follow-up after our reply starts a new
 * round on it, so their keys get their own prefix: the stage 2 (or round 2)
 * acknowledgement is not the first one.
 */
function keyScope(kase: Case): string {
  const stage = kase.kind === 'complaint-stage-2' ? 'stage-2:' : '';
  const round = kase.round && kase.round.n > 1 ? `round-${kase.round.n}:` : '';
  return `${stage}${round}`;
}

export const noticeKeys = {
  acknowledgement: (kase: Case) => `${keyScope(kase)}acknowledgement`,
  ownerWarning: (kase: Case, target: Deadline) => `${keyScope(kase)}owner-warning:${target}`,
  delayUpdate: (kase: Case, target: Deadline, n: number) => `${keyScope(kase)}delay-update:${target}:${n}`,
  managerAlert: (kase: Case, target: Deadline) => `${keyScope(kase)}manager-alert:${target}`,
  milestoneWarning: (kase: Case, id: string, due: string) => `${keyScope(kase)}milestone:${id}:owner-warning:${due}`,
  milestoneSlipped: (kase: Case, id: string, due: string, n: number) =>
    `${keyScope(kase)}milestone:${id}:slipped:${due}:${n}`,
  milestoneAlert: (kase: Case, id: string, due: string) => `${keyScope(kase)}milestone:${id}:manager-alert:${due}`,
  step: (kase: Case, event: MilestoneEvent) => `${keyScope(kase)}step:${event}`,
  extension: (kase: Case, respondBy: string) => `${keyScope(kase)}extension:${respondBy}`,
  complaintSummary: (kase: Case, at: string) => `${keyScope(kase)}complaint-summary:${at}`,
};

/** A deadline the timers watch: warn the owner before it, tell the resident and alert a manager after. */
export interface Promised {
  kind: 'response' | 'milestone';
  target: Deadline;
  /** When it stops being watched early: not before this instant is it warned about (the case, or the investigation). */
  since: Date;
  warningKey: string;
  alertKey: string;
  /** The resident's delay updates (undefined: staff only, for a "where possible" milestone). */
  delayKey?: (n: number) => string;
  milestone?: { id: string; promise: string };
}

/** The deadlines a case still promises to keep. */
export function promisesOf(kase: Case, policy: LandlordPolicy): Promised[] {
  const promised: Promised[] = [];
  const created = new Date(kase.createdAt);
  if (!kase.respondedAt && kase.status !== 'answered') {
    const target = effectiveRespondBy(kase, policy);
    promised.push({
      kind: 'response',
      target,
      since: created,
      warningKey: noticeKeys.ownerWarning(kase, target),
      alertKey: noticeKeys.managerAlert(kase, target),
      delayKey: (n) => noticeKeys.delayUpdate(kase, target, n),
    });
  }
  if (kase.status === 'answered') return promised;
  for (const m of outstandingMilestones(policy, kase)) {
    const concluded = new Date(kase.investigation?.concludedAt ?? kase.createdAt);
    promised.push({
      kind: 'milestone',
      target: m.due,
      since: concluded > created ? concluded : created,
      warningKey: noticeKeys.milestoneWarning(kase, m.id, m.due),
      alertKey: noticeKeys.milestoneAlert(kase, m.id, m.due),
      delayKey: m.bestEffort ? undefined : (n) => noticeKeys.milestoneSlipped(kase, m.id, m.due, n),
      milestone: { id: m.id, promise: m.promise },
    });
  }
  return promised;
}

/** What the resident is told at once after an officer records it (each once). */
export type Tell =
  | { action: 'step'; key: string; event: MilestoneEvent }
  | { action: 'extension'; key: string }
  | { action: 'complaint-summary'; key: string };

/** Steps the resident hears about; the summary is itself the written step. */
const TOLD_STEPS: readonly MilestoneEvent[] = [
  'investigation-concluded',
  'works-started',
  'further-works-started',
  'works-completed',
  'alternative-accommodation-offered',
];

export function toTell(kase: Case): Tell[] {
  const tell: Tell[] = [];
  for (const event of TOLD_STEPS) {
    const recorded = event === 'investigation-concluded' ? kase.investigation : kase.milestones?.[event];
    if (recorded) tell.push({ action: 'step', key: noticeKeys.step(kase, event), event });
  }
  const extension = currentExtension(kase);
  if (extension && !kase.respondedAt)
    tell.push({ action: 'extension', key: noticeKeys.extension(kase, extension.respondBy) });
  const summary = kase.complaintSummary;
  // Confirmed after the acknowledgement went: sent on its own (before, the acknowledgement carried it).
  if (summary && kase.acknowledgedAt && summary.at > kase.acknowledgedAt && !kase.respondedAt) {
    tell.push({ action: 'complaint-summary', key: noticeKeys.complaintSummary(kase, summary.at) });
  }
  return tell;
}
