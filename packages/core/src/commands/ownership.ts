/** Who owns a case: an officer of its team takes it, a manager reassigns it. */
import { isManager } from '../access.js';
import { withActivity } from '../cases.js';
import { type CommandInput, ReassignInput, TakeInput } from '../contracts/commands.js';
import {
  type Change,
  CommandError,
  type Context,
  invalid,
  officerName,
  progressed,
  type Runner,
  requireManager,
  requireOpen,
} from './run.js';

export const ownershipCommands = ({ command }: Runner) => ({
  take: command(TakeInput, 'owner-changed', decideTake),
  reassign: command(ReassignInput, 'owner-changed', decideReassign),
});

export function decideTake(ctx: Context): Change {
  const { actor, kase } = ctx;
  requireOpen(ctx);
  const inTeam = kase.teamId === actor.teamId && actor.role !== 'contributor';
  if (!isManager(actor) && !inTeam)
    throw new CommandError('forbidden', 'only an officer of the case’s team can take it');
  if (kase.ownerId === actor.officerId) throw new CommandError('conflict', `you already own ${kase.ref}`);
  if (handledStageOne(ctx, actor.officerId)) {
    throw new CommandError('forbidden', 'you handled stage 1 of this complaint: stage 2 needs someone else');
  }
  return {
    case: { ...kase, ownerId: actor.officerId, status: progressed(kase) },
    timeline: [
      ctx.entry('ownership-taken', `${officerName(ctx.officers, actor.officerId)} took ownership`, {
        from: kase.ownerId,
        to: actor.officerId,
      }),
    ],
  };
}

export function decideReassign(ctx: Context, { ownerId, reason }: CommandInput<'reassign'>): Change {
  const { kase } = ctx;
  requireManager(ctx);
  requireOpen(ctx);
  const target = ctx.officers.find((o) => o.id === ownerId);
  if (!target) throw invalid('ownerId', 'Choose one of the landlord’s officers');
  if (!target.active) throw invalid('ownerId', `${target.name} has left`);
  if (target.role === 'contributor') throw invalid('ownerId', `${target.name} is a contributor and cannot own cases`);
  if (handledStageOne(ctx, target.id)) {
    throw invalid('ownerId', 'The stage 2 owner must not be the officer who handled stage 1');
  }
  const told = target.id !== ctx.actor.officerId;
  return {
    case: {
      ...kase,
      ownerId: target.id,
      teamId: target.role === 'reception' ? kase.teamId : target.teamId,
      // "Reassigned to you" stays on the new owner's queue row until they open the case.
      ...(told ? { activity: withActivity({}, 'reassigned', ctx.now) } : { activity: undefined }),
    },
    notify: told
      ? [
          {
            officerId: target.id,
            kind: 'reassigned',
            caseRef: kase.ref,
            summary: `${kase.ref} was reassigned to you by ${officerName(ctx.officers, ctx.actor.officerId)}`,
          },
        ]
      : [],
    timeline: [
      ctx.entry(
        'reassigned',
        `Reassigned from ${officerName(ctx.officers, kase.ownerId)} to ${target.name}: ${reason}`,
        {
          from: kase.ownerId,
          to: target.id,
          reason,
        },
      ),
    ],
  };
}

/** Stage 2 of a complaint is handled by someone other than the stage 1 handler (policy `complaints.independentStageTwo`). */
function handledStageOne(ctx: Context, officerId: string): boolean {
  const { kase, policy } = ctx;
  return (
    kase.kind === 'complaint-stage-2' &&
    kase.stageOneOwnerId === officerId &&
    policy.complaints.independentStageTwo.required
  );
}
