/** Closing a case (answered or not, with a reason) and reopening it. */
import type { Actor } from '../access.js';
import { CloseInput, type CommandInput, ReopenInput } from '../contracts/commands.js';
import { type Change, CommandError, type Context, parseInput, type Runner, requireOpen, requireRunner } from './run.js';

export function closureCommands({ run }: Runner) {
  return {
    async close(actor: Actor, ref: string, input: unknown) {
      const body = parseInput(CloseInput, input);
      return run(actor, ref, 'closed', (ctx) => decideClose(ctx, body));
    },

    async reopen(actor: Actor, ref: string, input: unknown) {
      const body = parseInput(ReopenInput, input);
      return run(actor, ref, 'reopened', (ctx) => decideReopen(ctx, body));
    },
  };
}

export function decideClose(ctx: Context, { reason }: CommandInput<'close'>): Change {
  requireRunner(ctx);
  requireOpen(ctx);
  return {
    case: { ...ctx.kase, status: 'closed', closedAt: ctx.now },
    timeline: [ctx.entry('closed', `Case closed: ${reason}`, { reason, answered: Boolean(ctx.kase.respondedAt) })],
  };
}

export function decideReopen(ctx: Context, { reason }: CommandInput<'reopen'>): Change {
  requireRunner(ctx);
  if (ctx.kase.status !== 'closed') throw new CommandError('conflict', `${ctx.kase.ref} is not closed`);
  const { closedAt: _closed, ...rest } = ctx.kase;
  return {
    case: { ...rest, status: 'in-progress' },
    timeline: [ctx.entry('reopened', `Case reopened: ${reason}`, { reason })],
  };
}
