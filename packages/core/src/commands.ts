/**
 * What officers do to cases. Every command loads the case, checks who may do
 * it, works out the new state and the timeline entry that records it, and
 * commits both at once (retrying if someone else changed the case meanwhile).
 */
import { randomUUID } from 'node:crypto';
import { type Actor, canRunCase, canSeeCase, isManager } from './access.js';
import { calendarFor } from './calendar.js';
import type {
  Case,
  CaseStatus,
  CaseWithHistory,
  DepartmentRequest,
  Officer,
  RepairPriority,
  TimelineEntry,
} from './cases.js';
import { kindForChannel } from './classify.js';
import type { Clock } from './clock.js';
import { isLocalDate, type LocalDate } from './dates.js';
import type { CaseCategory, CaseKind, Contact, ReplyChannel } from './model.js';
import type { NoticeSender } from './notices.js';
import type { LandlordPolicy } from './policy.js';
import { type CaseEvents, type CaseRepository, noCaseEvents, WriteConflictError } from './ports.js';
import { chooseOwner, coveredOfficers } from './routing.js';
import { computeTargets, effectiveRespondBy } from './targets.js';

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

const invalid = (field: string, message: string) => new CommandError('invalid', message, { [field]: message });

export interface CommandDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  clock: Clock;
  notices: NoticeSender;
  events?: CaseEvents;
  newId?: () => string;
}

interface Context {
  found: CaseWithHistory;
  kase: Case;
  actor: Actor;
  officers: Officer[];
  /** Owners the actor covers for today (direct reports who are away). */
  covering: string[];
  now: string;
  today: LocalDate;
  entry(type: string, summary: string, data?: Record<string, unknown>): TimelineEntry;
}

interface Change {
  case: Case;
  timeline: TimelineEntry[];
  requests?: DepartmentRequest[];
  contact?: Contact;
  messages?: CaseWithHistory['messages'];
}

function text(value: unknown, field: string, max = 5000): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, `${field} is required`);
  if (value.length > max) throw invalid(field, `${field} must be at most ${max} characters`);
  return value.trim();
}

/** The local date a target ends on (an hours target ends on the local date of its instant). */
function targetDate(policy: LandlordPolicy, target: string): LocalDate {
  return target.length === 10 ? target : calendarFor(policy).localDate(new Date(target));
}

export function createCaseCommands(deps: CommandDeps) {
  const { policy, repository } = deps;
  const calendar = calendarFor(policy);
  const newId = deps.newId ?? randomUUID;
  const events = deps.events ?? noCaseEvents;

  async function context(actor: Actor, ref: string): Promise<Context> {
    const found = await repository.getCaseWithHistory(ref);
    const now = deps.clock.now();
    const today = calendar.localDate(now);
    const officers = await repository.listOfficers();
    const covering = coveredOfficers(officers, actor.officerId, today);
    if (!found || !canSeeCase(actor, found.case, found.requests, covering)) {
      throw new CommandError('not-found', `no case ${ref}`);
    }
    const at = now.toISOString();
    return {
      found,
      kase: found.case,
      actor,
      officers,
      covering,
      now: at,
      today,
      entry: (type, summary, data) => ({ id: newId(), caseRef: ref, at, type, actor: actor.officerId, summary, data }),
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
      await events.caseChanged(ref, why);
      return (await repository.getCaseWithHistory(ref)) as CaseWithHistory;
    }
  }

  const requireRunner = (ctx: Context) => {
    if (!canRunCase(ctx.actor, ctx.kase, ctx.covering)) {
      throw new CommandError('forbidden', 'only the case owner (or whoever covers for them) and managers can do that');
    }
  };
  const requireManager = (ctx: Context) => {
    if (!isManager(ctx.actor)) throw new CommandError('forbidden', 'only a manager can do that');
  };
  const requireOpen = (ctx: Context) => {
    if (ctx.kase.status === 'closed') throw new CommandError('conflict', `${ctx.kase.ref} is closed: reopen it first`);
  };
  /** Work by the owner moves a new case on. */
  const progressed = (kase: Case): CaseStatus => (kase.status === 'new' ? 'in-progress' : kase.status);
  const statusAfterRequests = (kase: Case, requests: DepartmentRequest[]): CaseStatus =>
    requests.some((r) => r.status === 'open')
      ? 'awaiting-departments'
      : kase.status === 'awaiting-departments'
        ? 'in-progress'
        : progressed(kase);

  function validWorkingDate(ctx: Context, value: unknown, field: string): LocalDate {
    if (typeof value !== 'string' || !isLocalDate(value)) throw invalid(field, `${field} must be a date (YYYY-MM-DD)`);
    if (value < ctx.today) throw invalid(field, `${field} is in the past`);
    const closed = calendar.closedBecause(value);
    if (closed) throw invalid(field, `${field} is not a working day (${closed})`);
    return value;
  }

  function findRequest(ctx: Context, id: string): DepartmentRequest {
    const request = ctx.found.requests.find((r) => r.id === id);
    if (!request) throw new CommandError('not-found', `no department request ${id} on ${ctx.kase.ref}`);
    return request;
  }

  function requireDepartment(ctx: Context, request: DepartmentRequest) {
    if (!isManager(ctx.actor) && ctx.actor.teamId !== request.department) {
      throw new CommandError('forbidden', `only ${departmentName(request.department)} can answer this request`);
    }
  }

  function departmentName(id: string): string {
    return policy.departments.find((d) => d.id === id)?.name ?? id;
  }

  function officerName(officers: Officer[], id: string | undefined): string {
    return officers.find((o) => o.id === id)?.name ?? id ?? 'nobody';
  }

  function retarget(kase: Case, kind: CaseKind, received: Date): Case['targets'] {
    return computeTargets(policy, {
      kind,
      received,
      acknowledged: kase.acknowledgedAt ? new Date(kase.acknowledgedAt) : undefined,
    });
  }

  return {
    take: (actor: Actor, ref: string) =>
      run(actor, ref, 'owner-changed', (ctx) => {
        requireOpen(ctx);
        const inTeam = ctx.kase.teamId === actor.teamId && actor.role !== 'contributor';
        if (!isManager(actor) && !inTeam)
          throw new CommandError('forbidden', 'only an officer of the case’s team can take it');
        if (ctx.kase.ownerId === actor.officerId) throw new CommandError('conflict', `you already own ${ref}`);
        return {
          case: { ...ctx.kase, ownerId: actor.officerId, status: progressed(ctx.kase) },
          timeline: [
            ctx.entry('ownership-taken', `${officerName(ctx.officers, actor.officerId)} took ownership`, {
              from: ctx.kase.ownerId,
              to: actor.officerId,
            }),
          ],
        };
      }),

    reassign: (actor: Actor, ref: string, input: { ownerId?: unknown; reason?: unknown }) =>
      run(actor, ref, 'owner-changed', (ctx) => {
        requireManager(ctx);
        requireOpen(ctx);
        const reason = text(input.reason, 'reason', 1000);
        const target = ctx.officers.find((o) => o.id === input.ownerId);
        if (!target) throw invalid('ownerId', 'ownerId must be an officer');
        if (!target.active) throw invalid('ownerId', `${target.name} has left`);
        if (target.role === 'contributor')
          throw invalid('ownerId', `${target.name} is a contributor and cannot own cases`);
        if (
          ctx.kase.stageOneOwnerId === target.id &&
          ctx.kase.kind === 'complaint-stage-2' &&
          policy.regulator === 'housing-ombudsman'
        ) {
          throw invalid('ownerId', 'the stage 2 owner must not be the officer who handled stage 1');
        }
        return {
          case: {
            ...ctx.kase,
            ownerId: target.id,
            teamId: target.role === 'reception' ? ctx.kase.teamId : target.teamId,
          },
          timeline: [
            ctx.entry(
              'reassigned',
              `Reassigned from ${officerName(ctx.officers, ctx.kase.ownerId)} to ${target.name}: ${reason}`,
              {
                from: ctx.kase.ownerId,
                to: target.id,
                reason,
              },
            ),
          ],
        };
      }),

    requestInput: (actor: Actor, ref: string, input: { department?: unknown; question?: unknown; dueBy?: unknown }) =>
      run(actor, ref, 'request-opened', (ctx) => {
        requireRunner(ctx);
        requireOpen(ctx);
        const department = policy.departments.find((d) => d.id === input.department);
        if (!department) throw invalid('department', 'department must be one of the landlord’s departments');
        const question = text(input.question, 'question');
        const dueBy = validWorkingDate(ctx, input.dueBy, 'dueBy');
        const latest = targetDate(policy, effectiveRespondBy(ctx.kase));
        if (dueBy > latest) throw invalid('dueBy', `dueBy must be on or before the response target (${latest})`);
        const request: DepartmentRequest = {
          id: newId(),
          caseRef: ref,
          department: department.id,
          question,
          dueBy,
          status: 'open',
          askedBy: actor.officerId,
          askedAt: ctx.now,
        };
        const requests = [...ctx.found.requests, request];
        return {
          case: { ...ctx.kase, status: statusAfterRequests(ctx.kase, requests) },
          requests: [request],
          timeline: [
            ctx.entry('request-opened', `Asked ${department.name} for input by ${dueBy}`, {
              requestId: request.id,
              department: department.id,
              question,
              dueBy,
            }),
          ],
        };
      }),

    answerRequest: (actor: Actor, ref: string, id: string, input: { answer?: unknown }) =>
      run(actor, ref, 'request-answered', (ctx) => {
        const request = findRequest(ctx, id);
        requireDepartment(ctx, request);
        if (request.status !== 'open') throw new CommandError('conflict', 'this request is no longer open');
        const answered: DepartmentRequest = {
          ...request,
          status: 'answered',
          answer: text(input.answer, 'answer', 10_000),
          answeredBy: actor.officerId,
          answeredAt: ctx.now,
        };
        const requests = ctx.found.requests.map((r) => (r.id === id ? answered : r));
        return {
          case: { ...ctx.kase, status: statusAfterRequests(ctx.kase, requests) },
          requests: [answered],
          timeline: [
            ctx.entry('request-answered', `${departmentName(request.department)} answered`, {
              requestId: id,
              answer: answered.answer,
            }),
          ],
        };
      }),

    askMoreTime: (actor: Actor, ref: string, id: string, input: { until?: unknown; reason?: unknown }) =>
      run(actor, ref, 'request-more-time', (ctx) => {
        const request = findRequest(ctx, id);
        requireDepartment(ctx, request);
        if (request.status !== 'open') throw new CommandError('conflict', 'this request is no longer open');
        const until = validWorkingDate(ctx, input.until, 'until');
        if (until <= request.dueBy)
          throw invalid('until', `until must be after the current due date (${request.dueBy})`);
        const reason = text(input.reason, 'reason', 1000);
        const updated = { ...request, moreTime: { until, reason, askedBy: actor.officerId, at: ctx.now } };
        return {
          case: ctx.kase,
          requests: [updated],
          timeline: [
            ctx.entry(
              'request-more-time',
              `${departmentName(request.department)} asked for more time, until ${until}: ${reason}`,
              {
                requestId: id,
                until,
                reason,
              },
            ),
          ],
        };
      }),

    closeRequest: (actor: Actor, ref: string, id: string, input: { reason?: unknown }) =>
      run(actor, ref, 'request-closed', (ctx) => {
        requireRunner(ctx);
        const request = findRequest(ctx, id);
        if (request.status !== 'open') throw new CommandError('conflict', 'this request is no longer open');
        const reason = text(input.reason, 'reason', 1000);
        const closed: DepartmentRequest = {
          ...request,
          status: 'closed',
          closedReason: reason,
          closedBy: actor.officerId,
        };
        const requests = ctx.found.requests.map((r) => (r.id === id ? closed : r));
        return {
          case: { ...ctx.kase, status: statusAfterRequests(ctx.kase, requests) },
          requests: [closed],
          timeline: [
            ctx.entry(
              'request-closed',
              `Request to ${departmentName(request.department)} closed without an answer: ${reason}`,
              {
                requestId: id,
                reason,
              },
            ),
          ],
        };
      }),

    /** The one collated reply, on the resident's channel. Blocked while a department request is open. */
    async reply(actor: Actor, ref: string, input: { body?: unknown; subject?: unknown }) {
      const ctx = await context(actor, ref);
      requireRunner(ctx);
      requireOpen(ctx);
      const open = ctx.found.requests.filter((r) => r.status === 'open');
      if (open.length > 0) {
        throw new CommandError(
          'conflict',
          `waiting for ${open.map((r) => departmentName(r.department)).join(', ')}: close their requests with a reason, or wait for the answers`,
        );
      }
      const body = text(input.body, 'body', 20_000);
      const subject =
        typeof input.subject === 'string' && input.subject.trim()
          ? input.subject.trim()
          : `Our reply: ${ctx.kase.subject}`;
      const result = await deps.notices.send({
        caseRef: ref,
        audience: 'resident',
        purpose: 'reply',
        subject,
        body,
        sentBy: actor.officerId,
      });
      if (result.status === 'failed')
        throw new CommandError(
          'conflict',
          `the reply could not be sent: ${result.reason}. It is recorded on the case; try again`,
        );
      if (result.status === 'skipped') throw new CommandError('conflict', `the reply was not sent: ${result.reason}`);
      await events.caseChanged(ref, 'replied');
      return (await repository.getCaseWithHistory(ref)) as CaseWithHistory;
    },

    reclassify: (actor: Actor, ref: string, input: { category?: unknown; priority?: unknown; reason?: unknown }) =>
      run(actor, ref, 'reclassified', (ctx) => {
        requireRunner(ctx);
        requireOpen(ctx);
        const category = input.category as CaseCategory;
        if (!['service-request', 'complaint', 'repair'].includes(category)) {
          throw invalid('category', 'category must be service-request, complaint or repair');
        }
        const priority = input.priority as RepairPriority | undefined;
        if (category === 'repair' && !['emergency', 'urgent', 'standard', 'programmed'].includes(priority as string)) {
          throw invalid('priority', 'a repair needs a priority: emergency, urgent, standard or programmed');
        }
        const reason = text(input.reason, 'reason', 1000);
        const repairKind = `repair-${priority}` as CaseKind;
        const kind: CaseKind =
          category === 'complaint' && policy.targets['complaint-stage-1']
            ? 'complaint-stage-1'
            : category === 'repair' && policy.targets[repairKind]
              ? repairKind
              : kindForChannel(ctx.kase.channel);
        const classification = {
          category,
          ...(category === 'repair' ? { priority } : {}),
          kind,
          reason,
          decidedBy: actor.officerId,
        };
        return {
          case: {
            ...ctx.kase,
            kind,
            classification,
            targets: retarget(ctx.kase, kind, new Date(ctx.kase.receivedAt)),
            status: progressed(ctx.kase),
          },
          timeline: [
            ctx.entry(
              'reclassified',
              `Reclassified from ${ctx.kase.classification.category} (${ctx.kase.kind}) to ${category} (${kind}): ${reason}`,
              {
                from: ctx.kase.classification,
                to: classification,
              },
            ),
          ],
        };
      }),

    escalate: (actor: Actor, ref: string, input: { reason?: unknown; ownerId?: unknown }) =>
      run(actor, ref, 'escalated', async (ctx) => {
        requireRunner(ctx);
        requireOpen(ctx);
        if (ctx.kase.kind !== 'complaint-stage-1')
          throw new CommandError('conflict', 'only a stage 1 complaint can be escalated to stage 2');
        if (!policy.targets['complaint-stage-2'])
          throw new CommandError('conflict', 'this policy has no stage 2 target');
        const reason = text(input.reason, 'reason', 2000);
        const stageOne = ctx.kase.ownerId;
        // Under the Housing Ombudsman code stage 2 is handled by someone not involved at stage 1.
        const mustDiffer = policy.regulator === 'housing-ombudsman';
        let ownerId: string | undefined;
        let why: string;
        if (typeof input.ownerId === 'string' && input.ownerId) {
          const chosen = ctx.officers.find((o) => o.id === input.ownerId && o.active);
          if (!chosen || chosen.role === 'contributor') throw invalid('ownerId', 'ownerId must be an active officer');
          if (mustDiffer && chosen.id === stageOne)
            throw invalid('ownerId', 'the stage 2 owner must not be the stage 1 owner');
          ownerId = chosen.id;
          why = `chosen by ${officerName(ctx.officers, actor.officerId)}`;
        } else {
          const choice = await chooseOwner(ctx.officers, ctx.kase.teamId, (id) => repository.countOpenCases(id), {
            today: ctx.today,
            exclude: mustDiffer && stageOne ? [stageOne] : [],
          });
          ownerId = choice.ownerId;
          why = choice.reason;
        }
        if (mustDiffer && (!ownerId || ownerId === stageOne)) {
          throw new CommandError('conflict', 'no other officer is available to own stage 2: choose one with ownerId');
        }
        const received = new Date(ctx.now);
        const {
          acknowledgedAt: _a,
          respondedAt: _r,
          responseOutcome: _o,
          agreedReplyDate: _d,
          extension: _e,
          delayReason: _w,
          ...rest
        } = ctx.kase;
        return {
          case: {
            ...rest,
            kind: 'complaint-stage-2',
            classification: {
              ...ctx.kase.classification,
              kind: 'complaint-stage-2',
              reason: `escalated: ${reason}`,
              decidedBy: actor.officerId,
            },
            targets: computeTargets(policy, { kind: 'complaint-stage-2', received }),
            stageOneOwnerId: stageOne,
            ownerId,
            status: 'in-progress',
          },
          timeline: [
            ctx.entry(
              'escalated',
              `Complaint escalated to stage 2 and assigned to ${officerName(ctx.officers, ownerId)} (${why}): ${reason}`,
              {
                reason,
                stageOneOwnerId: stageOne,
                ownerId,
              },
            ),
          ],
        };
      }),

    agreeDate: (actor: Actor, ref: string, input: { date?: unknown; note?: unknown }) =>
      run(actor, ref, 'agreed-date', (ctx) => {
        requireRunner(ctx);
        requireOpen(ctx);
        const date = validWorkingDate(ctx, input.date, 'date');
        const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim().slice(0, 1000) : undefined;
        return {
          case: { ...ctx.kase, agreedReplyDate: date, status: progressed(ctx.kase) },
          timeline: [
            ctx.entry('agreed-date', `Reply date agreed with the resident: ${date}${note ? ` (${note})` : ''}`, {
              date,
              note,
            }),
          ],
        };
      }),

    recordDelay: (actor: Actor, ref: string, input: { reason?: unknown; extensionWorkingDays?: unknown }) =>
      run(actor, ref, 'delay-recorded', (ctx) => {
        requireRunner(ctx);
        requireOpen(ctx);
        const reason = text(input.reason, 'reason', 1000);
        const change: Case = { ...ctx.kase, delayReason: reason, status: progressed(ctx.kase) };
        let summary = `Delay recorded: ${reason}`;
        if (
          input.extensionWorkingDays !== undefined &&
          input.extensionWorkingDays !== null &&
          input.extensionWorkingDays !== ''
        ) {
          const days = Number(input.extensionWorkingDays);
          const allowed = policy.extensions[ctx.kase.kind];
          if (!allowed) throw invalid('extensionWorkingDays', `no extension is allowed for ${ctx.kase.kind}`);
          if (!Number.isInteger(days) || days < 1 || days > allowed.maxWorkingDays) {
            throw invalid(
              'extensionWorkingDays',
              `an extension must be 1 to ${allowed.maxWorkingDays} working days (${allowed.basis})`,
            );
          }
          if (ctx.kase.extension) throw new CommandError('conflict', 'this case has been extended already');
          const respondBy = calendar.addWorkingDays(targetDate(policy, ctx.kase.targets.respondBy), days);
          change.extension = { workingDays: days, reason, respondBy, grantedBy: actor.officerId, at: ctx.now };
          summary = `Target extended by ${days} working days to ${respondBy}: ${reason}`;
        }
        return {
          case: change,
          timeline: [ctx.entry('delay-recorded', summary, { reason, extension: change.extension })],
        };
      }),

    addNote: (actor: Actor, ref: string, input: { text?: unknown }) =>
      run(actor, ref, 'note', (ctx) => {
        const note = text(input.text, 'text', 10_000);
        return { case: ctx.kase, timeline: [ctx.entry('note', note, { internal: true })] };
      }),

    logContact: (actor: Actor, ref: string, input: { kind?: unknown; summary?: unknown }) =>
      run(actor, ref, 'message-received', (ctx) => {
        const kind = input.kind as 'phone-message' | 'voicemail' | 'visit';
        if (!['phone-message', 'voicemail', 'visit'].includes(kind))
          throw invalid('kind', 'kind must be phone-message, voicemail or visit');
        const summary = text(input.summary, 'summary', 10_000);
        const channel = kind === 'visit' ? 'in-person' : 'phone';
        const message = {
          id: newId(),
          caseRef: ref,
          direction: 'inbound' as const,
          channel: channel as 'phone' | 'in-person',
          receivedAt: ctx.now,
          from: {},
          to: [],
          text: summary,
          attachments: [],
          threading: { inReplyTo: [], references: [] },
          logged: { kind, loggedBy: actor.officerId },
        };
        return {
          case: {
            ...ctx.kase,
            lastMessageAt: ctx.now,
            messageCount: ctx.kase.messageCount + 1,
            status: ctx.kase.status === 'answered' ? 'in-progress' : ctx.kase.status,
          },
          messages: [message],
          timeline: [
            ctx.entry(
              'contact-logged',
              `${kind === 'visit' ? 'Visit' : kind === 'voicemail' ? 'Voicemail' : 'Phone message'} logged`,
              { messageId: message.id, kind },
            ),
          ],
        };
      }),

    flag: (actor: Actor, ref: string, input: { reason?: unknown }) =>
      run(actor, ref, 'flagged', (ctx) => {
        if (actor.role === 'contributor') throw new CommandError('forbidden', 'contributors cannot flag a contact');
        const reason = text(input.reason, 'reason', 1000);
        const contact = ctx.found.contact;
        if (!contact) throw new CommandError('conflict', 'this case has no contact to flag');
        return {
          case: ctx.kase,
          contact: { ...contact, unacceptableBehaviour: { setBy: actor.officerId, setAt: ctx.now, reason } },
          timeline: [
            ctx.entry('contact-flagged', `Contact flagged under the unacceptable behaviour policy: ${reason}`, {
              reason,
            }),
          ],
        };
      }),

    unflag: (actor: Actor, ref: string, input: { reason?: unknown }) =>
      run(actor, ref, 'unflagged', (ctx) => {
        requireManager(ctx);
        const reason = text(input.reason, 'reason', 1000);
        const contact = ctx.found.contact;
        if (!contact?.unacceptableBehaviour) throw new CommandError('conflict', 'this contact is not flagged');
        const { unacceptableBehaviour: previous, ...rest } = contact;
        return {
          case: ctx.kase,
          contact: rest,
          timeline: [
            ctx.entry('contact-unflagged', `Unacceptable behaviour flag lifted: ${reason}`, { reason, previous }),
          ],
        };
      }),

    updateContact: (actor: Actor, ref: string, input: Record<string, unknown>) =>
      run(actor, ref, 'contact-updated', (ctx) => {
        requireRunner(ctx);
        const contact = ctx.found.contact;
        if (!contact) throw new CommandError('conflict', 'this case has no contact');
        const next: Contact = { ...contact };
        const changed: string[] = [];
        if (input.preferredChannel !== undefined) {
          if (!['email', 'sms', 'letter', 'phone'].includes(input.preferredChannel as string)) {
            throw invalid('preferredChannel', 'preferredChannel must be email, sms, letter or phone');
          }
          next.preferredChannel = input.preferredChannel as ReplyChannel;
          changed.push(`preferred channel ${next.preferredChannel}`);
        }
        if (input.communicationNeeds !== undefined) {
          next.communicationNeeds = String(input.communicationNeeds).trim().slice(0, 1000) || undefined;
          changed.push('communication needs');
        }
        if (input.largePrint !== undefined) {
          next.largePrint = Boolean(input.largePrint);
          changed.push(next.largePrint ? 'large print on' : 'large print off');
        }
        if (input.channelsToAvoid !== undefined) {
          const list = Array.isArray(input.channelsToAvoid) ? input.channelsToAvoid : [];
          if (!list.every((c) => ['email', 'sms', 'letter', 'phone'].includes(c as string))) {
            throw invalid('channelsToAvoid', 'channelsToAvoid may list email, sms, letter and phone');
          }
          next.channelsToAvoid = list as ReplyChannel[];
          changed.push(`channels to avoid: ${list.join(', ') || 'none'}`);
        }
        if (input.address !== undefined) {
          next.address = String(input.address).trim().slice(0, 500) || undefined;
          changed.push('address');
        }
        if (changed.length === 0) throw invalid('contact', 'nothing to change');
        return {
          case: ctx.kase,
          contact: next,
          timeline: [ctx.entry('contact-updated', `Contact details updated: ${changed.join('; ')}`, { changed })],
        };
      }),

    restrict: (actor: Actor, ref: string, input: { restricted?: unknown; reason?: unknown }) =>
      run(actor, ref, 'restricted', (ctx) => {
        requireManager(ctx);
        if (typeof input.restricted !== 'boolean') throw invalid('restricted', 'restricted must be true or false');
        const reason = text(input.reason, 'reason', 1000);
        return {
          case: { ...ctx.kase, restricted: input.restricted },
          timeline: [
            ctx.entry(
              'access-changed',
              input.restricted ? `Restricted to the owner and managers: ${reason}` : `Restriction lifted: ${reason}`,
              { restricted: input.restricted, reason },
            ),
          ],
        };
      }),

    close: (actor: Actor, ref: string, input: { reason?: unknown }) =>
      run(actor, ref, 'closed', (ctx) => {
        requireRunner(ctx);
        requireOpen(ctx);
        const reason = text(input.reason, 'reason', 1000);
        return {
          case: { ...ctx.kase, status: 'closed', closedAt: ctx.now },
          timeline: [
            ctx.entry('closed', `Case closed: ${reason}`, { reason, answered: Boolean(ctx.kase.respondedAt) }),
          ],
        };
      }),

    reopen: (actor: Actor, ref: string, input: { reason?: unknown }) =>
      run(actor, ref, 'reopened', (ctx) => {
        requireRunner(ctx);
        if (ctx.kase.status !== 'closed') throw new CommandError('conflict', `${ref} is not closed`);
        const reason = text(input.reason, 'reason', 1000);
        const { closedAt: _closed, ...rest } = ctx.kase;
        return {
          case: { ...rest, status: 'in-progress' },
          timeline: [ctx.entry('reopened', `Case reopened: ${reason}`, { reason })],
        };
      }),
  };
}

export type CaseCommands = ReturnType<typeof createCaseCommands>;

/** Officer-level commands: absence and leavers. */
export function createOfficerCommands(deps: Omit<CommandDeps, 'notices'>) {
  const { repository, policy } = deps;
  const newId = deps.newId ?? randomUUID;
  const events = deps.events ?? noCaseEvents;

  return {
    async setAbsence(actor: Actor, officerId: string, input: { from?: unknown; to?: unknown }): Promise<Officer> {
      const officer = await repository.getOfficer(officerId);
      if (!officer) throw new CommandError('not-found', `no officer ${officerId}`);
      const allowed = actor.officerId === officerId || officer.lineManagerId === actor.officerId || isManager(actor);
      if (!allowed)
        throw new CommandError('forbidden', 'only the officer, their line manager or a manager can set an absence');
      if (input.from === undefined && input.to === undefined) {
        const cleared = { ...officer, absences: [] };
        await repository.putOfficer(cleared);
        return cleared;
      }
      if (typeof input.from !== 'string' || !isLocalDate(input.from))
        throw invalid('from', 'from must be a date (YYYY-MM-DD)');
      if (typeof input.to !== 'string' || !isLocalDate(input.to)) throw invalid('to', 'to must be a date (YYYY-MM-DD)');
      if (input.to < input.from) throw invalid('to', 'to must not be before from');
      const today = calendarFor(policy).localDate(deps.clock.now());
      const absences = [
        ...(officer.absences ?? []).filter((a) => a.to >= today),
        { from: input.from, to: input.to, setBy: actor.officerId },
      ];
      const updated = { ...officer, absences };
      await repository.putOfficer(updated);
      return updated;
    },

    /** A leaver: no more sign-in, no new cases, and every open case moves to reception, each move recorded. */
    async deactivate(
      actor: Actor,
      officerId: string,
      input: { reason?: unknown },
    ): Promise<{ officer: Officer; moved: string[] }> {
      if (!isManager(actor)) throw new CommandError('forbidden', 'only a manager can record a leaver');
      const reason = text(input.reason, 'reason', 1000);
      const officer = await repository.getOfficer(officerId);
      if (!officer) throw new CommandError('not-found', `no officer ${officerId}`);
      const now = deps.clock.now().toISOString();
      const officers = await repository.listOfficers();
      const reception = officers.find((o) => o.role === 'reception' && o.active && o.id !== officerId);
      const updated = { ...officer, active: false, deactivatedAt: now };
      await repository.putOfficer(updated);
      const moved: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.listQueue({ queue: 'owner', ownerId: officerId }, { limit: 100, cursor });
        for (const listed of page.items) {
          // Timers and officers may touch the case meanwhile: read it again and retry on a conflict.
          for (let attempt = 1; ; attempt++) {
            const kase = (await repository.getCase(listed.ref)) ?? listed;
            if (kase.ownerId !== officerId) break;
            const entry: TimelineEntry = {
              id: newId(),
              caseRef: kase.ref,
              at: now,
              type: 'reassigned',
              actor: actor.officerId,
              summary: `${officer.name} has left: case moved to ${reception ? `reception (${reception.name})` : 'the team queue'}`,
              data: { from: officerId, to: reception?.id, reason },
            };
            const next: Case = { ...kase, updatedAt: now };
            if (reception) next.ownerId = reception.id;
            else delete next.ownerId;
            try {
              await repository.commitCaseChange({ case: next, expectedUpdatedAt: kase.updatedAt, timeline: [entry] });
            } catch (err) {
              if (err instanceof WriteConflictError && attempt < 5) continue;
              throw err;
            }
            await events.caseChanged(kase.ref, 'owner-changed');
            moved.push(kase.ref);
            break;
          }
        }
        cursor = page.next ?? undefined;
      } while (cursor);
      return { officer: updated, moved };
    },
  };
}
