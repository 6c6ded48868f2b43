/**
 * Every key the store writes or reads, built from named parts (ElectroDB-style):
 * each partition and sort-key shape is defined once below and used both for the
 * item written (`keys`, the index attributes) and for the query that finds it
 * (`queries`), so a write and its read cannot drift apart.
 */
import {
  boundedKeyPart,
  type Case,
  type CaseMessage,
  type DepartmentRequest,
  isHoursTarget,
  wallClock,
} from '@housing-inbox/core';
import { INDEXES, type IndexDefinition, PARTITION_KEY, SORT_KEY } from './schema.js';

export type Key = { pk: string; sk: string };

/** Queues are split by state: an open case and a closed one never share a partition. */
export type CaseState = 'open' | 'closed';

/** Partition values, each shared by the items written there and the queries that read them. */
const partition = {
  case: (ref: string) => `CASE#${ref}`,
  /** The contact item's own partition, and the contact's cases on `byContact`. */
  contact: (id: string) => `CONTACT#${id}`,
  directory: 'DIRECTORY',
  quarantine: 'QUARANTINE',
  automated: 'AUTOMATED',
  pendingPlans: 'PLANS-PENDING',
  timer: (ref: string) => `TIMER#${ref}`,
  wakeUps: 'WAKEUPS',
  owner: (ownerId: string, state: CaseState) => `OWNER#${ownerId}#${state}`,
  team: (teamId: string, state: CaseState) => `TEAM#${teamId}#${state}`,
  allCases: (state: CaseState) => `CASES#${state}`,
  /** Every case of a contact, open and closed (erasure, subject access). */
  casesOfContact: (contactId: string) => keyCondition(INDEXES.byContact, partition.contact(contactId)),
  teamRequests: (department: string, status: 'open' | 'done') => `TEAMREQ#${department}#${status}`,
  month: (month: string) => `MONTH#${month}`,
};

/** The sort keys of a case's partition, told apart by their first characters. */
const caseSort = {
  case: '#CASE',
  message: 'MSG#',
  timeline: 'TL#',
  request: 'REQ#',
  notice: 'NOTICE#',
};

/** The month index holds cases and inbound messages, told apart the same way. */
const monthSort = { case: 'CASE#', message: 'MSG#' };

const OFFICER = 'OFFICER#';

/** A contact's own partition: the contact, then its timeline (SMS opt-outs and opt-ins). */
const contactSort = { contact: '#CONTACT', timeline: 'TL#' };

/** A contact's cases sort by state first, so one prefix finds the open ones. */
const stateFirst = (state: CaseState) => `${state}#`;

export const keys = {
  case: (ref: string): Key => ({ pk: partition.case(ref), sk: caseSort.case }),
  /** Messages and timeline share the case's partition: one Query reads the whole history. */
  message: (ref: string, receivedAt: string, id: string): Key => ({
    pk: partition.case(ref),
    sk: `${caseSort.message}${receivedAt}#${id}`,
  }),
  /** `seq` keeps entries written together (same instant) in the order they were written. */
  timeline: (ref: string, at: string, seq: number, id: string): Key => ({
    pk: partition.case(ref),
    sk: `${caseSort.timeline}${at}#${String(seq).padStart(3, '0')}#${id}`,
  }),
  request: (ref: string, id: string): Key => ({ pk: partition.case(ref), sk: `${caseSort.request}${id}` }),
  /** A notice claimed for sending: the same key is never sent twice on a case. */
  notice: (ref: string, key: string): Key => ({ pk: partition.case(ref), sk: `${caseSort.notice}${key}` }),
  contact: (id: string): Key => ({ pk: partition.contact(id), sk: contactSort.contact }),
  contactTimeline: (contactId: string, at: string, seq: number, id: string): Key => ({
    pk: partition.contact(contactId),
    sk: `${contactSort.timeline}${at}#${String(seq).padStart(3, '0')}#${id}`,
  }),
  /**
   * Every key below holds sender input (an address, a Message-ID, a provider's id):
   * `boundedKeyPart` hashes what could pass DynamoDB's 2,048-byte key limit.
   */
  /** Uniqueness claims: one contact per email address and per phone number. */
  contactEmail: (email: string): Key => ({ pk: `CONTACT-EMAIL#${boundedKeyPart(email)}`, sk: '#KEY' }),
  contactPhone: (phone: string): Key => ({ pk: `CONTACT-PHONE#${boundedKeyPart(phone)}`, sk: '#KEY' }),
  /** Idempotency marker: one per identity of an inbound delivery (ingest/identity.ts). */
  delivery: (dedupeKey: string): Key => ({ pk: `DELIVERY#${boundedKeyPart(dedupeKey)}`, sk: '#DELIVERY' }),
  /** Email Message-ID → case, for In-Reply-To/References threading. */
  thread: (messageId: string): Key => ({ pk: `THREAD#${boundedKeyPart(messageId.toLowerCase())}`, sk: '#THREAD' }),
  /** An address whose mail is machine-made: no automatic notices go to it. */
  automatedSender: (address: string): Key => ({
    pk: `AUTOMATED-SENDER#${boundedKeyPart(address.toLowerCase())}`,
    sk: '#SENDER',
  }),
  /** Automatic notices sent to one address on one local day (the loop guard's count). */
  noticeQuota: (address: string, day: string): Key => ({
    pk: `NOTICE-QUOTA#${boundedKeyPart(address.toLowerCase())}`,
    sk: day,
  }),
  /** A case whose timers have not yet taken its last change. */
  pendingPlan: (ref: string): Key => ({ pk: partition.pendingPlans, sk: ref }),
  counter: (prefix: string, year: number): Key => ({ pk: `COUNTER#${prefix}#${year}`, sk: '#COUNTER' }),
  quarantine: (id: string): Key => ({ pk: partition.quarantine, sk: id }),
  automated: (at: string, id: string): Key => ({ pk: partition.automated, sk: `${at}#${id}` }),
  officer: (id: string): Key => ({ pk: partition.directory, sk: `${OFFICER}${id}` }),
  /** A case's timer generation (cloud): which `<ref>-<n>` Step Functions execution is current. */
  timerGeneration: (ref: string): Key => ({ pk: partition.timer(ref), sk: '#GENERATION' }),
  /** A case's one pending wake-up (local stack), read to move or remove it. */
  wakeUp: (ref: string): Key => ({ pk: partition.timer(ref), sk: '#WAKEUP' }),
  /** The due list: every wake-up in one partition, in time order. */
  wakeUpDue: (at: string, ref: string): Key => ({ pk: partition.wakeUps, sk: `${at}#${ref}` }),
};

/** The key condition of a Query, to spread into its input. */
export interface KeyCondition {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

type SortCondition = { beginsWith: string } | { atMost: string };

/** `index` absent: the table's own keys. */
function keyCondition(index: IndexDefinition | undefined, pk: string, sort?: SortCondition): KeyCondition {
  const names: Record<string, string> = { '#pk': index?.partitionKey ?? PARTITION_KEY };
  const values: Record<string, unknown> = { ':pk': pk };
  let expression = '#pk = :pk';
  if (sort) {
    names['#sk'] = index?.sortKey ?? SORT_KEY;
    if ('beginsWith' in sort) {
      values[':sk'] = sort.beginsWith;
      expression += ' AND begins_with(#sk, :sk)';
    } else {
      values[':sk'] = sort.atMost;
      expression += ' AND #sk <= :sk';
    }
  }
  return {
    ...(index ? { IndexName: index.indexName } : {}),
    KeyConditionExpression: expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export const queries = {
  /** A case with its messages, timeline, requests and notice claims: its whole partition. */
  caseHistory: (ref: string) => keyCondition(undefined, partition.case(ref)),
  officers: () => keyCondition(undefined, partition.directory, { beginsWith: OFFICER }),
  quarantine: () => keyCondition(undefined, partition.quarantine),
  /** Automatic mail that joined no case; newest first with `ScanIndexForward: false`. */
  unmatchedAutomated: () => keyCondition(undefined, partition.automated),
  pendingPlans: () => keyCondition(undefined, partition.pendingPlans),
  contactTimeline: (contactId: string) =>
    keyCondition(undefined, partition.contact(contactId), { beginsWith: contactSort.timeline }),
  ownerQueue: (ownerId: string, state: CaseState) => keyCondition(INDEXES.byOwner, partition.owner(ownerId, state)),
  teamQueue: (teamId: string, state: CaseState) => keyCondition(INDEXES.byTeam, partition.team(teamId, state)),
  allCases: (state: CaseState) => keyCondition(INDEXES.byState, partition.allCases(state)),
  /** Newest first with `ScanIndexForward: false`: the sort key starts with the state, then the last message. */
  openCasesOfContact: (contactId: string) =>
    keyCondition(INDEXES.byContact, partition.contact(contactId), { beginsWith: stateFirst('open') }),
  /** Every case of a contact, open and closed (erasure, subject access). */
  casesOfContact: (contactId: string) => keyCondition(INDEXES.byContact, partition.contact(contactId)),
  teamRequests: (department: string, status: 'open' | 'done') =>
    keyCondition(INDEXES.byTeam, partition.teamRequests(department, status)),
  month: (month: string) => keyCondition(INDEXES.byMonth, partition.month(month)),
  wakeUps: () => keyCondition(undefined, partition.wakeUps),
  /** '~' sorts after every character of a case reference, so `<at>#~` bounds every wake-up at `at`. */
  wakeUpsUpTo: (at: string) => keyCondition(undefined, partition.wakeUps, { atMost: keys.wakeUpDue(at, '~').sk }),
};

/** What an item of a case's partition holds, from its sort key. */
export function caseItemKind(sk: string): 'case' | 'message' | 'timeline' | 'request' | 'notice' | undefined {
  if (sk === caseSort.case) return 'case';
  if (sk.startsWith(caseSort.notice)) return 'notice';
  if (sk.startsWith(caseSort.message)) return 'message';
  if (sk.startsWith(caseSort.timeline)) return 'timeline';
  if (sk.startsWith(caseSort.request)) return 'request';
  return undefined;
}

/** What an item read from the month index is: a case received that month or an inbound message. */
export function monthItemKind(item: Record<string, unknown>): 'case' | 'message' | undefined {
  const sk = String(item[INDEXES.byMonth.sortKey]);
  if (sk.startsWith(monthSort.case)) return 'case';
  if (sk.startsWith(monthSort.message)) return 'message';
  return undefined;
}

export const KEY_ATTRIBUTES = [
  PARTITION_KEY,
  SORT_KEY,
  ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey]),
  'entity',
  'expiresAt',
];

/** An item's place on a secondary index. */
function onIndex(index: IndexDefinition, pk: string, sk: string): Record<string, string> {
  return { [index.partitionKey]: pk, [index.sortKey]: sk };
}

/**
 * The instant a case is due, as a sortable string. A date target means the end
 * of that day; an hours target is already an instant.
 */
export function dueSortKey(kase: Pick<Case, 'targets'>): string {
  const due = kase.targets.respondBy;
  // A sort key only, so its form is kept as first stored (end of the date in UTC).
  return isHoursTarget(due) ? due : `${due}T23:59:59.999Z`;
}

/** The landlord's local month (YYYY-MM) of an instant: reports count by month of receipt. */
export function localMonth(instant: string, timeZone: string): string {
  return wallClock(new Date(instant), timeZone).date.slice(0, 7);
}

/** An inbound message counts in its month's report. */
export function messageIndexAttributes(message: CaseMessage, timeZone: string): Record<string, string> {
  if (message.direction !== 'inbound') return {};
  return onIndex(
    INDEXES.byMonth,
    partition.month(localMonth(message.receivedAt, timeZone)),
    `${monthSort.message}${message.receivedAt}#${message.id}`,
  );
}

/** The index attributes of a case item: which queues and which month's report it appears in. */
export function caseIndexAttributes(kase: Case, timeZone = 'Europe/London'): Record<string, string> {
  const state: CaseState = kase.status === 'closed' ? 'closed' : 'open';
  const order = `${dueSortKey(kase)}#${kase.ref}`;
  return {
    ...onIndex(INDEXES.byTeam, partition.team(kase.teamId, state), order),
    ...onIndex(INDEXES.byState, partition.allCases(state), order),
    ...onIndex(
      INDEXES.byContact,
      partition.contact(kase.contactId),
      `${stateFirst(state)}${kase.lastMessageAt}#${kase.ref}`,
    ),
    ...onIndex(
      INDEXES.byMonth,
      partition.month(localMonth(kase.receivedAt, timeZone)),
      `${monthSort.case}${kase.receivedAt}#${kase.ref}`,
    ),
    ...(kase.ownerId ? onIndex(INDEXES.byOwner, partition.owner(kase.ownerId, state), order) : {}),
  };
}

/** A department request appears in its department's queue (gsi2) while open. */
export function requestIndexAttributes(request: DepartmentRequest): Record<string, string> {
  return onIndex(
    INDEXES.byTeam,
    partition.teamRequests(request.department, request.status === 'open' ? 'open' : 'done'),
    `${request.moreTime?.until ?? request.dueBy}#${request.caseRef}#${request.id}`,
  );
}
