/**
 * A local month's activity, from the month index (the monthly report, and the
 * regulator return's twelve months): bounded Query pages of the month's
 * partition, then the whole case records it names in BatchGetItem pages of 100.
 * The cost grows with the month's activity, never with the table.
 */
import type { CallRecord, Case, MonthActivity } from '@housing-inbox/core';
import { type Key, keys, queries } from './keys.js';
import { monthItemKind } from './month-keys.js';
import { INDEXES } from './schema.js';
import { type Item, strip, type Table } from './table.js';

/** Items per Query page of the month index. */
export const MONTH_PAGE_SIZE = 500;

export class Months {
  constructor(private readonly table: Table) {}

  async listMonth(month: string): Promise<MonthActivity> {
    const refs = new Set<string>();
    const activity: MonthActivity = { cases: [], messages: [], sent: [], calls: [] };
    let start: Item | undefined;
    do {
      const page = await this.table.query(queries.month(month), { Limit: MONTH_PAGE_SIZE, ExclusiveStartKey: start });
      for (const item of page.Items ?? []) this.#take(item, refs, activity);
      start = page.LastEvaluatedKey;
    } while (start);
    const found = await this.table.getMany<Case>([...refs].map((ref): Key => keys.case(ref)));
    activity.cases = found.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    return activity;
  }

  #take(item: Item, refs: Set<string>, activity: MonthActivity) {
    const kind = monthItemKind(item);
    if (kind === 'case') refs.add(String(item.ref));
    else if (kind === 'counted') refs.add(String(item.caseRef));
    else if (kind === 'message') activity.messages.push(strip<MonthActivity['messages'][number]>(item));
    else if (kind === 'call') activity.calls.push(item.logged as CallRecord);
    else if (kind === 'sent') {
      // SENT#<purpose>#<at>#<id>
      const [, purpose, at] = String(item[INDEXES.byMonth.sortKey]).split('#');
      activity.sent.push({
        caseRef: String(item.caseRef),
        purpose: purpose as MonthActivity['sent'][number]['purpose'],
        at: String(at),
      });
    }
  }
}
