import type { DepartmentRequest } from '../cases.js';
import { type CommandInput, RestrictInput } from '../contracts/commands.js';
import { departmentName } from '../policy.js';
import { type Change, type Context, type Runner, requireManager, statusAfterRequests } from './run.js';

export const accessCommands = ({ command }: Runner) => ({
  restrict: command(RestrictInput, 'restricted', decideRestriction),
});

export function decideRestriction(ctx: Context, { restricted, reason }: CommandInput<'restrict'>): Change {
  requireManager(ctx);
  // A restricted case is hidden from the departments asked for input: their open requests are
  // withdrawn (the owner reads why on the timeline), never left open where no one can answer.
  const withdrawn: DepartmentRequest[] = restricted
    ? ctx.found.requests
        .filter((r) => r.status === 'open')
        .map((r) => ({ ...r, status: 'closed', closedReason: WITHDRAWN, closedBy: ctx.actor.officerId }))
    : [];
  const requests = ctx.found.requests.map((r) => withdrawn.find((w) => w.id === r.id) ?? r);
  return {
    case: {
      ...ctx.kase,
      restricted,
      status: withdrawn.length ? statusAfterRequests(ctx.kase, requests) : ctx.kase.status,
    },
    requests: withdrawn,
    timeline: [
      ctx.entry(
        'access-changed',
        restricted ? `Restricted to the owner and managers: ${reason}` : `Restriction lifted: ${reason}`,
        { restricted, reason },
      ),
      ...withdrawn.map((r) =>
        ctx.entry('request-closed', `Request to ${departmentName(ctx.policy, r.department)} withdrawn: ${WITHDRAWN}`, {
          requestId: r.id,
          reason: WITHDRAWN,
          withdrawn: true,
        }),
      ),
    ],
  };
}

const WITHDRAWN = 'the case was restricted to its owner and managers, so the department can no longer see it';
