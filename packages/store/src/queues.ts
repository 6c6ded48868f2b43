/** The officers' queues (mine, my team, everyone's), nearest target first, and the departments' request queues. */
import type { Case, DepartmentRequest, QueuePage, QueueSelector } from '@housing-inbox/core';
import { queries } from './keys.js';
import { decodeCursor, encodeCursor, type Item, strip, type Table } from './table.js';

export class Queues {
  constructor(private readonly table: Table) {}

  async listQueue(
    selector: QueueSelector,
    options: { limit?: number; cursor?: string; status?: 'open' | 'closed' } = {},
  ): Promise<QueuePage> {
    const state = options.status ?? 'open';
    const condition =
      selector.queue === 'owner'
        ? queries.ownerQueue(selector.ownerId, state)
        : selector.queue === 'team'
          ? queries.teamQueue(selector.teamId, state)
          : queries.allCases(state);
    const out = await this.table.query(condition, {
      Limit: Math.min(Math.max(options.limit ?? 50, 1), 200),
      ExclusiveStartKey: options.cursor ? decodeCursor(options.cursor) : undefined,
    });
    return {
      items: (out.Items ?? []).map((i) => strip<Case>(i)),
      next: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
    };
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
