/**
 * Letters an officer must read (`Case.needsReading`): the open cases on the
 * every-case index (gsi3, nearest target first) that carry the flag.
 *
 * A filter, not an index of their own: DynamoDB counts `Limit` before the
 * filter, so each read asks for no more cases than the page still needs (a
 * page never overfills and the cursor never skips one), and a page stops
 * after READ_BUDGET reads, returning what it found and the cursor to go on.
 * Letters to read are few among open cases; if that changes, a sparse index
 * written by `caseIndexAttributes` (`LETTERS#to-read`) makes this one Query.
 */
import type { Case, QueuePage } from '@housing-inbox/core';
import { queries } from './keys.js';
import { decodeCursor, encodeCursor, type Item, strip, type Table } from './table.js';

/** Reads of one page before it answers with what it has: bounds a request's time on a large queue. */
const READ_BUDGET = 20;

export class LettersToRead {
  constructor(private readonly table: Table) {}

  async list(options: { limit?: number; cursor?: string } = {}): Promise<QueuePage> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const condition = queries.allCases('open');
    const items: Case[] = [];
    let start: Item | undefined = options.cursor ? decodeCursor(options.cursor) : undefined;
    for (let reads = 0; reads < READ_BUDGET && items.length < limit; reads++) {
      const out = await this.table.query(
        { ...condition, ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, '#read': 'needsReading' } },
        { FilterExpression: 'attribute_exists(#read)', Limit: limit - items.length, ExclusiveStartKey: start },
      );
      items.push(...(out.Items ?? []).map((i) => strip<Case>(i)));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return { items, next: start ? encodeCursor(start) : null };
  }
}
