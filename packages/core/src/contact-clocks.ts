/**
 * Where a contact's clock starts, measured by what happened (policy
 * `contactClocks`): a voicemail when the call came in — or, where the policy
 * says so (Hightown: "within two working days of the staff member's next
 * working day"), the officer's next working day when they were away; a letter
 * on the day it arrived in the post (entered when scanned), not the scan.
 *
 * Ingest (and a logged call on an existing case) calls `contactClock` and
 * passes what it returns to `computeTargets` or `startRound`.
 */
import { calendarFor } from './calendar.js';
import { isAway, type Officer } from './cases.js';
import { addDays, instantAt, isLocalDate, type LocalDate } from './dates.js';
import type { InboundMessage } from './inbound.js';
import type { LandlordPolicy } from './policy.js';

export interface ContactClock {
  /** The instant the clock counts from. */
  received: Date;
  /** Day 0 no earlier than this working day (the officer's return). */
  notBefore?: LocalDate;
  /** Why, for the timeline, when it is not simply the receipt. */
  reason?: string;
}

/** The first working day on or after `from` on which the officer is not away. */
export function officerNextWorkingDay(policy: LandlordPolicy, officer: Officer, from: LocalDate): LocalDate {
  const calendar = calendarFor(policy);
  let day = calendar.isWorkingDay(from) ? from : calendar.nextWorkingDay(from);
  for (let guard = 0; guard < 400 && isAway(officer, day); guard++) day = calendar.nextWorkingDay(day);
  return day;
}

/**
 * A letter's receipt: the morning of the day it arrived in the post (office
 * opening), when the policy counts from arrival; never later than the scan,
 * and never a date after it.
 */
export function letterReceivedAt(policy: LandlordPolicy, arrivedOn: LocalDate, scannedAt: Date): Date {
  if (!isLocalDate(arrivedOn)) throw new RangeError(`not a date (YYYY-MM-DD): ${arrivedOn}`);
  const calendar = calendarFor(policy);
  if (policy.contactClocks.letter.from === 'scan' || arrivedOn > calendar.localDate(scannedAt)) return scannedAt;
  // The morning post: at opening on the day it arrived (the same day-0 rule then applies).
  const morning = instantAt(arrivedOn, calendar.opensAt, policy.timeZone);
  return morning < scannedAt ? morning : scannedAt;
}

/**
 * Where an inbound contact's clock starts: a logged call when it came in
 * (`logged.calledAt`), a scanned letter when it arrived (`scan.arrivedOn`),
 * anything else at receipt; a voicemail left while `owner` was away from the
 * officer's next working day where the policy says so.
 */
export function contactClock(policy: LandlordPolicy, message: InboundMessage, owner?: Officer): ContactClock {
  const receivedAt = new Date(message.receivedAt);
  if (message.channel === 'letter' && message.scan?.arrivedOn) {
    const received = letterReceivedAt(policy, message.scan.arrivedOn, receivedAt);
    return { received, reason: `the letter arrived in the post on ${message.scan.arrivedOn}` };
  }
  const calledAt = message.logged?.calledAt ? new Date(message.logged.calledAt) : undefined;
  const received = calledAt && calledAt < receivedAt ? calledAt : receivedAt;
  if (message.logged?.kind !== 'voicemail') {
    return calledAt ? { received, reason: `the call came in at ${received.toISOString()}` } : { received };
  }
  return voicemailClock(policy, received, owner);
}

/** A voicemail's clock: from the call, or from the officer's next working day when they were away (policy). */
export function voicemailClock(policy: LandlordPolicy, calledAt: Date, owner?: Officer): ContactClock {
  const reason = `the voicemail was left at ${calledAt.toISOString()}`;
  if (!owner || policy.contactClocks.voicemailWhileAway.from !== 'officer-return')
    return { received: calledAt, reason };
  const dayZero = calendarFor(policy).clockStart(calledAt);
  if (!isAway(owner, dayZero)) return { received: calledAt, reason };
  const back = officerNextWorkingDay(policy, owner, addDays(dayZero, 1));
  return {
    received: calledAt,
    notBefore: back,
    reason: `${reason} while ${owner.name} was away: counted from their next working day, ${back} (${policy.contactClocks.voicemailWhileAway.basis})`,
  };
}
