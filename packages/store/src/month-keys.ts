/**
 * The month index's own items: markers for the months a case counts in besides
 * its receipt, the switchboard's call records, and telling apart what a month holds.
 */
import {
  boundedKeyPart,
  type CallRecord,
  type Case,
  type CaseMessage,
  openMonthEnds,
  reportInstants,
} from '@housing-inbox/core';
import { localMonth, onIndex } from './index-keys.js';
import { keys, monthSort, partition } from './keys.js';
import { INDEXES } from './schema.js';

/** The outbound notices the monthly report counts. */
const COUNTED_NOTICES = ['delay-update', 'extension'];

/** What an item read from the month index is: a case received that month or an inbound message. */
export function monthItemKind(
  item: Record<string, unknown>,
): 'case' | 'counted' | 'message' | 'sent' | 'call' | undefined {
  const sk = String(item[INDEXES.byMonth.sortKey]);
  for (const kind of ['case', 'counted', 'message', 'sent', 'call'] as const) {
    if (sk.startsWith(monthSort[kind])) return kind;
  }
  return undefined;
}

/**
 * The months, other than its month of receipt, a case is filed under: where
 * something of it counts (an answer started or sent, a stage, the repair done,
 * the closure: `reportInstants`) and each month at whose end it was open
 * (`openMonthEnds`, as far as its `updatedAt`).
 */
export function countedInMonths(kase: Case, timeZone: string): string[] {
  const months = new Set(reportInstants(kase).map((at) => localMonth(at, timeZone)));
  for (const month of openMonthEnds(kase, kase.updatedAt, timeZone)) months.add(month);
  months.delete(localMonth(kase.receivedAt, timeZone));
  return [...months].sort();
}

/**
 * The month-index markers of a case (idempotent puts). With `before` (the case
 * as last written, which wrote its own markers) only the months it did not
 * have: a case open for years adds one marker a month, never all of them again.
 * `rebuildMonthIndex` passes no `before` and writes them all.
 */
export function countedInItems(kase: Case, timeZone: string, before?: Case): Record<string, unknown>[] {
  const had = new Set(before ? countedInMonths(before, timeZone) : []);
  return countedInMonths(kase, timeZone)
    .filter((month) => !had.has(month))
    .map((month) => ({
      ...keys.countedIn(kase.ref, month),
      ...onIndex(INDEXES.byMonth, partition.month(month), `${monthSort.counted}${kase.ref}`),
      entity: 'counted-in',
      caseRef: kase.ref,
    }));
}

/** A call record on its month's index (the projected `logged` attribute carries the call). */
export function callItem(call: CallRecord, timeZone: string): Record<string, unknown> {
  return {
    ...keys.call(call.callId),
    ...onIndex(
      INDEXES.byMonth,
      partition.month(localMonth(call.offeredAt, timeZone)),
      `${monthSort.call}${call.offeredAt}#${boundedKeyPart(call.callId)}`,
    ),
    entity: 'call',
    logged: call,
  };
}

/** An inbound message counts in its month's report. */
export function messageIndexAttributes(message: CaseMessage, timeZone: string): Record<string, string> {
  if (message.direction !== 'inbound') {
    if (!message.purpose || !COUNTED_NOTICES.includes(message.purpose)) return {};
    // The purpose travels in the sort key: the index does not project it.
    return onIndex(
      INDEXES.byMonth,
      partition.month(localMonth(message.receivedAt, timeZone)),
      `${monthSort.sent}${message.purpose}#${message.receivedAt}#${message.id}`,
    );
  }
  return onIndex(
    INDEXES.byMonth,
    partition.month(localMonth(message.receivedAt, timeZone)),
    `${monthSort.message}${message.receivedAt}#${message.id}`,
  );
}
