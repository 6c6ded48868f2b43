/**
 * What officers write on a case: the one collated reply to the resident, on
 * the resident's channel, and internal notes only staff see.
 */
import type { Actor } from '../access.js';
import { type CommandInput, NoteInput, ReplyInput } from '../contracts/commands.js';
import { type OutboundPart, residentDelivery } from '../delivery.js';
import { isComplaintKind } from '../model.js';
import type { Notice } from '../notices.js';
import { departmentName } from '../policy.js';
import { type FilledReplyTemplate, fillReplyTemplates, replyValues } from '../replies.js';
import { renderTemplate } from '../templates.js';
import {
  type Change,
  CommandError,
  type Context,
  given,
  officerName,
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

    /**
     * Exactly what `reply` would send, sent nowhere: the channel, address, subject as sent, the
     * text with the next steps the product adds, a text's length in the network's units
     * (`delivery.ts`); `blockedBy` says why sending would be refused now (an open request).
     */
    async previewReply(actor: Actor, ref: string, input: unknown): Promise<ReplyPreview> {
      const body = parseInput(ReplyInput, input);
      const ctx = await context(actor, ref);
      requireRunner(ctx);
      requireOpen(ctx);
      const notice = replyNotice(ctx, body);
      const delivery = residentDelivery(ctx.policy, ctx.kase, ctx.found.contact, notice);
      return {
        ...('skipped' in delivery ? { skipped: delivery.skipped, parts: [] } : delivery),
        ...(openRequestsBlocking(ctx) ? { blockedBy: openRequestsBlocking(ctx) } : {}),
      };
    },

    /** The policy's reply templates that suit the case, filled for it (who replies signs). */
    async replyTemplates(actor: Actor, ref: string): Promise<FilledReplyTemplate[]> {
      const ctx = await context(actor, ref);
      const values = replyValues(ctx.policy, ctx.kase, ctx.found.contact, {
        officer: officerName(ctx.officers, ctx.actor.officerId),
        owner: ctx.kase.ownerId ? officerName(ctx.officers, ctx.kase.ownerId) : undefined,
      });
      return fillReplyTemplates(ctx.policy, ctx.kase, values);
    },

    addNote: command(NoteInput, 'note', decideNote),
  };
}

/** What a preview shows: the parts as `residentDelivery` gives them, or why none would go. */
export type ReplyPreview = { reason?: string; skipped?: string; parts: OutboundPart[]; blockedBy?: string };

function openRequestsBlocking(ctx: Context): string | undefined {
  const open = ctx.found.requests.filter((r) => r.status === 'open');
  if (open.length === 0) return undefined;
  const waitingFor = open.map((r) => departmentName(ctx.policy, r.department)).join(', ');
  return `waiting for ${waitingFor}: close their requests with a reason, or wait for the answers`;
}

/** The reply to send, once every department asked has answered (or its request was closed). */
export function decideReply(ctx: Context, input: CommandInput<'reply'>): Notice {
  requireRunner(ctx);
  requireOpen(ctx);
  const blocked = openRequestsBlocking(ctx);
  if (blocked) throw new CommandError('conflict', blocked);
  return replyNotice(ctx, input);
}

/** The reply as a notice: the subject (default "Our reply: …") and the body with a complaint stage's next steps. */
export function replyNotice(ctx: Context, input: CommandInput<'reply'>): Notice {
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
