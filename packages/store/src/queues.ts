/** The officers' queues (mine, my team, everyone's) in the order asked, filtered, and the departments' request queues. */
import type {
  Case,
  Contact,
  DepartmentRequest,
  QueueFilter,
  QueuePage,
  QueueSelector,
  QueueSort,
} from '@housing-inbox/core';
import { QUEUE_ORDERS } from './index-keys.js';
import { keys, queries } from './keys.js';
import { decodeCursor, encodeCursor, type Item, strip, type Table } from './table.js';

/**
 * How many index items one page may read while filters skip past cases that do not
 * match: the cost of a page stays bounded whatever the table holds. A page that
 * reaches it comes back short, with a cursor to read on from.
 */
export const QUEUE_READ_BUDGET = 1000;

/** A FilterExpression over the flat attributes the case item and its queue entries both carry. */
function filterExpression(filter: QueueFilter = {}) {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equal = (attribute: string, value: string) => {
    names[`#f_${attribute}`] = attribute;
    values[`:f_${attribute}`] = value;
    parts.push(`#f_${attribute} = :f_${attribute}`);
  };
  if (filter.kind) equal('workKind', filter.kind);
  if (filter.priority) equal('repairPriority', filter.priority);
  if (filter.channel) equal('channel', filter.channel);
  if (filter.status) equal('status', filter.status);
  if (filter.hazard === 'any') {
    names['#f_hazardKind'] = 'hazardKind';
    parts.push('attribute_exists(#f_hazardKind)');
  } else if (filter.hazard) equal('hazardKind', filter.hazard);
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

/**
 * The cases a page of queue entries names, in the entries' order, and their contacts: one
 * BatchGetItem for both (50 cases and at most 50 contacts on a page of 50; DynamoDB takes 100
 * keys a request). An entry written before it carried `contactId` has its contact left for the
 * caller to read (`npx inbox reindex` brings such entries up to date).
 */
async function casesOfEntries(table: Table, entries: Item[]): Promise<Pick<QueuePage, 'items' | 'contacts'>> {
  if (entries.length === 0) return { items: [], contacts: new Map() };
  const refs = entries.map((i) => String(i.ref));
  const contactIds = entries.flatMap((i) => (typeof i.contactId === 'string' ? [i.contactId] : []));
  const caseKeys = refs.map((ref) => keys.case(ref));
  const id = (key: Item) => `${key.pk}\u0000${key.sk}`;
  const isCase = new Set(caseKeys.map(id));
  const read = await table.getItems([...caseKeys, ...contactIds.map((contactId) => keys.contact(contactId))]);
  const cases = new Map<string, Case>();
  const contacts = new Map<string, Contact>();
  for (const item of read) {
    if (isCase.has(id(item))) {
      const kase = strip<Case>(item);
      cases.set(kase.ref, kase);
    } else {
      const contact = strip<Contact>(item);
      contacts.set(contact.id, contact);
    }
  }
  // A reference whose case is gone is left out, each case once.
  const items = [...new Set(refs)].map((ref) => cases.get(ref)).filter((c): c is Case => c !== undefined);
  return { items, contacts };
}

export class Queues {
  constructor(private readonly table: Table) {}

  /**
   * One page, `limit` cases at most (50 by default, 200 at most), in the order asked:
   * `due` reads the queue's own index (nearest target first); the other orders read the
   * case's queue entries on `byLookup` and then the cases. Filters are applied by
   * DynamoDB as it reads, at most `QUEUE_READ_BUDGET` items a page.
   */
  async listQueue(
    selector: QueueSelector,
    options: {
      limit?: number;
      cursor?: string;
      status?: 'open' | 'closed';
      sort?: QueueSort;
      filter?: QueueFilter;
    } = {},
  ): Promise<QueuePage> {
    const state = options.status ?? 'open';
    const sort = options.sort ?? 'due';
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const condition = queries.queue(selector, state, sort);
    const filter = filterExpression(options.filter);
    const found: Item[] = [];
    let start: Item | undefined = options.cursor ? decodeCursor(options.cursor) : undefined;
    let read = 0;
    do {
      const out = await this.table.query(
        filter
          ? {
              ...condition,
              ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, ...filter.names },
              ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...filter.values },
            }
          : condition,
        {
          // Never more than the page still needs: the cursor then points exactly after the last case shown.
          Limit: limit - found.length,
          ScanIndexForward: QUEUE_ORDERS[sort].forward,
          ExclusiveStartKey: start,
          ...(filter ? { FilterExpression: filter.expression } : {}),
        },
      );
      found.push(...(out.Items ?? []));
      read += out.ScannedCount ?? out.Items?.length ?? 0;
      start = out.LastEvaluatedKey;
    } while (start && found.length < limit && read < QUEUE_READ_BUDGET);
    const next = start ? encodeCursor(start) : null;
    if (sort === 'due') return { items: found.map((i) => strip<Case>(i)), next };
    return { ...(await casesOfEntries(this.table, found)), next };
  }

  async countOpenCases(ownerId: string): Promise<number> {
    let count = 0;
    let start: Item | undefined;
    do {
      const out = await this.table.query(queries.ownerQueue(ownerId, 'open'), {
        Select: 'COUNT',
        ExclusiveStartKey: start,
      });
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
  }

  async listTeamRequests(department: string, status: 'open' | 'done' = 'open'): Promise<DepartmentRequest[]> {
    const items = await this.table.queryAll(queries.teamRequests(department, status));
    return items.map((i) => strip<DepartmentRequest>(i));
  }
}
