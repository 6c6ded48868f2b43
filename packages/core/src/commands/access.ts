/** Who may see a case: a manager restricts it to its owner and managers, or lifts that. */
import type { Actor } from '../access.js';
import { type CommandInput, RestrictInput } from '../contracts/commands.js';
import { type Change, type Context, parseInput, type Runner, requireManager } from './run.js';

export function accessCommands({ run }: Runner) {
  return {
    async restrict(actor: Actor, ref: string, input: unknown) {
      const body = parseInput(RestrictInput, input);
      return run(actor, ref, 'restricted', (ctx) => decideRestriction(ctx, body));
    },
  };
}

export function decideRestriction(ctx: Context, { restricted, reason }: CommandInput<'restrict'>): Change {
  requireManager(ctx);
  return {
    case: { ...ctx.kase, restricted },
    timeline: [
      ctx.entry(
        'access-changed',
        restricted ? `Restricted to the owner and managers: ${reason}` : `Restriction lifted: ${reason}`,
        { restricted, reason },
      ),
    ],
  };
}
