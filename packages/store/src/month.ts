/**
 * A local month's activity, from the month index (the monthly report, and the
 * regulator return's twelve months): bounded Query pages of the month's
 * partition, then the whole case records it names in BatchGetItem pages of 100.
 * The cost grows with the month's activity, never with the table.
 *
 * For the month-end figures (`monthEnd: true`) also the cases still open, from
 * the open-cases queue (`CASES#open` on gsi3, whole items) in pages of
 * `MONTH_PAGE_SIZE`: a case open at a month end it has not been written since
 * has no marker under that month yet (`core/reports/month-end.ts`). That read
 * grows with the cases not closed (awaiting an answer, or answered and not yet
 * closed: the managers' "all" queue), not with the table's history; of those,
 * the ones still awaiting an answer and received before the month ended are kept.
 */
import { type CallRecord, type Case, type MonthActivity, monthEndInstant } from '@housing-inbox/core';
import { type Key, keys, queries } from './keys.js';
import { monthItemKind } from './month-keys.js';
import { INDEXES } from './schema.js';
import { type Item, strip, type Table } from './table.js';

/** Items per Query page of the month index. */
export const MONTH_PAGE_SIZE = 500;

export class Months {
  constructor(private readonly table: Table) {}

  async listMonth(month: string, options: { monthEnd?: boolean; timeZone?: string } = {}): Promise<MonthActivity> {
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
    if (options.monthEnd) activity.stillOpen = await this.#stillOpen(month, refs, options.timeZone ?? 'Europe/London');
    return activity;
  }

  /** Open cases received before the month ended and not already among the month's cases. */
  async #stillOpen(month: string, refs: Set<string>, timeZone: string): Promise<Case[]> {
    const end = monthEndInstant(month, timeZone).toISOString();
    const open: Case[] = [];
    let start: Item | undefined;
    do {
      const page = await this.table.query(queries.allCases('open'), {
        Limit: MONTH_PAGE_SIZE,
        ExclusiveStartKey: start,
      });
      for (const item of page.Items ?? []) {
        const kase = strip<Case>(item);
        // Only those still awaiting their answer: one answered since was filed under the month ends it spanned.
        if (!refs.has(kase.ref) && !kase.respondedAt && kase.receivedAt < end) open.push(kase);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return open;
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
