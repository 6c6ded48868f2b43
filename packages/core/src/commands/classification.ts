import { closeAnswer } from '../answers.js';
import type { Classification } from '../cases.js';
import { kindForChannel } from '../classify.js';
import { type CommandInput, EscalateInput, ReclassifyInput } from '../contracts/commands.js';
import type { CaseKind } from '../model.js';
import { chooseOwner } from '../routing.js';
import { computeTargets } from '../targets.js';
import { happenedAt } from './responses.js';
import {
  type Change,
  CommandError,
  type Context,
  given,
  invalid,
  officerName,
  progressed,
  type Runner,
  requireOpen,
  requireRunner,
} from './run.js';

export const classificationCommands = ({ command }: Runner) => ({
  reclassify: command(ReclassifyInput, 'reclassified', decideReclassify),
  escalate: command(EscalateInput, 'escalated', decideEscalate),
});

export function decideReclassify(
  ctx: Context,
  { category, priority, reason, stage }: CommandInput<'reclassify'>,
): Change {
  const { kase, policy } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  const direct = policy.complaints.directToStageTwo;
  if (stage === 2 && (category !== 'complaint' || !direct.allowed || !policy.targets['complaint-stage-2'])) {
    throw invalid('stage', category !== 'complaint' ? 'Only a complaint has stages' : `Not here: ${direct.basis}`);
  }
  const repairKind = `repair-${priority}` as CaseKind;
  const complaintKind: CaseKind = stage === 2 ? 'complaint-stage-2' : 'complaint-stage-1';
  const kind: CaseKind =
    category === 'complaint' && policy.targets[complaintKind]
      ? complaintKind
      : category === 'repair' && policy.targets[repairKind]
        ? repairKind
        : kindForChannel(kase.channel);
  const classification: Classification = {
    category,
    ...(category === 'repair' ? { priority } : {}),
    kind,
    reason,
    decidedBy: ctx.actor.officerId,
  };
  const targets = computeTargets(policy, {
    kind,
    received: new Date(kase.receivedAt),
    acknowledged: kase.acknowledgedAt ? new Date(kase.acknowledgedAt) : undefined,
  });
  return {
    case: { ...kase, kind, classification, targets, status: progressed(kase) },
    timeline: [
      ctx.entry(
        'reclassified',
        `Reclassified from ${kase.classification.category} (${kase.kind}) to ${category} (${kind}): ${reason}`,
        { from: kase.classification, to: classification },
      ),
    ],
  };
}

export async function decideEscalate(ctx: Context, input: CommandInput<'escalate'>): Promise<Change> {
  const { kase, policy } = ctx;
  const { reason } = input;
  requireRunner(ctx);
  requireOpen(ctx);
  if (kase.kind !== 'complaint-stage-1') {
    throw new CommandError('conflict', 'only a stage 1 complaint can be escalated to stage 2');
  }
  if (!policy.targets['complaint-stage-2']) throw new CommandError('conflict', 'this policy has no stage 2 target');
  const stageOne = kase.ownerId;
  // Stage 2 is handled by someone not involved at stage 1 (policy `complaints.independentStageTwo`).
  const mustDiffer = policy.complaints.independentStageTwo.required;
  // The stage 2 clock starts when the resident asked (an escalation request in any channel), not when it was typed in:
  // a request ingest recognised started an escalation round, whose start and acknowledgement stand.
  const asked = kase.round?.because === 'escalation' ? kase.round : undefined;
  const requestedAt = asked && !input.requestedAt ? asked.startedAt : happenedAt(ctx, input.requestedAt, 'requestedAt');
  const requestAcknowledged =
    asked && kase.acknowledgedAt && kase.acknowledgedAt >= requestedAt ? kase.acknowledgedAt : undefined;
  let ownerId: string | undefined;
  let why: string;
  const chosenId = given(input.ownerId);
  if (chosenId) {
    const chosen = ctx.officers.find((o) => o.id === chosenId && o.active);
    if (!chosen || chosen.role === 'contributor') throw invalid('ownerId', 'Choose an officer who can own cases');
    if (mustDiffer && chosen.id === stageOne) {
      throw invalid('ownerId', 'The stage 2 owner must not be the stage 1 owner');
    }
    ownerId = chosen.id;
    why = `chosen by ${officerName(ctx.officers, ctx.actor.officerId)}`;
  } else {
    const choice = await chooseOwner(ctx.officers, kase.teamId, ctx.countOpenCases, {
      today: ctx.today,
      exclude: mustDiffer && stageOne ? [stageOne] : [],
    });
    ownerId = choice.ownerId;
    why = choice.reason;
  }
  if (mustDiffer && (!ownerId || ownerId === stageOne)) {
    throw new CommandError('conflict', 'no other officer is available to own stage 2: choose one with ownerId');
  }
  // Stage 2 starts afresh: its own acknowledgement, response, agreed date and extension.
  // Stage 1 (or the round answering it) is kept whole in `previousAnswers`: its receipt,
  // acknowledgement, target, response and outcome count in the reports (CH01/CH02, SHR).
  const {
    acknowledgedAt: _a,
    respondedAt: _r,
    responseOutcome: _o,
    agreedReplyDate: _d,
    agreedReplyAt: _da,
    extension: _e,
    delayReason: _w,
    responseMethod: _m,
    complaintSummary: _s,
    round: _n,
    ...rest
  } = kase;
  return {
    case: {
      ...rest,
      kind: 'complaint-stage-2',
      classification: {
        ...kase.classification,
        kind: 'complaint-stage-2',
        reason: `escalated: ${reason}`,
        decidedBy: ctx.actor.officerId,
      },
      targets: computeTargets(policy, {
        kind: 'complaint-stage-2',
        received: new Date(requestedAt),
        acknowledged: requestAcknowledged ? new Date(requestAcknowledged) : undefined,
      }),
      ...(requestAcknowledged ? { acknowledgedAt: requestAcknowledged } : {}),
      stageOneOwnerId: stageOne,
      stageStartedAt: requestedAt,
      previousAnswers: [...(kase.previousAnswers ?? []), closeAnswer(policy, kase, requestedAt)],
      ownerId,
      status: 'in-progress',
    },
    timeline: [
      ctx.entry(
        'escalated',
        `Complaint escalated to stage 2 and assigned to ${officerName(ctx.officers, ownerId)} (${why}): ${reason}`,
        { reason, stageOneOwnerId: stageOne, ownerId, requestedAt },
      ),
    ],
  };
}
