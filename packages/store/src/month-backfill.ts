/**
 * The month index rebuilt from the case record (`npx inbox report backfill`):
 * for records written before a case was filed under every month it counts in
 * or was open at the end of. Each case's markers come from `countedInItems`,
 * the function every case write uses, so a rebuilt case and a case written
 * today are filed alike; its own and its messages' month keys are set again
 * from `caseIndexAttributes` and `messageIndexAttributes`. Puts and updates of
 * the same values: running it twice leaves the same index (and figures).
 *
 * Cases are walked a bounded page at a time on the state queues (`CASES#open`,
 * then `CASES#closed`, gsi3): never a Scan.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BackfillPage, Case, CaseMessage } from '@housing-inbox/core';
import { caseIndexAttributes, localMonth } from './index-keys.js';
import { type CaseState, caseItemKind, queries } from './keys.js';
import { countedInItems, messageIndexAttributes } from './month-keys.js';
import { INDEXES } from './schema.js';
import { decodeCursor, encodeCursor, type Item, strip, type Table } from './table.js';

/** Cases per page of the walk (each page then reads and writes each case's own partition). */
export const BACKFILL_PAGE_SIZE = 25;

const STATES: CaseState[] = ['open', 'closed'];
const { partitionKey, sortKey } = INDEXES.byMonth;

export class MonthBackfill {
  constructor(
    private readonly table: Table,
    private readonly timeZone: string,
  ) {}

  /** See `CaseRepository.rebuildMonthIndex`. */
  async rebuildMonthIndex(ref: string): Promise<number> {
    const items = await this.table.queryAll(queries.caseHistory(ref), { ConsistentRead: true });
    const caseItem = items.find((i) => caseItemKind(String(i.sk)) === 'case');
    if (!caseItem) return 0;
    const kase = strip<Case>(caseItem);
    await this.#setMonthKeys(caseItem, caseIndexAttributes(kase, this.timeZone));
    for (const item of items.filter((i) => caseItemKind(String(i.sk)) === 'message')) {
      await this.#setMonthKeys(item, messageIndexAttributes(strip<CaseMessage>(item), this.timeZone));
    }
    const markers = countedInItems(kase, this.timeZone);
    await this.table.putMany(markers);
    return markers.length;
  }

  /** One page of the walk; `from` (YYYY-MM) leaves cases received earlier as they are. */
  async page(options: { from?: string; cursor?: string; limit?: number } = {}): Promise<BackfillPage> {
    const at = options.cursor ? (decodeCursor(options.cursor) as { state: CaseState; start?: Item }) : undefined;
    const state = at?.state ?? 'open';
    if (!STATES.includes(state)) throw new RangeError('not a backfill cursor');
    const out = await this.table.query(queries.allCases(state), {
      Limit: Math.min(Math.max(options.limit ?? BACKFILL_PAGE_SIZE, 1), 100),
      ExclusiveStartKey: at?.start,
    });
    let cases = 0;
    let markers = 0;
    for (const item of out.Items ?? []) {
      const kase = strip<Case>(item);
      if (options.from && localMonth(kase.receivedAt, this.timeZone) < options.from) continue;
      cases++;
      markers += await this.rebuildMonthIndex(kase.ref);
    }
    const following = STATES[STATES.indexOf(state) + 1];
    const next = out.LastEvaluatedKey
      ? { state, start: out.LastEvaluatedKey }
      : following
        ? { state: following }
        : undefined;
    return { cases, markers, next: next ? encodeCursor(next) : null };
  }

  /** The item's month keys set to what a write today gives it, when they differ (nothing else changes). */
  async #setMonthKeys(item: Item, attributes: Record<string, string>): Promise<void> {
    const pk = attributes[partitionKey];
    const sk = attributes[sortKey];
    if (!pk || !sk || (item[partitionKey] === pk && item[sortKey] === sk)) return;
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET #p = :p, #s = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#p': partitionKey, '#s': sortKey },
        ExpressionAttributeValues: { ':p': pk, ':s': sk },
      }),
    );
  }
}
