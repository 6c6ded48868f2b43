/**
 * Time to Live, which dynalite does not have: UpdateTimeToLive and
 * DescribeTimeToLive are answered here, the settings are kept (in a JSON file
 * next to the data on disk), and a sweeper deletes items whose TTL attribute —
 * a Number of epoch seconds — is in the past. Like DynamoDB, expired items stay
 * readable until a sweep removes them, attributes that are not Numbers are
 * ignored, and so are times more than five years in the past.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { DynamoError, validation, type WireBody } from './errors.js';
import type { Item, SchemaCache } from './schema.js';
import type { DynaliteWire } from './wire.js';

const FIVE_YEARS_S = 5 * 365 * 24 * 60 * 60;

export class TtlSettings {
  private readonly byTable = new Map<string, string>();

  constructor(private readonly file?: string) {}

  async load(): Promise<void> {
    if (!this.file) return;
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
      for (const [table, attribute] of Object.entries(saved)) this.byTable.set(table, attribute);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(this.byTable), null, 2));
    await rename(tmp, this.file);
  }

  attributeOf(table: string): string | undefined {
    return this.byTable.get(table);
  }

  tables(): [string, string][] {
    return [...this.byTable];
  }

  async forget(table: string): Promise<void> {
    if (this.byTable.delete(table)) await this.save();
  }

  /** UpdateTimeToLive, after the caller has checked that the table exists. */
  async update(input: WireBody): Promise<WireBody> {
    const table = String(input.TableName);
    const spec = input.TimeToLiveSpecification as { Enabled?: unknown; AttributeName?: unknown } | undefined;
    const errors: string[] = [];
    if (!spec || typeof spec !== 'object') {
      errors.push("Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
    } else {
      if (typeof spec.Enabled !== 'boolean')
        errors.push(
          "Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null",
        );
      if (typeof spec.AttributeName !== 'string' || spec.AttributeName.length < 1 || spec.AttributeName.length > 255)
        errors.push(
          `Value '${String(spec.AttributeName ?? null)}' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length between 1 and 255`,
        );
    }
    if (errors.length > 0)
      throw validation(
        `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
      );
    const { Enabled, AttributeName } = spec as { Enabled: boolean; AttributeName: string };
    const current = this.byTable.get(table);
    if (Enabled) {
      if (current !== undefined) throw validation('TimeToLive is already enabled');
      this.byTable.set(table, AttributeName);
    } else {
      if (current === undefined) throw validation('TimeToLive is already disabled');
      this.byTable.delete(table);
    }
    await this.save();
    return { TimeToLiveSpecification: { Enabled, AttributeName } };
  }

  describe(table: string): WireBody {
    const attribute = this.byTable.get(table);
    return {
      TimeToLiveDescription:
        attribute === undefined
          ? { TimeToLiveStatus: 'DISABLED' }
          : { TimeToLiveStatus: 'ENABLED', AttributeName: attribute },
    };
  }
}

/**
 * Where a budgeted sweep (`SweepBudget`) stopped, per table: the next sweep goes on from there
 * and starts the table again once it reached the end.
 */
export type SweepCursors = Map<string, Item | undefined>;

/**
 * How much one periodic sweep may read: `items` evaluated in all (Scan's `ScannedCount`), in
 * pages of `pageSize`, going on from `cursors`. Like DynamoDB, which deletes expired items in
 * the background "within a few days", a large table is covered over several sweeps instead of
 * read whole every minute — a whole-table Scan a minute, each page holding the table, made every
 * request wait behind it at 100,000 cases (`bench/README.md`).
 */
export interface SweepBudget {
  items: number;
  pageSize: number;
  cursors: SweepCursors;
}

/**
 * Deletes expired items of every table with TTL enabled; each page runs holding the table
 * exclusively. Without `budget` every table is read to its end (what `sweepExpiredItems()`
 * does); with it, at most `budget.items` items are read and the place is kept in its cursors.
 * Answers the number of items deleted.
 */
export async function sweepExpired(
  wire: DynaliteWire,
  schemas: SchemaCache,
  settings: TtlSettings,
  exclusive: <T>(table: string, work: () => Promise<T>) => Promise<T>,
  nowMs: number,
  budget?: SweepBudget,
): Promise<number> {
  const now = Math.floor(nowMs / 1000);
  let deleted = 0;
  let left = budget?.items ?? Number.POSITIVE_INFINITY;
  for (const [table, attribute] of settings.tables()) {
    if (left <= 0) break;
    let schema: Awaited<ReturnType<SchemaCache['get']>>;
    try {
      schema = await schemas.get(table);
    } catch (err) {
      if (err instanceof DynamoError && err.code === 'ResourceNotFoundException') continue;
      throw err;
    }
    // The TTL attribute plus the key, each named once (a path may not appear twice in a projection).
    const names: Record<string, string> = { '#ttl': attribute };
    schema.key.forEach((k, i) => {
      if (k.name !== attribute) names[`#k${i}`] = k.name;
    });
    let startKey: Item | undefined = budget?.cursors.get(table);
    do {
      const limit = budget ? Math.min(budget.pageSize, left) : undefined;
      startKey = await exclusive(table, async () => {
        const page = await wire.call<{ Items?: Item[]; LastEvaluatedKey?: Item; ScannedCount?: number }>('Scan', {
          TableName: table,
          ConsistentRead: true,
          FilterExpression: '#ttl <= :now AND #ttl >= :oldest',
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':now': { N: String(now) }, ':oldest': { N: String(now - FIVE_YEARS_S) } },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          ...(limit !== undefined ? { Limit: limit } : {}),
        });
        left -= page.ScannedCount ?? page.Items?.length ?? 0;
        for (const item of page.Items ?? []) {
          const key = Object.fromEntries(schema.key.map((k) => [k.name, item[k.name]]));
          try {
            await wire.call('DeleteItem', {
              TableName: table,
              Key: key,
              // Deletes only if nobody moved the expiry since the scan.
              ConditionExpression: '#ttl = :seen',
              ExpressionAttributeNames: { '#ttl': attribute },
              ExpressionAttributeValues: { ':seen': item[attribute] },
            });
            deleted += 1;
          } catch (err) {
            if (!(err instanceof DynamoError && err.code === 'ConditionalCheckFailedException')) throw err;
          }
        }
        return page.LastEvaluatedKey;
      });
      // Between pages other requests get the table (and the event loop) back.
      if (startKey && budget) await new Promise((resolve) => setImmediate(resolve));
    } while (startKey && left > 0);
    budget?.cursors.set(table, startKey);
  }
  return deleted;
}
