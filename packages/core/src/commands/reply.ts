/**
 * What officers write on a case: the one collated reply to the resident, on
 * the resident's channel, and internal notes only staff see.
 */
import type { Actor } from '../access.js';
import { type CommandInput, NoteInput, ReplyInput } from '../contracts/commands.js';
import { isComplaintKind } from '../model.js';
import type { Notice } from '../notices.js';
import { departmentName } from '../policy.js';
import { renderTemplate } from '../templates.js';
import {
  type Change,
  CommandError,
  type Context,
  given,
  parseInput,
  type Runner,
  requireOpen,
  requireRunner,
} from './run.js';

export function replyCommands({ deps, context, changed, command }: Runner) {
  return {
    /** Blocked while a department request is open. The notice sender records the reply on the case. */
    async reply(actor: Actor, ref: string, input: unknown) {
      const body = parseInput(ReplyInput, input);
      const notice = decideReply(await context(actor, ref), body);
      const result = await deps.notices.send(notice);
      if (result.status === 'failed') {
        throw new CommandError(
          'conflict',
          `the reply could not be sent: ${result.reason}. It is recorded on the case; try again`,
        );
      }
      if (result.status === 'skipped') throw new CommandError('conflict', `the reply was not sent: ${result.reason}`);
      return changed(ref, 'replied');
    },

    addNote: command(NoteInput, 'note', decideNote),
  };
}

/** The reply to send, once every department asked has answered (or its request was closed). */
export function decideReply(ctx: Context, input: CommandInput<'reply'>): Notice {
  requireRunner(ctx);
  requireOpen(ctx);
  const open = ctx.found.requests.filter((r) => r.status === 'open');
  if (open.length > 0) {
    const waitingFor = open.map((r) => departmentName(ctx.policy, r.department)).join(', ');
    throw new CommandError(
      'conflict',
      `waiting for ${waitingFor}: close their requests with a reason, or wait for the answers`,
    );
  }
  return {
    caseRef: ctx.kase.ref,
    audience: 'resident',
    purpose: 'reply',
    subject: given(input.subject) ?? `Our reply: ${ctx.kase.subject}`,
    body: withNextSteps(ctx, input.body),
    sentBy: ctx.actor.officerId,
  };
}

/**
 * A complaint stage's response says what the resident can do next (policy
 * `complaints.nextSteps`): after stage 1 how to escalate, after the final
 * stage the ombudsman and how to reach them.
 */
export function withNextSteps(ctx: Pick<Context, 'kase' | 'policy'>, body: string): string {
  const { kase, policy } = ctx;
  if (!isComplaintKind(kase.kind) || kase.respondedAt) return body;
  const { ombudsman, nextSteps } = policy.complaints;
  const steps = renderTemplate(nextSteps[kase.kind], {
    ref: kase.ref,
    ombudsman: `${ombudsman.name}: ${ombudsman.contact}`,
    landlord: policy.name,
  });
  return `${body.trimEnd()}\n\n${steps}`;
}

export function decideNote(ctx: Context, { text }: CommandInput<'notes'>): Change {
  return { case: ctx.kase, timeline: [ctx.entry('note', text, { internal: true })] };
}
