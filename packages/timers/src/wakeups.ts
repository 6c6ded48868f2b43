/**
 * Port: each case's next wake-up, kept where a restart cannot lose it. The
 * local runner's executions live in memory, so the instant each one waits for
 * is written here and read back on start. (In the cloud Step Functions keeps
 * the waits; nothing needs this there.)
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';

export interface WakeUp {
  caseRef: string;
  /** ISO-8601 UTC instant. */
  at: string;
  /** The notice key the workflow waits to send, for operators. */
  key: string;
}

export interface WakeUpStore {
  /** Records (or moves) a case's one wake-up. */
  set(caseRef: string, at: string, key: string): Promise<void>;
  remove(caseRef: string): Promise<void>;
  /** Wake-ups at or before `now`, soonest first (ties by case reference). */
  due(now: Date): Promise<WakeUp[]>;
  /** Every pending wake-up, soonest first. */
  all(): Promise<WakeUp[]>;
}

function normalise(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an instant: ${at}`);
  return d.toISOString();
}

function bySoonest(a: WakeUp, b: WakeUp): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.caseRef < b.caseRef ? -1 : a.caseRef > b.caseRef ? 1 : 0;
}

export class InMemoryWakeUpStore implements WakeUpStore {
  readonly #byCase = new Map<string, WakeUp>();

  async set(caseRef: string, at: string, key: string): Promise<void> {
    this.#byCase.set(caseRef, { caseRef, at: normalise(at), key });
  }

  async remove(caseRef: string): Promise<void> {
    this.#byCase.delete(caseRef);
  }

  async due(now: Date): Promise<WakeUp[]> {
    const limit = now.toISOString();
    return (await this.all()).filter((w) => w.at <= limit);
  }

  async all(): Promise<WakeUp[]> {
    return [...this.#byCase.values()].map((w) => ({ ...w })).sort(bySoonest);
  }
}

export interface DynamoWakeUpStoreOptions {
  tableName: string;
  /** A DynamoDB client (tests, the local stack); one is built from the environment otherwise. */
  awsSdkV3Client?: DynamoDBClient;
}

/**
 * Two items per case in the single table, both on the base keys (pk/sk):
 * - `TIMER#<ref>` / `#WAKEUP`: the case's current wake-up (so it can be moved);
 * - `WAKEUPS` / `<at>#<ref>`: the due list, read in order with one Query.
 * They change together in one transaction. One partition holds the due list:
 * fine for the local stack it serves (in the cloud Step Functions holds the waits).
 */
export class DynamoWakeUpStore implements WakeUpStore {
  readonly #table: string;
  readonly #db: DynamoDBDocumentClient;

  constructor(options: DynamoWakeUpStoreOptions) {
    this.#table = options.tableName;
    this.#db = DynamoDBDocumentClient.from(options.awsSdkV3Client ?? new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  static readonly keys = {
    current: (caseRef: string) => ({ pk: `TIMER#${caseRef}`, sk: '#WAKEUP' }),
    due: (at: string, caseRef: string) => ({ pk: 'WAKEUPS', sk: `${at}#${caseRef}` }),
  };

  async #current(caseRef: string): Promise<WakeUp | undefined> {
    const got = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: DynamoWakeUpStore.keys.current(caseRef), ConsistentRead: true }),
    );
    const item = got.Item;
    return item ? { caseRef: item.caseRef as string, at: item.at as string, key: item.key as string } : undefined;
  }

  async set(caseRef: string, at: string, key: string): Promise<void> {
    const when = normalise(at);
    const old = await this.#current(caseRef);
    const record = { entity: 'wakeup', caseRef, at: when, key };
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Put: {
          TableName: this.#table,
          Item: { ...DynamoWakeUpStore.keys.current(caseRef), ...record },
          // Someone else moved it since we read it: fail rather than leave a stray due entry.
          ConditionExpression: old ? '#at = :oldAt' : 'attribute_not_exists(pk)',
          ExpressionAttributeNames: old ? { '#at': 'at' } : undefined,
          ExpressionAttributeValues: old ? { ':oldAt': old.at } : undefined,
        },
      },
      { Put: { TableName: this.#table, Item: { ...DynamoWakeUpStore.keys.due(when, caseRef), ...record } } },
    ];
    if (old && old.at !== when) {
      items.push({ Delete: { TableName: this.#table, Key: DynamoWakeUpStore.keys.due(old.at, caseRef) } });
    }
    await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
  }

  async remove(caseRef: string): Promise<void> {
    const old = await this.#current(caseRef);
    if (!old) return;
    await this.#db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.#table, Key: DynamoWakeUpStore.keys.current(caseRef) } },
          { Delete: { TableName: this.#table, Key: DynamoWakeUpStore.keys.due(old.at, caseRef) } },
        ],
      }),
    );
  }

  async due(now: Date): Promise<WakeUp[]> {
    // '~' sorts after every character of a case reference, so `<now>#~` bounds everything at `now`.
    return this.#query({
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
      ExpressionAttributeValues: { ':pk': 'WAKEUPS', ':upTo': `${now.toISOString()}#~` },
      ConsistentRead: true,
    });
  }

  async all(): Promise<WakeUp[]> {
    return this.#query({
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'WAKEUPS' },
      ConsistentRead: true,
    });
  }

  async #query(input: QueryCommandInput): Promise<WakeUp[]> {
    const out: WakeUp[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        out.push({ caseRef: item.caseRef as string, at: item.at as string, key: item.key as string });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
