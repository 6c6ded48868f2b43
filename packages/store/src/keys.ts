/** Every key the repository writes or reads, built from named parts (ElectroDB-style). */
import { type Case, type CaseMessage, type DepartmentRequest, wallClock } from '@housing-inbox/core';
import { INDEXES } from './schema.js';

export type Key = { pk: string; sk: string };

export const keys = {
  case: (ref: string): Key => ({ pk: `CASE#${ref}`, sk: '#CASE' }),
  /** Messages and timeline share the case's partition: one Query reads the whole history. */
  message: (ref: string, receivedAt: string, id: string): Key => ({ pk: `CASE#${ref}`, sk: `MSG#${receivedAt}#${id}` }),
  /** `seq` keeps entries written together (same instant) in the order they were written. */
  timeline: (ref: string, at: string, seq: number, id: string): Key => ({
    pk: `CASE#${ref}`,
    sk: `TL#${at}#${String(seq).padStart(3, '0')}#${id}`,
  }),
  contact: (id: string): Key => ({ pk: `CONTACT#${id}`, sk: '#CONTACT' }),
  /** Uniqueness claims: one contact per email address and per phone number. */
  contactEmail: (email: string): Key => ({ pk: `CONTACT-EMAIL#${email}`, sk: '#KEY' }),
  contactPhone: (phone: string): Key => ({ pk: `CONTACT-PHONE#${phone}`, sk: '#KEY' }),
  /** Idempotency marker: one per inbound delivery (channel + provider id). */
  delivery: (dedupeKey: string): Key => ({ pk: `DELIVERY#${dedupeKey}`, sk: '#DELIVERY' }),
  /** Email Message-ID → case, for In-Reply-To/References threading. */
  thread: (messageId: string): Key => ({ pk: `THREAD#${messageId.toLowerCase()}`, sk: '#THREAD' }),
  counter: (prefix: string, year: number): Key => ({ pk: `COUNTER#${prefix}#${year}`, sk: '#COUNTER' }),
  quarantine: (id: string): Key => ({ pk: 'QUARANTINE', sk: id }),
  automated: (at: string, id: string): Key => ({ pk: 'AUTOMATED', sk: `${at}#${id}` }),
  officer: (id: string): Key => ({ pk: 'DIRECTORY', sk: `OFFICER#${id}` }),
  request: (ref: string, id: string): Key => ({ pk: `CASE#${ref}`, sk: `REQ#${id}` }),
  /** A notice claimed for sending: the same key is never sent twice on a case. */
  notice: (ref: string, key: string): Key => ({ pk: `CASE#${ref}`, sk: `NOTICE#${key}` }),
};

export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey]),
  'entity',
  'expiresAt',
];

/**
 * The instant a case is due, as a sortable string. A date target means the end
 * of that day; an hours target is already an instant.
 */
export function dueSortKey(kase: Pick<Case, 'targets'>): string {
  const due = kase.targets.respondBy;
  return due.length === 10 ? `${due}T23:59:59.999Z` : due;
}

/** The landlord's local month (YYYY-MM) of an instant: reports count by month of receipt. */
export function localMonth(instant: string, timeZone: string): string {
  return wallClock(new Date(instant), timeZone).date.slice(0, 7);
}

/** An inbound message counts in its month's report. */
export function messageIndexAttributes(message: CaseMessage, timeZone: string): Record<string, string> {
  if (message.direction !== 'inbound') return {};
  return {
    gsi5pk: `MONTH#${localMonth(message.receivedAt, timeZone)}`,
    gsi5sk: `MSG#${message.receivedAt}#${message.id}`,
  };
}

/** The index attributes of a case item: which queues and which month's report it appears in. */
export function caseIndexAttributes(kase: Case, timeZone = 'Europe/London'): Record<string, string> {
  const state = kase.status === 'closed' ? 'closed' : 'open';
  const order = `${dueSortKey(kase)}#${kase.ref}`;
  const attrs: Record<string, string> = {
    gsi2pk: `TEAM#${kase.teamId}#${state}`,
    gsi2sk: order,
    gsi3pk: `CASES#${state}`,
    gsi3sk: order,
    gsi4pk: `CONTACT#${kase.contactId}`,
    gsi4sk: `${state}#${kase.lastMessageAt}#${kase.ref}`,
    gsi5pk: `MONTH#${localMonth(kase.receivedAt, timeZone)}`,
    gsi5sk: `CASE#${kase.receivedAt}#${kase.ref}`,
  };
  if (kase.ownerId) {
    attrs.gsi1pk = `OWNER#${kase.ownerId}#${state}`;
    attrs.gsi1sk = order;
  }
  return attrs;
}

/** A department request appears in its department's queue (gsi2) while open. */
export function requestIndexAttributes(request: DepartmentRequest): Record<string, string> {
  const state = request.status === 'open' ? 'open' : 'done';
  return {
    gsi2pk: `TEAMREQ#${request.department}#${state}`,
    gsi2sk: `${request.moreTime?.until ?? request.dueBy}#${request.caseRef}#${request.id}`,
  };
}
