/**
 * Department requests: the owner asks another department for input by a date
 * within the response target; the department answers or asks for more time;
 * the owner may close a request without an answer, with a reason.
 */
import { isManager } from '../access.js';
import { type DepartmentRequest, withActivity } from '../cases.js';
import {
  AnswerRequestInput,
  CloseRequestInput,
  type CommandInput,
  DepartmentRequestInput,
  MoreTimeInput,
  type RequestCommandInput,
} from '../contracts/commands.js';
import { departmentName } from '../policy.js';
import { deadlineDate, effectiveRespondBy, isWithin } from '../targets.js';
import {
  type Change,
  CommandError,
  type Context,
  invalid,
  type Runner,
  requireOpen,
  requireRunner,
  statusAfterRequests,
  workingDate,
} from './run.js';

export const requestCommands = ({ command, requestCommand }: Runner) => ({
  requestInput: command(DepartmentRequestInput, 'request-opened', decideRequestInput),
  answerRequest: requestCommand(AnswerRequestInput, 'request-answered', decideAnswer),
  askMoreTime: requestCommand(MoreTimeInput, 'request-more-time', decideMoreTime),
  closeRequest: requestCommand(CloseRequestInput, 'request-closed', decideCloseRequest),
});

const RESTRICTED_NO_REQUESTS =
  'this case is restricted to its owner and managers: no department could see it to answer; lift the restriction first';

function findRequest(ctx: Context, id: string): DepartmentRequest {
  const request = ctx.found.requests.find((r) => r.id === id);
  if (!request) throw new CommandError('not-found', `no department request ${id} on ${ctx.kase.ref}`);
  return request;
}

function requireStillOpen(request: DepartmentRequest) {
  if (request.status !== 'open') throw new CommandError('conflict', 'this request is no longer open');
}

/** Only the department asked (or a manager) answers for it. */
function requireDepartment(ctx: Context, request: DepartmentRequest) {
  if (!isManager(ctx.actor) && ctx.actor.teamId !== request.department) {
    throw new CommandError(
      'forbidden',
      `only ${departmentName(ctx.policy, request.department)} can answer this request`,
    );
  }
}

/** The request changed, and the case's status with the requests as they now are. */
function withRequest(ctx: Context, changed: DepartmentRequest): Omit<Change, 'timeline'> {
  const requests = [...ctx.found.requests.filter((r) => r.id !== changed.id), changed];
  return { case: { ...ctx.kase, status: statusAfterRequests(ctx.kase, requests) }, requests: [changed] };
}

export function decideRequestInput(ctx: Context, input: CommandInput<'requests'>): Change {
  requireRunner(ctx);
  requireOpen(ctx);
  if (ctx.kase.restricted) throw new CommandError('conflict', RESTRICTED_NO_REQUESTS);
  const department = ctx.policy.departments.find((d) => d.id === input.department);
  if (!department) throw invalid('department', 'Choose one of the landlord’s departments');
  const dueBy = workingDate(ctx, input.dueBy, 'dueBy');
  const promised = promiseAfterTarget(ctx, dueBy, input.newReplyDate);
  const request: DepartmentRequest = {
    id: ctx.newId(),
    caseRef: ctx.kase.ref,
    department: department.id,
    question: input.question,
    dueBy,
    status: 'open',
    askedBy: ctx.actor.officerId,
    askedAt: ctx.now,
  };
  const change = withRequest(ctx, request);
  const opened = ctx.entry('request-opened', `Asked ${department.name} for input by ${dueBy}`, {
    requestId: request.id,
    department: department.id,
    question: input.question,
    dueBy,
  });
  if (!promised) return { ...change, timeline: [opened] };
  return {
    ...change,
    case: { ...change.case, promisedReplyDate: promised, promisedReplyAt: ctx.now },
    timeline: [
      opened,
      ctx.entry(
        'reply-date-promised',
        `The resident was told to expect the reply by ${promised} (the target had passed)`,
        {
          date: promised,
          requestId: request.id,
        },
      ),
    ],
  };
}

/**
 * A request is due by the response target; once the target has passed (the
 * case is overdue) it may be due later, when the officer gives the new reply
 * date the resident was told (`newReplyDate`, a working day on or after
 * `dueBy`). Returns that date to record, or undefined when within the target.
 */
function promiseAfterTarget(ctx: Context, dueBy: string, newReplyDate: string | undefined): string | undefined {
  const target = effectiveRespondBy(ctx.kase, ctx.policy);
  const latest = deadlineDate(ctx.policy, target);
  if (dueBy <= latest) return undefined;
  if (isWithin(ctx.policy, target, ctx.now)) {
    throw invalid(
      'dueBy',
      `Choose a date on or before the response target (${latest}), or agree a later reply date with the resident first`,
    );
  }
  if (!newReplyDate) {
    throw invalid(
      'newReplyDate',
      `The target (${latest}) has passed: give the new reply date you told the resident, on or after ${dueBy}`,
    );
  }
  const promised = workingDate(ctx, newReplyDate, 'newReplyDate');
  if (promised < dueBy) {
    throw invalid('newReplyDate', `Choose a reply date on or after the department’s due date (${dueBy})`);
  }
  return promised;
}

export function decideAnswer(ctx: Context, id: string, { answer }: RequestCommandInput<'answer'>): Change {
  const request = findRequest(ctx, id);
  requireDepartment(ctx, request);
  requireStillOpen(request);
  const answered: DepartmentRequest = {
    ...request,
    status: 'answered',
    answer,
    answeredBy: ctx.actor.officerId,
    answeredAt: ctx.now,
  };
  const changed = withRequest(ctx, answered);
  const owner = ctx.kase.ownerId;
  const told = owner !== undefined && owner !== ctx.actor.officerId;
  const department = departmentName(ctx.policy, request.department);
  return {
    ...changed,
    case: told ? { ...changed.case, activity: withActivity(ctx.kase, 'department-answered', ctx.now) } : changed.case,
    notify: told
      ? [
          {
            officerId: owner,
            kind: 'department-answered',
            caseRef: ctx.kase.ref,
            summary: `${department} answered on ${ctx.kase.ref}`,
          },
        ]
      : [],
    timeline: [
      ctx.entry('request-answered', `${departmentName(ctx.policy, request.department)} answered`, {
        requestId: id,
        answer,
      }),
    ],
  };
}

export function decideMoreTime(ctx: Context, id: string, { until, reason }: RequestCommandInput<'more-time'>): Change {
  const request = findRequest(ctx, id);
  requireDepartment(ctx, request);
  requireStillOpen(request);
  workingDate(ctx, until, 'until');
  if (until <= request.dueBy) throw invalid('until', `Choose a date after the current due date (${request.dueBy})`);
  const updated = { ...request, moreTime: { until, reason, askedBy: ctx.actor.officerId, at: ctx.now } };
  const department = departmentName(ctx.policy, request.department);
  return {
    case: ctx.kase,
    requests: [updated],
    timeline: [
      ctx.entry('request-more-time', `${department} asked for more time, until ${until}: ${reason}`, {
        requestId: id,
        until,
        reason,
      }),
    ],
  };
}

export function decideCloseRequest(ctx: Context, id: string, { reason }: RequestCommandInput<'close'>): Change {
  requireRunner(ctx);
  const request = findRequest(ctx, id);
  requireStillOpen(request);
  const closed: DepartmentRequest = {
    ...request,
    status: 'closed',
    closedReason: reason,
    closedBy: ctx.actor.officerId,
  };
  const department = departmentName(ctx.policy, request.department);
  return {
    ...withRequest(ctx, closed),
    timeline: [
      ctx.entry('request-closed', `Request to ${department} closed without an answer: ${reason}`, {
        requestId: id,
        reason,
      }),
    ],
  };
}
