/** The officers' queues (mine, my team, everyone's) in the order asked, filtered, and the departments' request queues. */
import type { Case, DepartmentRequest, QueueFilter, QueuePage, QueueSelector, QueueSort } from '@housing-inbox/core';
import { getCases } from './case-reads.js';
import { QUEUE_ORDERS } from './index-keys.js';
import { queries } from './keys.js';
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
    const items =
      sort === 'due'
        ? found.map((i) => strip<Case>(i))
        : await getCases(
            this.table,
            found.map((i) => String(i.ref)),
          );
    return { items, next: start ? encodeCursor(start) : null };
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
