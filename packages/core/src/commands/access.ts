import { type CommandInput, RestrictInput } from '../contracts/commands.js';
import { type Change, type Context, type Runner, requireManager } from './run.js';

export const accessCommands = ({ command }: Runner) => ({
  restrict: command(RestrictInput, 'restricted', decideRestriction),
});

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
