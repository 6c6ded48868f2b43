import type { Case } from '../cases.js';
import { AgreedDateInput, type CommandInput, DelayInput } from '../contracts/commands.js';
import { deadlineDate, policyRespondBy } from '../targets.js';
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
  workingDate,
} from './run.js';

export const dateCommands = ({ command }: Runner) => ({
  agreeDate: command(AgreedDateInput, 'agreed-date', decideAgreedDate),
  recordDelay: command(DelayInput, 'delay-recorded', decideDelay),
});

export function decideAgreedDate(ctx: Context, input: CommandInput<'agreed-date'>): Change {
  requireRunner(ctx);
  requireOpen(ctx);
  const date = workingDate(ctx, input.date, 'date');
  const note = given(input.note);
  return {
    case: { ...ctx.kase, agreedReplyDate: date, status: progressed(ctx.kase) },
    timeline: [
      ctx.entry('agreed-date', `Reply date agreed with the resident: ${date}${note ? ` (${note})` : ''}`, {
        date,
        note,
      }),
    ],
  };
}

export function decideDelay(ctx: Context, { reason, extensionWorkingDays: days }: CommandInput<'delay'>): Change {
  const { kase, policy } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  const change: Case = { ...kase, delayReason: reason, status: progressed(kase) };
  let summary = `Delay recorded: ${reason}`;
  if (days !== undefined) {
    const allowed = policy.extensions[kase.kind];
    if (!allowed) throw invalid('extensionWorkingDays', `No extension is allowed for ${kase.kind}`);
    if (days > allowed.maxWorkingDays) {
      throw invalid(
        'extensionWorkingDays',
        `An extension must be 1 to ${allowed.maxWorkingDays} working days (${allowed.basis})`,
      );
    }
    if (kase.extension) throw new CommandError('conflict', 'this case has been extended already');
    const respondBy = ctx.calendar.addWorkingDays(deadlineDate(policy, policyRespondBy(policy, kase)), days);
    change.extension = { workingDays: days, reason, respondBy, grantedBy: ctx.actor.officerId, at: ctx.now };
    summary = `Target extended by ${days} working days to ${respondBy}: ${reason}`;
  }
  return { case: change, timeline: [ctx.entry('delay-recorded', summary, { reason, extension: change.extension })] };
}
