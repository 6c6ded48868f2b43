import { type CommandInput, ReopenInput } from '../contracts/commands.js';
import { CloseInput } from '../contracts/together.js';
import { type Change, CommandError, type Context, type Runner, requireOpen, requireRunner } from './run.js';

export const closureCommands = ({ command }: Runner) => ({
  close: command(CloseInput, 'closed', decideClose),
  reopen: command(ReopenInput, 'reopened', decideReopen),
});

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
  // A duplicate reopened owes its own answer again: no longer closed as a duplicate (the link stays on both cases).
  const { closedAt: _closed, ...rest } = ctx.kase;
  const { closedAs: _as, duplicateOf: _of, ...notDuplicate } = rest;
  return {
    case: { ...(rest.closedAs === 'duplicate' ? notDuplicate : rest), status: 'in-progress' },
    timeline: [ctx.entry('reopened', `Case reopened: ${reason}`, { reason })],
  };
}
