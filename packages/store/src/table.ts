/**
 * The single table as every part of the store uses it: one document client,
 * the table's name, and the reads and transaction every access pattern shares.
 */
import { DynamoDBClient, type DynamoDBClientConfig, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { BlobGoneError, DuplicateDeliveryError, type PageOptions, WriteConflictError } from '@housing-inbox/core';
import { KEY_ATTRIBUTES, type Key, type KeyCondition } from './keys.js';

export interface TableOptions {
  tableName: string;
  /** An existing client (tests, or one built once per Lambda container); built from `clientConfig` otherwise. */
  awsSdkV3Client?: DynamoDBDocumentClient | DynamoDBClient;
  clientConfig?: DynamoDBClientConfig;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Why each transaction item is there, so a cancellation maps to the right error. */
export type Role = 'delivery' | 'contact' | 'claim' | 'case' | 'counter' | 'blob' | 'other';

/**
 * DynamoDB refused the write itself (a key or item too large, an invalid value):
 * the same write fails the same way every time, so it is not retried.
 */
export class StoreRefusedError extends Error {
  override name = 'StoreRefusedError';
}

export type Item = Record<string, unknown>;

/** Query options besides the key condition (and the table, which the Table adds). */
type QueryOptions = Omit<
  QueryCommandInput,
  'TableName' | 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

export const notExists = 'attribute_not_exists(pk)';

export function documentClient(client: DynamoDBDocumentClient | DynamoDBClient): DynamoDBDocumentClient {
  if (client instanceof DynamoDBDocumentClient) return client;
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The stored item without its keys and index attributes: the domain object. */
export function strip<T>(item: Item): T {
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

/** Exponential back-off with full jitter before asking DynamoDB again for what it left unprocessed. */
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 25 * 2 ** attempt)));

export class Table {
  readonly db: DynamoDBDocumentClient;
  readonly name: string;

  constructor(options: TableOptions) {
    this.name = options.tableName;
    this.db = documentClient(options.awsSdkV3Client ?? new DynamoDBClient(options.clientConfig ?? {}));
  }

  /** A strongly consistent GetItem, keys stripped. */
  async get<T>(key: Key): Promise<T | undefined> {
    const item = await this.getItem(key);
    return item ? strip<T>(item) : undefined;
  }

  /** A strongly consistent GetItem, as stored. */
  async getItem(key: Key): Promise<Item | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true }));
    return out.Item;
  }

  /** One page. */
  query(condition: KeyCondition, options: QueryOptions = {}) {
    return this.db.send(new QueryCommand({ TableName: this.name, ...condition, ...options }));
  }

  /**
   * Many items by key, 100 to a BatchGetItem (DynamoDB's limit), each key once, unprocessed
   * keys asked again after a back-off; eventually consistent (queues, search, reports), keys
   * stripped, in no particular order. Missing items are left out.
   */
  async getMany<T = Item>(keys: Key[]): Promise<T[]> {
    return (await this.getItems(keys)).map((item) => strip<T>(item));
  }

  /** As `getMany`, items as stored (keys kept); `consistent` makes each BatchGetItem strongly consistent. */
  async getItems(keys: Key[], options: { consistent?: boolean } = {}): Promise<Item[]> {
    const found: Item[] = [];
    const wanted = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
    for (let i = 0; i < wanted.length; i += 100) {
      let pending: Key[] = wanted.slice(i, i + 100);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await backOff(attempt);
        const out = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.name]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) } },
          }),
        );
        found.push(...(out.Responses?.[this.name] ?? []));
        pending = (out.UnprocessedKeys?.[this.name]?.Keys ?? []) as Key[];
      }
    }
    return found;
  }

  /** Items put 25 to a BatchWriteItem (DynamoDB's limit), unprocessed ones sent again; no conditions. */
  async putMany(items: Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await backOff(attempt);
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.name]: pending } }));
        pending = (out.UnprocessedItems?.[this.name] ?? []) as typeof pending;
      }
    }
  }

  /** Every page. */
  async queryAll(condition: KeyCondition, options: QueryOptions = {}): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.query(condition, { ...options, ExclusiveStartKey: start });
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** One PutItem on its own. */
  async write(item: Item, condition?: string): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.name, Item: item, ...(condition ? { ConditionExpression: condition } : {}) }),
    );
  }

  /** A Put for a transaction. */
  put(item: Item, condition?: string): TransactItem {
    return { Put: { TableName: this.name, Item: item, ...(condition ? { ConditionExpression: condition } : {}) } };
  }

  /**
   * All or nothing. A cancellation becomes `DuplicateDeliveryError` (a delivery marker
   * exists), `BlobGoneError` (a blob's tombstone stands), `StoreRefusedError` (an item DynamoDB will never take), a throttling error
   * (retried by the caller's transport), or `WriteConflictError` (read again and retry;
   * `contactClaims` when an email or phone claim is another contact's).
   */
  async transact(items: [Role, TransactItem][]): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items.map(([, item]) => item) }));
    } catch (err) {
      if ((err as Error)?.name === 'ValidationException') throw new StoreRefusedError((err as Error).message);
      if (!(err instanceof TransactionCanceledException) && (err as Error)?.name !== 'TransactionCanceledException')
        throw err;
      const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
      const refused = reasons.find((r) => r.Code === 'ValidationError');
      if (refused) throw new StoreRefusedError(refused.Message ?? 'DynamoDB refused an item of the write');
      if (reasons.some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded')) {
        throw Object.assign(new Error('DynamoDB throttled the write'), { name: 'ThrottlingException' });
      }
      const checks = reasons
        .map((r, i) => (r.Code === 'ConditionalCheckFailed' ? items[i]?.[0] : undefined))
        .filter((r): r is Role => r !== undefined);
      if (checks.includes('delivery')) throw new DuplicateDeliveryError('this delivery was already ingested');
      if (checks.includes('blob'))
        throw new BlobGoneError('a file this write names was erased meanwhile; store it again');
      const failed = reasons
        .map((r, i) => (r.Code && r.Code !== 'None' ? items[i]?.[0] : undefined))
        .filter((r): r is Role => r !== undefined);
      throw new WriteConflictError(
        `write conflicted (${failed.join(', ') || 'unknown item'}); read again and retry`,
        checks.length > 0 && checks.every((r) => r === 'claim'),
      );
    }
  }

  /** One page of a Query, with an opaque cursor for the next. */
  async page(
    condition: KeyCondition,
    options: PageOptions & QueryOptions = {},
  ): Promise<{ items: Item[]; next: string | null }> {
    const { limit, cursor, ...rest } = options;
    const out = await this.query(condition, {
      ...rest,
      Limit: Math.min(Math.max(limit ?? 50, 1), 200),
      ExclusiveStartKey: cursor ? decodeCursor(cursor) : undefined,
    });
    return { items: out.Items ?? [], next: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null };
  }
}

export function encodeCursor(key: Item): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor this store gave out; anything else is refused as a RangeError. */
export function decodeCursor(cursor: string): Item {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {}
  throw new RangeError('invalid page cursor');
}
