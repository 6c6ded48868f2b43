/**
 * When a contact must be acknowledged and answered, per CONTRACTS.md
 * "Counting working days".
 */
import { calendarFor } from './calendar.js';
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
  const clockStarts = calendar.clockStart(received);
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
