/**
 * Responses measured by what happened: a target is met by what its policy
 * rule says meets it (`targets.<kind>.metBy`) — a written reply, a call back
 * or a visit recorded as the response, the repair done, the investigation
 * concluded, the home made safe — at the time it happened, not when it was
 * typed in.
 */
import type { Case, CaseMessage, ResponseMethod } from '../cases.js';
import { type CommandInput, RespondedInput } from '../contracts/commands.js';
import { outstandingMilestones } from '../milestones.js';
import { isHazardKind } from '../model.js';
import { responseMeasure } from '../policy.js';
import type { ResponseMeasure } from '../policy-duties.js';
import { effectiveRespondBy, isWithin } from '../targets.js';
import { type Change, CommandError, type Context, invalid, type Runner, requireOpen, requireRunner } from './run.js';

export type MeasuredBy = ResponseMeasure;

export const responseCommands = ({ command }: Runner) => ({
  responded: command(RespondedInput, 'responded', decideResponded),
});

/** When something happened, as the officer gives it: not in the future, not before the case began. */
export function happenedAt(ctx: Context, at: string | undefined, field = 'at'): string {
  if (!at) return ctx.now;
  const when = new Date(at);
  // A minute's grace for a clock a little ahead of ours.
  if (when.getTime() > new Date(ctx.now).getTime() + 60_000) throw invalid(field, 'That is in the future');
  if (when.getTime() < new Date(ctx.kase.receivedAt).getTime()) {
    throw invalid(field, 'That is before the case was received');
  }
  return when.toISOString();
}

/** The kind whose rule measures the current round (a follow-up round is measured as its own kind). */
export function measuredKind(kase: Pick<Case, 'kind' | 'round'>) {
  return kase.round?.kind ?? kase.kind;
}

/**
 * The case with its response target met (or missed) at `at`, when what
 * happened (`by`) is what the policy says meets it; unchanged otherwise, or
 * when the target was met before.
 */
export function meetResponse(ctx: Pick<Context, 'policy'>, kase: Case, at: string, by: readonly MeasuredBy[]): Case {
  if (kase.respondedAt) return kase;
  const measure = responseMeasure(ctx.policy, measuredKind(kase));
  if (!by.includes(measure)) return kase;
  const method: ResponseMethod = measure;
  const owed = isHazardKind(kase.kind) && outstandingMilestones(ctx.policy, kase).length > 0;
  return {
    ...kase,
    respondedAt: at,
    responseOutcome: isWithin(ctx.policy, effectiveRespondBy(kase, ctx.policy), at) ? 'met' : 'missed',
    responseMethod: method,
    status: owed || isHazardKind(kase.kind) ? kase.status : 'answered',
  };
}

/** A call back or a visit that answered the resident: recorded, and it meets the target like a written reply. */
export function decideResponded(ctx: Context, input: CommandInput<'responded'>): Change {
  const { kase } = ctx;
  requireRunner(ctx);
  requireOpen(ctx);
  const measure = responseMeasure(ctx.policy, measuredKind(kase));
  if (measure !== 'reply') {
    throw new CommandError('conflict', `${kase.kind} is met by ${measure.replace('-', ' ')}, not by a ${input.how}`);
  }
  if (kase.respondedAt) throw new CommandError('conflict', `${kase.ref} has been answered already`);
  const at = happenedAt(ctx, input.at);
  const message: CaseMessage = {
    id: ctx.newId(),
    caseRef: kase.ref,
    direction: 'outbound',
    channel: input.how === 'visit' ? 'in-person' : 'phone',
    receivedAt: at,
    from: {},
    to: [],
    text: input.summary,
    attachments: [],
    threading: { inReplyTo: [], references: [] },
    purpose: 'reply',
    sentBy: ctx.actor.officerId,
  };
  const answered = meetResponse(ctx, kase, at, ['reply']);
  const next: Case = {
    ...answered,
    responseMethod: input.how,
    acknowledgedAt: kase.acknowledgedAt ?? at,
    lastMessageAt: at > kase.lastMessageAt ? at : kase.lastMessageAt,
    messageCount: kase.messageCount + 1,
  };
  const how = input.how === 'visit' ? 'Visit' : 'Call back';
  return {
    case: next,
    messages: [message],
    timeline: [
      ctx.entry('responded', `${how} recorded as the response (${next.responseOutcome} the target)`, {
        how: input.how,
        at,
        messageId: message.id,
        responseOutcome: next.responseOutcome,
      }),
    ],
  };
}
