/**
 * Hazards: an officer confirms a likely hazard or rules it out with a reason
 * (the clock ran from receipt either way), then records each statutory
 * milestone as it happens — the investigation's conclusion, the written
 * summary, the works started and completed, alternative accommodation
 * offered. Each is a timeline entry; the timers tell the resident and watch
 * the dates (`milestones.ts`).
 */
import type { Classification, HazardFlag } from '../cases.js';
import { kindForChannel } from '../classify.js';
import {
  AlternativeAccommodationInput,
  type CommandInput,
  HazardConfirmInput,
  HazardRuleOutInput,
  InvestigationInput,
  MilestoneInput,
  RepairCompletedInput,
  WorksStartedInput,
} from '../contracts/commands.js';
import { outstandingMilestones } from '../milestones.js';
import { isHazardKind } from '../model.js';
import type { MilestoneEvent } from '../policy-duties.js';
import { computeTargets } from '../targets.js';
import { happenedAt, type MeasuredBy, meetResponse } from './responses.js';
import {
  type Change,
  CommandError,
  type Context,
  given,
  invalid,
  progressed,
  type Runner,
  requireOpen,
  requireRunner,
} from './run.js';

export const hazardCommands = ({ command }: Runner) => ({
  confirmHazard: command(HazardConfirmInput, 'hazard-confirmed', decideHazardConfirm),
  ruleOutHazard: command(HazardRuleOutInput, 'hazard-ruled-out', decideHazardRuleOut),
  concludeInvestigation: command(InvestigationInput, 'investigation-concluded', decideInvestigation),
  summarySent: command(MilestoneInput, 'summary-sent', (ctx, input) => decideMilestone(ctx, 'summary-sent', input)),
  worksStarted: command(WorksStartedInput, 'works-started', decideWorksStarted),
  repairCompleted: command(RepairCompletedInput, 'repair-completed', decideRepairCompleted),
  alternativeAccommodation: command(AlternativeAccommodationInput, 'alternative-accommodation', (ctx, input) =>
    decideMilestone(ctx, 'alternative-accommodation-offered', input),
  ),
});

/** Targets counted from the receipt: confirming or ruling out a hazard never restarts the clock. */
function fromReceipt(ctx: Context, kind: Classification['kind']) {
  const { kase, policy } = ctx;
  return computeTargets(policy, {
    kind,
    received: new Date(kase.receivedAt),
    acknowledged: kase.acknowledgedAt ? new Date(kase.acknowledgedAt) : undefined,
  });
}

export function decideHazardConfirm(ctx: Context, input: CommandInput<'hazard-confirm'>): Change {
  const { kase, policy } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  const flag = kase.classification.hazard;
  const kind = input.kind ?? flag?.kind;
  if (!kind) throw invalid('kind', 'Choose the hazard: this case has none flagged');
  if (!policy.targets[kind]) throw invalid('kind', `${policy.name} sets no target for ${kind}`);
  const { hazard: _h, also, ...rest } = kase.classification;
  const hazard: HazardFlag = {
    kind,
    sign: flag?.sign ?? 'reported to an officer',
    words: flag?.words ?? '',
    otherwise: flag?.otherwise ?? { ...rest, reason: rest.reason },
    status: 'confirmed',
    decidedBy: ctx.actor.officerId,
    decidedAt: ctx.now,
    reason: input.reason,
  };
  const classification: Classification = {
    ...rest,
    ...(also ? { also } : {}),
    category: 'repair',
    priority: kind === 'hazard-emergency' ? 'emergency' : (rest.priority ?? 'standard'),
    kind,
    hazard,
  };
  return {
    case: {
      ...kase,
      kind,
      classification,
      targets: kind === kase.kind ? kase.targets : fromReceipt(ctx, kind),
      status: progressed(kase),
    },
    timeline: [
      ctx.entry('hazard-confirmed', `Hazard confirmed (${kind}), its clock running from receipt: ${input.reason}`, {
        kind,
        reason: input.reason,
        from: kase.kind,
      }),
    ],
  };
}

export function decideHazardRuleOut(ctx: Context, { reason }: CommandInput<'hazard-rule-out'>): Change {
  const { kase } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  const flag = kase.classification.hazard;
  if (!flag || flag.status === 'ruled-out' || !isHazardKind(kase.kind)) {
    throw new CommandError('conflict', 'this case has no hazard to rule out');
  }
  const otherwise = isHazardKind(flag.otherwise.kind)
    ? { ...flag.otherwise, kind: kindForChannel(kase.channel) }
    : flag.otherwise;
  const classification: Classification = {
    ...kase.classification,
    ...otherwise,
    decidedBy: ctx.actor.officerId,
    hazard: { ...flag, status: 'ruled-out', decidedBy: ctx.actor.officerId, decidedAt: ctx.now, reason },
  };
  return {
    case: {
      ...kase,
      kind: otherwise.kind,
      classification,
      targets: fromReceipt(ctx, otherwise.kind),
      status: progressed(kase),
    },
    timeline: [
      ctx.entry('hazard-ruled-out', `Hazard ruled out (${flag.kind}); now ${otherwise.kind}: ${reason}`, {
        kind: flag.kind,
        reason,
        to: otherwise.kind,
      }),
    ],
  };
}

function requireHazard(ctx: Context) {
  if (!isHazardKind(ctx.kase.kind)) {
    throw new CommandError('conflict', `${ctx.kase.ref} is not a hazard case: confirm the hazard first`);
  }
}

export function decideInvestigation(ctx: Context, input: CommandInput<'investigation-concluded'>): Change {
  const { kase } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  requireHazard(ctx);
  if (kase.investigation) throw new CommandError('conflict', 'the investigation has been recorded already');
  const at = happenedAt(ctx, input.at);
  const investigation = {
    concludedAt: at,
    findings: input.findings,
    worksNeeded: input.worksNeeded,
    furtherWorksNeeded: input.furtherWorksNeeded ?? false,
    by: ctx.actor.officerId,
  };
  const measured: MeasuredBy[] = input.worksNeeded ? ['investigation'] : ['investigation', 'made-safe'];
  const next = meetResponse(ctx, { ...kase, investigation, status: progressed(kase) }, at, measured);
  const works = input.worksNeeded ? 'works are needed' : 'no works are needed';
  return {
    case: next,
    timeline: [
      ctx.entry('investigation-concluded', `Investigation concluded (${works}): ${input.findings}`, {
        ...investigation,
        responseOutcome: next.respondedAt && !kase.respondedAt ? next.responseOutcome : undefined,
      }),
    ],
  };
}

const LABELS: Record<MilestoneEvent, string> = {
  'investigation-concluded': 'Investigation concluded',
  'summary-sent': 'Written summary of the findings sent to the resident',
  'works-started': 'Works started',
  'works-completed': 'Works completed',
  'further-works-started': 'Further (preventative) works started',
  'alternative-accommodation-offered': 'Alternative accommodation offered',
};

/** Records a milestone; the works done also meet a repair target (or make safe an emergency). */
export function decideMilestone(
  ctx: Context,
  event: MilestoneEvent,
  input: { at?: string; note?: string },
  measured: MeasuredBy[] = [],
): Change {
  const { kase } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  if (event !== 'works-completed' && event !== 'alternative-accommodation-offered') {
    requireHazard(ctx);
    if (!kase.investigation) throw new CommandError('conflict', 'record the investigation’s conclusion first');
  }
  if (kase.milestones?.[event]) throw new CommandError('conflict', `${LABELS[event]}: recorded already`);
  const at = happenedAt(ctx, input.at);
  if (kase.investigation && event !== 'alternative-accommodation-offered' && at < kase.investigation.concludedAt) {
    throw invalid('at', 'That is before the investigation concluded');
  }
  const note = given(input.note);
  const recorded = { ...kase, milestones: { ...kase.milestones, [event]: { at, by: ctx.actor.officerId, note } } };
  let next = meetResponse(ctx, { ...recorded, status: progressed(kase) }, at, measured);
  // Everything owed is done: the case is answered (the timers then stop).
  if (next.respondedAt && outstandingMilestones(ctx.policy, next).length === 0) next = { ...next, status: 'answered' };
  return {
    case: next,
    timeline: [ctx.entry(event, `${LABELS[event]}${note ? `: ${note}` : ''}`, { at, note })],
  };
}

export function decideWorksStarted(ctx: Context, input: CommandInput<'works-started'>): Change {
  return decideMilestone(ctx, input.further ? 'further-works-started' : 'works-started', input);
}

export function decideRepairCompleted(ctx: Context, input: CommandInput<'repair-completed'>): Change {
  const { kase } = ctx;
  // A repair, or a hazard's safety works: not a complaint or a letter.
  if (!isHazardKind(kase.kind) && kase.classification.category !== 'repair') {
    throw new CommandError('conflict', `${kase.ref} is not a repair or a hazard`);
  }
  return decideMilestone(ctx, 'works-completed', input, ['works-completed', 'made-safe']);
}
