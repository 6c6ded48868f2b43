/**
 * What every command on a case shares. A command loads the case, checks who
 * may do it, and asks its decision — a pure function of the case as read and
 * the typed input — for the new case and the timeline entries that record the
 * change; both are committed at once. A conflicting write (someone else
 * changed the case meanwhile) reads again and decides again.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type Actor, canRunCase, canSeeCase, canWorkOnCase, isManager } from '../access.js';
import { calendarFor, type WorkingCalendar } from '../calendar.js';
import type { Case, CaseStatus, CaseWithHistory, DepartmentRequest, Officer, TimelineEntry } from '../cases.js';
import type { Clock } from '../clock.js';
import { fieldErrors, firstProblem } from '../contracts/errors.js';
import type { LocalDate } from '../dates.js';
import type { Contact } from '../model.js';
import type { NoticeSender } from '../notices.js';
import type { NotificationRequest, OfficerNotifier } from '../notifications.js';
import type { LandlordPolicy } from '../policy.js';
import { type CaseEvents, type CaseRepository, noCaseEvents, WriteConflictError } from '../ports.js';
import { coveredOfficers } from '../routing.js';

export type CommandErrorKind = 'forbidden' | 'not-found' | 'conflict' | 'invalid';

export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    readonly kind: CommandErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** A field the schema accepted but the case, the policy or the calendar does not. */
export const invalid = (field: string, message: string) => new CommandError('invalid', message, { [field]: message });

/**
 * A command's input through its schema (`../contracts`): the typed, trimmed
 * value, or an `invalid` error with the first problem as its message and one
 * plain-words message per field. No input at all reads as `{}`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new CommandError('invalid', firstProblem(result.error), fieldErrors(result.error));
}

/** Optional text (already trimmed by its schema): empty means not given. */
export const given = (value: string | undefined): string | undefined => value || undefined;

export interface CommandDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  clock: Clock;
  notices: NoticeSender;
  events?: CaseEvents;
  newId?: () => string;
  /** Officers told of what is meant for them (assigned, a department's answer); none when absent. */
  notifier?: OfficerNotifier;
}

/** The case as read, who is acting, and the time: everything a decision needs. */
export interface Context {
  policy: LandlordPolicy;
  calendar: WorkingCalendar;
  found: CaseWithHistory;
  kase: Case;
  actor: Actor;
  officers: Officer[];
  /** Owners the actor covers for today (direct reports who are away). */
  covering: string[];
  /** The instant of the command, ISO-8601. */
  now: string;
  today: LocalDate;
  newId(): string;
  /** A timeline entry by the actor, at `now`. */
  entry(type: string, summary: string, data?: Record<string, unknown>): TimelineEntry;
  /** How many open cases an officer owns (routing weighs workload). */
  countOpenCases(officerId: string): Promise<number>;
}

/** A decision's result: the new case, the timeline entries that record it, and anything changed with it. */
export interface Change {
  case: Case;
  timeline: TimelineEntry[];
  requests?: DepartmentRequest[];
  contact?: Contact;
  /** An email or number the contact takes (confirmed details); refused when another contact holds it. */
  contactClaims?: { email?: string; phone?: string };
  messages?: CaseWithHistory['messages'];
  /** Officers to tell once the change is committed (their inbox and an email). */
  notify?: NotificationRequest[];
}

/** What a command decides, from the case as read and its typed input. */
export type Decision<I> = (ctx: Context, input: I) => Change | Promise<Change>;
export type RequestDecision<I> = (ctx: Context, requestId: string, input: I) => Change | Promise<Change>;

export function createRunner(deps: CommandDeps) {
  const { policy, repository } = deps;
  const calendar = calendarFor(policy);
  const newId = deps.newId ?? randomUUID;
  const events = deps.events ?? noCaseEvents;

  /** The case as the actor may see it; a case they may not see does not exist for them. */
  async function context(actor: Actor, ref: string): Promise<Context> {
    const found = await repository.getCaseWithHistory(ref);
    const now = deps.clock.now();
    const today = calendar.localDate(now);
    const officers = await repository.listOfficers();
    const covering = coveredOfficers(officers, actor.officerId, today);
    if (!found || !canSeeCase(actor, found.case, found.requests, covering)) {
      throw new CommandError('not-found', `no case ${ref}`);
    }
    // Any officer may read a case that is not restricted; acting on it follows their role.
    if (!canWorkOnCase(actor, found.case, found.requests, covering)) {
      throw new CommandError('forbidden', `${ref} belongs to another team: ask its owner or a manager`);
    }
    const at = now.toISOString();
    return {
      policy,
      calendar,
      found,
      kase: found.case,
      actor,
      officers,
      covering,
      now: at,
      today,
      newId,
      entry: (type, summary, data) => ({ id: newId(), caseRef: ref, at, type, actor: actor.officerId, summary, data }),
      countOpenCases: (officerId) => repository.countOpenCases(officerId),
    };
  }

  /** Runs a command: read, decide, commit; on a conflicting write, read again and decide again. */
  async function run(actor: Actor, ref: string, why: string, decide: (ctx: Context) => Change | Promise<Change>) {
    for (let attempt = 1; ; attempt++) {
      const ctx = await context(actor, ref);
      const change = await decide(ctx);
      try {
        await repository.commitCaseChange({
          ...change,
          case: { ...change.case, updatedAt: ctx.now },
          expectedUpdatedAt: ctx.kase.updatedAt,
        });
      } catch (err) {
        if (err instanceof WriteConflictError && attempt < 4) continue;
        throw err;
      }
      const { notify = [] } = change;
      if (notify.length) await deps.notifier?.notify(notify);
      return changed(ref, why);
    }
  }

  /** Tells the timers, and gives the case back as it now is. */
  async function changed(ref: string, why: string): Promise<CaseWithHistory> {
    await events.caseChanged(ref, why);
    return (await repository.getCaseWithHistory(ref)) as CaseWithHistory;
  }

  /**
   * A command on a case, as the API calls it: `(actor, ref, input)`. The input
   * goes through its schema first (a bad one is refused before the case is
   * read), then the decision runs on the typed value.
   */
  function command<S extends z.ZodType>(schema: S, why: string, decide: Decision<z.output<S>>) {
    return async (actor: Actor, ref: string, input?: unknown): Promise<CaseWithHistory> => {
      const body = parseInput(schema, input);
      return run(actor, ref, why, (ctx) => decide(ctx, body));
    };
  }

  /** A command on one department request of a case: `(actor, ref, requestId, input)`. */
  function requestCommand<S extends z.ZodType>(schema: S, why: string, decide: RequestDecision<z.output<S>>) {
    return async (actor: Actor, ref: string, requestId: string, input?: unknown): Promise<CaseWithHistory> => {
      const body = parseInput(schema, input);
      return run(actor, ref, why, (ctx) => decide(ctx, requestId, body));
    };
  }

  return { deps, context, changed, command, requestCommand };
}

export type Runner = ReturnType<typeof createRunner>;

export function requireRunner(ctx: Context) {
  if (!canRunCase(ctx.actor, ctx.kase, ctx.covering)) {
    throw new CommandError('forbidden', 'only the case owner (or whoever covers for them) and managers can do that');
  }
}

export function requireManager(ctx: Pick<Context, 'actor'>) {
  if (!isManager(ctx.actor)) throw new CommandError('forbidden', 'only a manager can do that');
}

export function requireOpen(ctx: Context) {
  if (ctx.kase.status === 'closed') throw new CommandError('conflict', `${ctx.kase.ref} is closed: reopen it first`);
}

/** Work by the owner moves a new case on. */
export function progressed(kase: Case): CaseStatus {
  return kase.status === 'new' ? 'in-progress' : kase.status;
}

/** Waiting on departments while any request is open; back in progress when the last one is done. */
export function statusAfterRequests(kase: Case, requests: DepartmentRequest[]): CaseStatus {
  if (requests.some((r) => r.status === 'open')) return 'awaiting-departments';
  return kase.status === 'awaiting-departments' ? 'in-progress' : progressed(kase);
}

/** A date the case is promised by: a working day, not in the past (the schema already checked it is a date). */
export function workingDate(ctx: Context, date: LocalDate, field: string): LocalDate {
  if (date < ctx.today) throw invalid(field, `${date} is in the past: choose today or a later working day`);
  const closed = ctx.calendar.closedBecause(date);
  if (closed) throw invalid(field, `${date} is not a working day (${closed})`);
  return date;
}

export function officerName(officers: Officer[], id: string | undefined): string {
  return officers.find((o) => o.id === id)?.name ?? id ?? 'nobody';
}
