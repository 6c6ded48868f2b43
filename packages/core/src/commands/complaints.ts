/**
 * The complaint as the landlord understands it: an officer confirms it, and
 * the resident is sent it — in the acknowledgement when it is confirmed
 * first, on its own when the automatic acknowledgement (which says it will
 * follow) went before (the timers send it; policy `complaints.statedComplaint`).
 */
import { type CommandInput, ComplaintSummaryInput } from '../contracts/commands.js';
import { isComplaintKind } from '../model.js';
import { type Change, CommandError, type Context, progressed, type Runner, requireOpen, requireRunner } from './run.js';

export const complaintCommands = ({ command }: Runner) => ({
  confirmComplaintSummary: command(ComplaintSummaryInput, 'complaint-summary', decideComplaintSummary),
});

export function decideComplaintSummary(ctx: Context, { summary }: CommandInput<'complaint-summary'>): Change {
  const { kase } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  if (!isComplaintKind(kase.kind)) throw new CommandError('conflict', `${kase.ref} is not a complaint`);
  if (kase.respondedAt) throw new CommandError('conflict', 'this stage has been answered already');
  return {
    case: {
      ...kase,
      complaintSummary: { text: summary, by: ctx.actor.officerId, at: ctx.now },
      status: progressed(kase),
    },
    timeline: [
      ctx.entry(
        'complaint-summary',
        `The complaint as we understand it${kase.complaintSummary ? ' (revised)' : ''}: ${summary}`,
        { summary },
      ),
    ],
  };
}
