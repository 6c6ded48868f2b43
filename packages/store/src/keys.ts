/**
 * Every key the store writes or reads, built from named parts (ElectroDB-style):
 * each partition and sort-key shape is defined once below and used both for the
 * item written (`keys`, the index attributes) and for the query that finds it
 * (`queries`), so a write and its read cannot drift apart.
 */
import { boundedKeyPart, type QueueSelector, type QueueSort } from '@housing-inbox/core';
import { INDEXES, type IndexDefinition, PARTITION_KEY, SORT_KEY } from './schema.js';

export type Key = { pk: string; sk: string };

/** Queues are split by state: an open case and a closed one never share a partition. */
export type CaseState = 'open' | 'closed';

/** Partition values, each shared by the items written there and the queries that read them. */
export const partition = {
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
  /** Everything one search token (hashed) finds, on `byLookup`. */
  searchToken: (hash: string) => `SEARCH#${hash}`,
  /** A queue in one of its other orders, on `byLookup`: `QUEUE#<order>#` then the queue's own partition. */
  queueOrder: (sort: Exclude<QueueSort, 'due'>, queue: string) => `QUEUE#${sort}#${queue}`,
  /** A blob's references (`keys.blobRef`); the key is ours, bounded all the same. */
  blob: (blobKey: string) => `BLOB#${boundedKeyPart(blobKey)}`,
  /** An officer's inbox, split by state: the unread partition stays small, so counting it stays bounded. */
  notifications: (officerId: string, state: NotificationState) => `NOTIFY#${officerId}#${state}`,
};

export type NotificationState = 'unread' | 'read';

/** The sort keys of a case's partition, told apart by their first characters. */
const caseSort = {
  case: '#CASE',
  message: 'MSG#',
  timeline: 'TL#',
  request: 'REQ#',
  notice: 'NOTICE#',
  /** An officer's email left for the timers to send (cloud ingest may not send). */
  officerEmail: 'OFFICER-EMAIL#',
  countedIn: 'MONTH#',
  /** A search token of the case or contact whose partition it is in. */
  search: 'SEARCH#',
  /** The case's place in a queue's other orders: `QUEUE#<owner|team|all>#<order>`. */
  queueEntry: 'QUEUE#',
};

/**
 * The month index holds, told apart by the sort key's start: cases received
 * that month, cases with something counted that month (a marker naming the case),
 * inbound messages, delay updates and extensions sent, and the switchboard's calls.
 */
export const monthSort = { case: 'CASE#', counted: 'REF#', message: 'MSG#', sent: 'SENT#', call: 'CALL#' };

const OFFICER = 'OFFICER#';

/** A contact's own partition: the contact, its cases' references (search), then its timeline (SMS opt-outs and opt-ins). */
const contactSort = { contact: '#CONTACT', cases: '#CASES', timeline: 'TL#' };

/** A contact's cases sort by state first, so one prefix finds the open ones. */
export const stateFirst = (state: CaseState) => `${state}#`;

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
  /** A case counted in a month other than its month of receipt (an answer, a stage, the repair done). */
  countedIn: (ref: string, month: string): Key => ({ pk: partition.case(ref), sk: `${caseSort.countedIn}${month}` }),
  /** A call the phone system recorded: one item per call id. */
  call: (callId: string): Key => ({ pk: `CALL#${boundedKeyPart(callId)}`, sk: '#CALL' }),
  /** A search token (hashed) of a case, or of a contact (`contactId`), in its owner's partition. */
  searchToken: (owner: { ref: string } | { contactId: string }, hash: string): Key => ({
    pk: 'ref' in owner ? partition.case(owner.ref) : partition.contact(owner.contactId),
    sk: `${caseSort.search}${hash}`,
  }),
  /** The case's entry in one queue (its owner's, its team's, everyone's) in one of the other orders. */
  queueEntry: (ref: string, queue: QueueScope, sort: Exclude<QueueSort, 'due'>): Key => ({
    pk: partition.case(ref),
    sk: `${caseSort.queueEntry}${queue}#${sort}`,
  }),
  /** A notice claimed for sending: the same key is never sent twice on a case. */
  notice: (ref: string, key: string): Key => ({ pk: partition.case(ref), sk: `${caseSort.notice}${key}` }),
  officerEmailDue: (ref: string, id: string): Key => ({ pk: partition.case(ref), sk: `${caseSort.officerEmail}${id}` }),
  contact: (id: string): Key => ({ pk: partition.contact(id), sk: contactSort.contact }),
  /** The references and receipt instants of a contact's cases, one item a search reads many of at once. */
  contactCases: (contactId: string): Key => ({ pk: partition.contact(contactId), sk: contactSort.cases }),
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
  /** One item of an officer's inbox, newest last in its partition. */
  notification: (officerId: string, state: NotificationState, at: string, id: string): Key => ({
    pk: partition.notifications(officerId, state),
    sk: `${at}#${id}`,
  }),
  /** The same item of a case's partition under another case (a merge moves it, sort key unchanged). */
  movedTo: (ref: string, sk: string): Key => ({ pk: partition.case(ref), sk }),
  /** Where the timers' sweep got to in the open cases (cloud): one item. */
  sweepCursor: (): Key => ({ pk: 'SWEEP#timers', sk: '#CURSOR' }),
  /**
   * One record's hold on a blob that records may share (`blob-refs.ts`): the blob's
   * partition, one item per holder (`blobHolder.*`), so whether any other holder
   * remains is one bounded Query.
   */
  blobRef: (blobKey: string, holder: string): Key => ({ pk: partition.blob(blobKey), sk: holder }),
  /** A blob's tombstone: an erasure is deleting it or deleted it; ingest's writes check it is absent. */
  blobGone: (blobKey: string): Key => ({ pk: partition.blob(blobKey), sk: '#GONE' }),
  /** How far counting the references of records written before references existed has got: one item. */
  blobRefsCount: (): Key => ({ pk: 'BLOB-REFS', sk: '#COUNT' }),
};

/** Who holds a blob: the sort keys of a blob's references. */
export const blobHolder = {
  case: (ref: string) => partition.case(ref),
  /** A contact's own timeline (an SMS opt-out keeps the text's raw payload). */
  contact: (id: string) => partition.contact(id),
  automated: (at: string, id: string) => `${partition.automated}#${at}#${id}`,
  quarantine: (id: string) => `${partition.quarantine}#${id}`,
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
  /** Quarantine entries that arrived before an instant (their sort key starts with it): retention. */
  quarantineBefore: (at: string) => keyCondition(undefined, partition.quarantine, { atMost: at }),
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
  /** Every case of a contact (the sort key starts with the state, then the last message). */
  casesOfContact: (contactId: string) => keyCondition(INDEXES.byContact, partition.contact(contactId)),
  notifications: (officerId: string, state: NotificationState) =>
    keyCondition(undefined, partition.notifications(officerId, state)),
  teamRequests: (department: string, status: 'open' | 'done') =>
    keyCondition(INDEXES.byTeam, partition.teamRequests(department, status)),
  month: (month: string) => keyCondition(INDEXES.byMonth, partition.month(month)),
  wakeUps: () => keyCondition(undefined, partition.wakeUps),
  /** A case's own search tokens and its queue entries, in its partition (`reindexLookups` compares them). */
  caseSearchTokens: (ref: string) => keyCondition(undefined, partition.case(ref), { beginsWith: caseSort.search }),
  caseQueueEntries: (ref: string) => keyCondition(undefined, partition.case(ref), { beginsWith: caseSort.queueEntry }),
  /** A contact's own search tokens (erasure deletes them: a hash of a name still finds the person). */
  contactSearchTokens: (contactId: string) =>
    keyCondition(undefined, partition.contact(contactId), { beginsWith: caseSort.search }),
  /** The cases (newest first with `ScanIndexForward: false`) or the contacts that carry a search token. */
  searchToken: (hash: string, owner: 'case' | 'contact') =>
    keyCondition(INDEXES.byLookup, partition.searchToken(hash), { beginsWith: owner === 'case' ? 'C#' : 'P#' }),
  /** A queue in due order on its own index, or in another order on `byLookup`. */
  queue: (selector: QueueSelector, state: CaseState, sort: QueueSort = 'due') => {
    const own = queuePartition(selector, state);
    if (sort === 'due') {
      const index =
        selector.queue === 'owner' ? INDEXES.byOwner : selector.queue === 'team' ? INDEXES.byTeam : INDEXES.byState;
      return keyCondition(index, own);
    }
    return keyCondition(INDEXES.byLookup, partition.queueOrder(sort, own));
  },
  /** Every holder of a blob (erasure asks whether one besides its own remains). */
  blobRefs: (blobKey: string) => keyCondition(undefined, partition.blob(blobKey)),
  /** '~' sorts after every character of a case reference, so `<at>#~` bounds every wake-up at `at`. */
  wakeUpsUpTo: (at: string) => keyCondition(undefined, partition.wakeUps, { atMost: keys.wakeUpDue(at, '~').sk }),
};

/** What an item of a case's partition holds, from its sort key. */
export function caseItemKind(
  sk: string,
): 'case' | 'message' | 'timeline' | 'request' | 'notice' | 'officer-email' | 'search' | 'queue-entry' | undefined {
  if (sk === caseSort.case) return 'case';
  if (sk.startsWith(caseSort.officerEmail)) return 'officer-email';
  if (sk.startsWith(caseSort.search)) return 'search';
  if (sk.startsWith(caseSort.queueEntry)) return 'queue-entry';
  if (sk.startsWith(caseSort.notice)) return 'notice';
  if (sk.startsWith(caseSort.message)) return 'message';
  if (sk.startsWith(caseSort.timeline)) return 'timeline';
  if (sk.startsWith(caseSort.request)) return 'request';
  return undefined;
}

export const KEY_ATTRIBUTES = [
  PARTITION_KEY,
  SORT_KEY,
  ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey]),
  'entity',
  'expiresAt',
  // What queue pages filter on, flattened onto the case item (`caseIndexAttributes`).
  'workKind',
  'repairPriority',
  'hazardKind',
];

/** The three queues a case can be in. */
export type QueueScope = 'owner' | 'team' | 'all';

export function queuePartition(selector: QueueSelector, state: CaseState): string {
  if (selector.queue === 'owner') return partition.owner(selector.ownerId, state);
  if (selector.queue === 'team') return partition.team(selector.teamId, state);
  return partition.allCases(state);
}
