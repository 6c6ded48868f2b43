import type { Case } from '../cases.js';
import { AgreedDateInput, type CommandInput, DelayInput } from '../contracts/commands.js';
import { deadlineDate, effectiveRespondBy, isWithin, policyRespondBy } from '../targets.js';
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
  const { kase, policy } = ctx;
  const extension = policy.extensions[kase.kind];
  if (extension && policy.complaints.agreedDateWithinTarget.required) {
    // An agreed date may bring a complaint's answer forward, never push it out: that is an extension.
    const target = deadlineDate(policy, effectiveRespondBy({ ...kase, agreedReplyDate: undefined }, policy));
    if (date > target) {
      throw invalid(
        'date',
        `${date} is after the target (${target}): record an extension with its reason instead, up to ${extension.maxWorkingDays} working days (${policy.complaints.agreedDateWithinTarget.basis})`,
      );
    }
  }
  return {
    case: { ...kase, agreedReplyDate: date, agreedReplyAt: ctx.now, status: progressed(kase) },
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
    // Recorded before the target passes (Complaint Handling Code 6.4; SPSO): a late one is not an extension.
    const target = policyRespondBy(policy, kase);
    if (!isWithin(policy, target, ctx.now)) {
      throw invalid(
        'extensionWorkingDays',
        `The target (${target}) has passed: an extension must be recorded before it`,
      );
    }
    const respondBy = ctx.calendar.addWorkingDays(deadlineDate(policy, target), days);
    change.extension = { workingDays: days, reason, respondBy, grantedBy: ctx.actor.officerId, at: ctx.now };
    summary = `Target extended by ${days} working days to ${respondBy}: ${reason}`;
  }
  return { case: change, timeline: [ctx.entry('delay-recorded', summary, { reason, extension: change.extension })] };
}
