/**
 * When a contact must be acknowledged and answered, per CONTRACTS.md
 * "Counting working days", and the `Deadline` helpers every package uses to
 * read a target (date or hours) the same way.
 */
import { type CalendarSettings, calendarFor } from './calendar.js';
import type { Case } from './cases.js';
import { addDays, instantAt, isLocalDate, type LocalDate } from './dates.js';
import type { CaseKind, Targets } from './model.js';
import type { LandlordPolicy, TargetRule } from './policy.js';

export class NoTargetError extends Error {
  override name = 'NoTargetError';
  constructor(
    readonly policyId: string,
    readonly kind: string,
  ) {
    super(`policy "${policyId}" sets no target for kind "${kind}"`);
  }
}

export interface TargetRequest {
  kind: CaseKind;
  received: Date;
  /** When the acknowledgement actually went out, if it has. */
  acknowledged?: Date;
  /**
   * Day 0 is no earlier than the first working day on or after this local
   * date (a voicemail left while its officer was away: `contactClock`).
   */
  notBefore?: LocalDate;
}

export function targetRuleFor(policy: LandlordPolicy, kind: CaseKind): TargetRule {
  const rule = policy.targets[kind];
  if (!rule) throw new NoTargetError(policy.id, kind);
  return rule;
}

export function computeTargets(policy: LandlordPolicy, request: TargetRequest): Targets {
  const rule = targetRuleFor(policy, request.kind);
  const { received, acknowledged } = request;
  if (Number.isNaN(received.getTime())) throw new RangeError('received is not a valid instant');
  if (acknowledged && acknowledged.getTime() < received.getTime()) {
    throw new RangeError('acknowledged is earlier than received');
  }

  const respond = rule.respond;
  if ('hours' in respond) {
    // Clock hours from the instant of receipt: nights, weekends and holidays count.
    return {
      clockStarts: received.toISOString(),
      acknowledgeBy: null,
      respondBy: new Date(received.getTime() + respond.hours * 3_600_000).toISOString(),
    };
  }

  const calendar = calendarFor(policy);
  let clockStarts = calendar.clockStart(received);
  if (request.notBefore && request.notBefore > clockStarts) {
    clockStarts = calendar.isWorkingDay(request.notBefore)
      ? request.notBefore
      : calendar.nextWorkingDay(request.notBefore);
  }
  const acknowledgeBy = rule.acknowledge ? calendar.addWorkingDays(clockStarts, rule.acknowledge.workingDays) : null;

  let respondFrom = clockStarts;
  if (respond.from === 'acknowledgement') {
    // The actual acknowledgement starts the clock; until there is one, its deadline does.
    respondFrom = acknowledged ? calendar.clockStart(acknowledged) : (acknowledgeBy as string);
  }
  return {
    clockStarts,
    acknowledgeBy,
    respondBy: calendar.addWorkingDays(respondFrom, respond.workingDays),
  };
}

/**
 * A target as a case stores it (`targets.respondBy`, `targets.acknowledgeBy`,
 * an agreed reply date, an extension's date), one of two shapes:
 * - a working-day date, `YYYY-MM-DD` in the landlord's time zone: met at any
 *   time on that local day, missed from the local midnight that ends it;
 * - an hours target (emergency repair), an ISO-8601 UTC instant
 *   (`2026-03-04T10:00:00.000Z`): met at or before that instant.
 */
export type Deadline = LocalDate | string;

export type ParsedDeadline = { kind: 'date'; date: LocalDate } | { kind: 'hours'; instant: Date };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Which shape a deadline is; a RangeError for a string that is neither. */
export function parseDeadline(value: Deadline): ParsedDeadline {
  if (isLocalDate(value)) return { kind: 'date', date: value };
  const instant = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`not a target (YYYY-MM-DD or an ISO-8601 instant): ${value}`);
  }
  return { kind: 'hours', instant };
}

/** True for an hours target (an instant), false for a working-day date. */
export function isHoursTarget(value: Deadline): boolean {
  return parseDeadline(value).kind === 'hours';
}

/** The local date a deadline ends on: the date itself, or the local (Europe/London) date of an hours target's instant. */
export function deadlineDate(policy: CalendarSettings, value: Deadline): LocalDate {
  const deadline = parseDeadline(value);
  return deadline.kind === 'date' ? deadline.date : calendarFor(policy).localDate(deadline.instant);
}

/**
 * When a deadline counts as passed (the timers' "missed" moment): the local
 * midnight that ends a date target's day (BST or GMT as that night has it), or
 * an hours target's own instant.
 */
export function deadlinePassesAt(policy: CalendarSettings, value: Deadline): Date {
  const deadline = parseDeadline(value);
  return deadline.kind === 'date' ? instantAt(addDays(deadline.date, 1), 0, policy.timeZone) : deadline.instant;
}

/**
 * Whether something done at `at` (an instant, or its ISO string) meets the
 * deadline: any time on a date target's local day, or at or before an hours
 * target's instant.
 */
export function isWithin(policy: CalendarSettings, value: Deadline, at: Date | string): boolean {
  const when = typeof at === 'string' ? new Date(at) : at;
  const deadline = parseDeadline(value);
  if (deadline.kind === 'hours') return when.getTime() <= deadline.instant.getTime();
  return calendarFor(policy).localDate(when) <= deadline.date;
}

type TargetedCase = Pick<Case, 'kind' | 'targets' | 'acknowledgedAt'> & Partial<Pick<Case, 'round'>>;

/**
 * Whether the case's targets were counted under its kind's acknowledgement
 * rule in this round. Not so for a follow-up's round (counted as its own
 * kind, which may set no acknowledgement) or when the acknowledgement belongs
 * to an earlier round: recounting from it would resurrect the old target.
 */
function countsFromThisAcknowledgement(kase: TargetedCase, acknowledgedAt: string): boolean {
  if (kase.targets.acknowledgeBy === null) return false;
  return !kase.round || acknowledgedAt >= kase.round.startedAt;
}

/**
 * The policy's response target for a case. Where the rule counts from the
 * acknowledgement, it is recounted from the actual acknowledgement (CONTRACTS.md
 * "Counting working days"): `targets.respondBy` was counted at creation from
 * the acknowledgement deadline. `acknowledgedAt` (ISO instant) stands in for an
 * acknowledgement about to go out. A later round (a follow-up after our reply)
 * is counted by its own kind (`round.kind`), never from an earlier round's
 * acknowledgement.
 */
export function policyRespondBy(
  policy: LandlordPolicy,
  kase: TargetedCase,
  acknowledgedAt = kase.acknowledgedAt,
): Deadline {
  const respond = policy.targets?.[kase.round?.kind ?? kase.kind]?.respond;
  if (!respond || !('from' in respond) || respond.from !== 'acknowledgement' || !acknowledgedAt) {
    return kase.targets.respondBy;
  }
  if (!countsFromThisAcknowledgement(kase, acknowledgedAt)) return kase.targets.respondBy;
  const calendar = calendarFor(policy);
  return calendar.addWorkingDays(calendar.clockStart(new Date(acknowledgedAt)), respond.workingDays);
}

type DatedCase = TargetedCase & Partial<Pick<Case, 'agreedReplyDate' | 'agreedReplyAt' | 'extension'>>;

/** The local date this round's clock started (an hours target's instant read as its UTC date: close enough to tell rounds apart). */
function roundStartDate(kase: TargetedCase): string {
  return kase.targets.clockStarts.slice(0, 10);
}

/**
 * The agreed reply date of this round: one agreed before a later round began
 * (or ending before its clock started) belonged to an earlier round.
 */
export function currentAgreedDate(kase: DatedCase): string | undefined {
  const date = kase.agreedReplyDate;
  if (!date || date < roundStartDate(kase)) return undefined;
  if (kase.round && (!kase.agreedReplyAt || kase.agreedReplyAt < kase.round.startedAt)) return undefined;
  return date;
}

/** The extension of this round, as for `currentAgreedDate`. */
export function currentExtension(kase: DatedCase): Case['extension'] {
  const extension = kase.extension;
  if (!extension || extension.respondBy < roundStartDate(kase)) return undefined;
  if (kase.round && extension.at < kase.round.startedAt) return undefined;
  return extension;
}

/**
 * The response target that applies now: a date agreed with the resident, else
 * an extension's date, else the policy's target — recounted after the
 * acknowledgement (`policyRespondBy`) when the policy is given, as stored
 * otherwise. An agreed date or extension from an earlier round does not apply.
 */
export function effectiveRespondBy(kase: DatedCase, policy?: LandlordPolicy, acknowledgedAt?: string): Deadline {
  return (
    currentAgreedDate(kase) ??
    currentExtension(kase)?.respondBy ??
    (policy ? policyRespondBy(policy, kase, acknowledgedAt ?? kase.acknowledgedAt) : kase.targets.respondBy)
  );
}
