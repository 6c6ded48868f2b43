/**
 * The index attributes and lookup items written with a case (ElectroDB-style, as
 * `keys.ts`): its queue entries, search tokens and secondary-index places, built
 * from the partitions and sort keys `keys.ts` names, so a write and its read agree.
 */
import {
  type Case,
  type DepartmentRequest,
  isHoursTarget,
  priorityRank,
  type QueueSelector,
  type QueueSort,
  standingHazard,
  wallClock,
  workKind,
} from '@housing-inbox/core';
import { type CaseState, keys, monthSort, partition, type QueueScope, queuePartition, stateFirst } from './keys.js';
import { INDEXES, type IndexDefinition } from './schema.js';

/** The queues' other orders, and which way each reads: newest received or active first, most pressing first. */
export const QUEUE_ORDERS = {
  due: { forward: true },
  received: { forward: false },
  activity: { forward: false },
  priority: { forward: true },
} as const satisfies Record<QueueSort, { forward: boolean }>;

/** What a queue page filters on, flat, on the case item and on each of its queue entries. */
export function queueFilterAttributes(kase: Case): Record<string, string> {
  const priority = kase.classification.category === 'repair' ? kase.classification.priority : undefined;
  const hazard = standingHazard(kase);
  return {
    workKind: workKind(kase),
    ...(priority ? { repairPriority: priority } : {}),
    ...(hazard ? { hazardKind: hazard } : {}),
  };
}

/**
 * The case's queue entries: for its owner's (when owned), its team's and everyone's
 * queue, one item per other order, keyed by `keys.queueEntry`, each carrying what a
 * page filters on and the case's `contactId` (an id, never the contact's details), so a
 * page reads its cases and their contacts in one BatchGetItem. Rewritten with the case
 * whenever one of them changes; `npx inbox reindex` adds `contactId` to older entries.
 */
export function queueEntries(kase: Case): Record<string, unknown>[] {
  const state: CaseState = kase.status === 'closed' ? 'closed' : 'open';
  const scopes: [QueueScope, QueueSelector][] = [
    ['team', { queue: 'team', teamId: kase.teamId }],
    ['all', { queue: 'all' }],
    ...(kase.ownerId ? [['owner', { queue: 'owner', ownerId: kase.ownerId }] as [QueueScope, QueueSelector]] : []),
  ];
  const order: Record<Exclude<QueueSort, 'due'>, string> = {
    received: `${kase.receivedAt}#${kase.ref}`,
    activity: `${kase.lastMessageAt}#${kase.ref}`,
    priority: `${priorityRank(kase)}#${dueSortKey(kase)}#${kase.ref}`,
  };
  const filters = { ...queueFilterAttributes(kase), channel: kase.channel, status: kase.status };
  return scopes.flatMap(([scope, selector]) =>
    (Object.keys(order) as Exclude<QueueSort, 'due'>[]).map((sort) => ({
      ...keys.queueEntry(kase.ref, scope, sort),
      ...onIndex(INDEXES.byLookup, partition.queueOrder(sort, queuePartition(selector, state)), order[sort]),
      entity: 'queue-entry',
      ref: kase.ref,
      contactId: kase.contactId,
      ...filters,
    })),
  );
}

/** A search token item: on `byLookup` under the token's hash, sorted newest case first, contacts apart. */
export function searchTokenItem(
  owner: { ref: string; receivedAt: string } | { contactId: string },
  hash: string,
  field: string,
): Record<string, unknown> {
  const sort = 'ref' in owner ? `C#${owner.receivedAt}#${owner.ref}` : `P#${owner.contactId}`;
  return {
    ...keys.searchToken(owner, hash),
    ...onIndex(INDEXES.byLookup, partition.searchToken(hash), sort),
    entity: 'search-token',
    ...('ref' in owner ? { ref: owner.ref } : { contactId: owner.contactId }),
    field,
  };
}

/** One case in its contact's `contactCasesItem`: `<receivedAt>#<ref>`, so the newest sort last. */
export const contactCaseEntry = (kase: Pick<Case, 'ref' | 'receivedAt'>): string => `${kase.receivedAt}#${kase.ref}`;

/**
 * The contact's cases as one item (`keys.contactCases`): a string set `cases` of
 * `contactCaseEntry`, which a search reads for many contacts in one BatchGetItem instead
 * of one Query per contact. The write path adds to the set (`ADD`, `lookup-writes.ts`);
 * this whole item is what a bulk load puts. Undefined for no case (DynamoDB has no empty set).
 * An entry is ~40 bytes: one contact's set stays under DynamoDB's 400 KB item limit up to about
 * 9,000 cases (a known limit; no resident comes near it).
 */
export function contactCasesItem(
  contactId: string,
  cases: Pick<Case, 'ref' | 'receivedAt'>[],
): Record<string, unknown> | undefined {
  if (cases.length === 0) return undefined;
  return {
    ...keys.contactCases(contactId),
    entity: 'contact-cases',
    contactId,
    cases: new Set(cases.map(contactCaseEntry)),
  };
}

/** An item's place on a secondary index. */
export function onIndex(index: IndexDefinition, pk: string, sk: string): Record<string, string> {
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

/** The index attributes of a case item: which queues and which month's report it appears in. */
export function caseIndexAttributes(kase: Case, timeZone = 'Europe/London'): Record<string, string> {
  const state: CaseState = kase.status === 'closed' ? 'closed' : 'open';
  const order = `${dueSortKey(kase)}#${kase.ref}`;
  return {
    ...queueFilterAttributes(kase),
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
