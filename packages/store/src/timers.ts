/**
 * The case timers' items in the case table, all on the base keys (no index
 * sees them). The timers package defines the ports (`WakeUpStore`,
 * `GenerationCounter`); these are their DynamoDB adapters.
 */
import { TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, queries } from './keys.js';
import { type Item, Table, type TableOptions } from './table.js';

/** A case's next wake-up: when (ISO-8601 UTC) and the notice key the workflow waits to send. */
export interface StoredWakeUp {
  caseRef: string;
  at: string;
  key: string;
}

function instant(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an instant: ${at}`);
  return d.toISOString();
}

const wakeUpOf = (item: Item): StoredWakeUp => ({
  caseRef: item.caseRef as string,
  at: item.at as string,
  key: item.key as string,
});

/**
 * The two items of a case's wake-up at `at` (ISO-8601, any offset; stored as UTC) waiting to send
 * `key`: the current one (`TIMER#<ref>` / `#WAKEUP`) and its place in the due list
 * (`WAKEUPS` / `<at>#<ref>`). What `set` writes; seeding (`bench/queue-search.ts`) writes them too,
 * so a seeded open case has its timer parked as one the workflow planned would. RangeError for an
 * `at` that is not an instant.
 */
export function wakeUpItems(caseRef: string, at: string, key: string): { current: Item; due: Item } {
  const when = instant(at);
  const record = { entity: 'wakeup', caseRef, at: when, key };
  return { current: { ...keys.wakeUp(caseRef), ...record }, due: { ...keys.wakeUpDue(when, caseRef), ...record } };
}

/**
 * Two items per case:
 * - `TIMER#<ref>` / `#WAKEUP`: the case's current wake-up (so it can be moved);
 * - `WAKEUPS` / `<at>#<ref>`: the due list, read in order with one Query.
 * They change together in one transaction. One partition holds the due list:
 * fine for the local stack it serves (in the cloud Step Functions holds the waits).
 */
export class DynamoWakeUpRepository {
  readonly #table: Table;

  constructor(options: TableOptions) {
    this.#table = new Table(options);
  }

  /** The case's wake-up, if it has one (strongly consistent). */
  get(caseRef: string): Promise<StoredWakeUp | undefined> {
    return this.#current(caseRef);
  }

  async #current(caseRef: string): Promise<StoredWakeUp | undefined> {
    const item = await this.#table.getItem(keys.wakeUp(caseRef));
    return item ? wakeUpOf(item) : undefined;
  }

  /** Records (or moves) a case's one wake-up. */
  async set(caseRef: string, at: string, key: string): Promise<void> {
    const table = this.#table.name;
    const { current, due } = wakeUpItems(caseRef, at, key);
    const when = due.at as string;
    const old = await this.#current(caseRef);
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Put: {
          TableName: table,
          Item: current,
          // Someone else moved it since we read it: fail rather than leave a stray due entry.
          ConditionExpression: old ? '#at = :oldAt' : 'attribute_not_exists(pk)',
          ExpressionAttributeNames: old ? { '#at': 'at' } : undefined,
          ExpressionAttributeValues: old ? { ':oldAt': old.at } : undefined,
        },
      },
      { Put: { TableName: table, Item: due } },
    ];
    if (old && old.at !== when) {
      items.push({ Delete: { TableName: table, Key: keys.wakeUpDue(old.at, caseRef) } });
    }
    await this.#table.db.send(new TransactWriteCommand({ TransactItems: items }));
  }

  async remove(caseRef: string): Promise<void> {
    const old = await this.#current(caseRef);
    if (!old) return;
    await this.#table.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.#table.name, Key: keys.wakeUp(caseRef) } },
          { Delete: { TableName: this.#table.name, Key: keys.wakeUpDue(old.at, caseRef) } },
        ],
      }),
    );
  }

  /** Wake-ups at or before `now`, soonest first (ties by case reference); one Query of at most `limit` when given. */
  async due(now: Date, limit?: number): Promise<StoredWakeUp[]> {
    const condition = queries.wakeUpsUpTo(now.toISOString());
    if (limit === undefined) return (await this.#table.queryAll(condition, { ConsistentRead: true })).map(wakeUpOf);
    const out = await this.#table.query(condition, { ConsistentRead: true, Limit: limit });
    return (out.Items ?? []).map(wakeUpOf);
  }

  /** Every pending wake-up, soonest first. */
  async all(): Promise<StoredWakeUp[]> {
    return (await this.#table.queryAll(queries.wakeUps(), { ConsistentRead: true })).map(wakeUpOf);
  }
}

/**
 * One item per case: `TIMER#<ref>` / `#GENERATION`, `{ generation: n }`. It has
 * no TTL: were it to expire while the case lives on, the next change would
 * reuse a name Step Functions still remembers (names are unique for 90 days
 * after an execution closes) and the re-plan would be refused.
 */
export class DynamoGenerationCounter {
  /** Ingest reads this item with the case and moves it in the case's transaction (plans.ts `pendingPlanItems`). */
  readonly keptWithCases = true;
  readonly #table: Table;

  constructor(options: TableOptions) {
    this.#table = new Table(options);
  }

  /** The current generation: 1 until the case first changes (caseOpened starts `<ref>-1` without writing). */
  async current(caseRef: string): Promise<number> {
    // Strongly consistent: the new generation's first plan must see the increment that named it.
    const n = (await this.#table.getItem(keys.timerGeneration(caseRef)))?.generation;
    return typeof n === 'number' && n >= 1 ? n : 1;
  }

  /**
   * The generation the case was at when its last change was written with a pending plan
   * (`changeBase`, set in that change's transaction); 0 when no change has been (a new
   * case's pending plan: any execution, all named after the case was written, may clear it).
   */
  async changeBase(caseRef: string): Promise<number> {
    const n = (await this.#table.getItem(keys.timerGeneration(caseRef)))?.changeBase;
    return typeof n === 'number' ? n : 0;
  }

  /** Moves to the next generation atomically and returns it (2 the first time). */
  async next(caseRef: string): Promise<number> {
    // Not a bare `ADD generation 1`: a missing counter means generation 1 (the execution caseOpened
    // started without writing), so the first change must give 2, not 1.
    const out = await this.#table.db.send(
      new UpdateCommand({
        TableName: this.#table.name,
        Key: keys.timerGeneration(caseRef),
        UpdateExpression: 'SET #g = if_not_exists(#g, :one) + :one, #e = :entity, #c = :ref',
        ExpressionAttributeNames: { '#g': 'generation', '#e': 'entity', '#c': 'caseRef' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'timer-generation', ':ref': caseRef },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const n = out.Attributes?.generation;
    if (typeof n !== 'number') throw new Error(`timer generation for ${caseRef} came back as ${String(n)}`);
    return n;
  }
}

/**
 * The timers' sweep's place in the open cases (`SWEEP#timers` / `#CURSOR`,
 * `{ cursor }`): each run checks one page and the next run goes on from here,
 * so the whole queue is covered a page at a time; null or absent is the start.
 */
export class DynamoSweepCursor {
  readonly #table: Table;

  constructor(options: TableOptions) {
    this.#table = new Table(options);
  }

  async get(): Promise<string | undefined> {
    const cursor = (await this.#table.getItem(keys.sweepCursor()))?.cursor;
    return typeof cursor === 'string' && cursor ? cursor : undefined;
  }

  async set(cursor: string | null): Promise<void> {
    await this.#table.write({ ...keys.sweepCursor(), entity: 'sweep-cursor', cursor: cursor ?? '' });
  }
}
