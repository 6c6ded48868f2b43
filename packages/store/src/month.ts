/** A local month's cases and inbound messages, from the month index (the monthly and regulator reports). */
import type { MonthActivity } from '@housing-inbox/core';
import { monthItemKind, queries } from './keys.js';
import { strip, type Table } from './table.js';

export class Months {
  constructor(private readonly table: Table) {}

  async listMonth(month: string): Promise<MonthActivity> {
    const items = await this.table.queryAll(queries.month(month));
    const of = (kind: 'case' | 'message') => items.filter((i) => monthItemKind(i) === kind);
    return {
      cases: of('case').map((i) => strip<MonthActivity['cases'][number]>(i)),
      messages: of('message').map((i) => strip<MonthActivity['messages'][number]>(i)),
    };
  }
}
