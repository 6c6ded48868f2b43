/**
 * The single table as every part of the store uses it: one document client,
 * the table's name, and the reads and transaction every access pattern shares.
 */
import { DynamoDBClient, type DynamoDBClientConfig, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DuplicateDeliveryError, WriteConflictError } from '@housing-inbox/core';
import { KEY_ATTRIBUTES, type Key, type KeyCondition } from './keys.js';

export interface TableOptions {
  tableName: string;
  /** An existing client (tests, or one built once per Lambda container); built from `clientConfig` otherwise. */
  awsSdkV3Client?: DynamoDBDocumentClient | DynamoDBClient;
  clientConfig?: DynamoDBClientConfig;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Why each transaction item is there, so a cancellation maps to the right error. */
export type Role = 'delivery' | 'contact' | 'case' | 'other';

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

  /** All or nothing; a cancellation becomes `DuplicateDeliveryError` (the delivery marker) or `WriteConflictError`. */
  async transact(items: [Role, TransactItem][]): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items.map(([, item]) => item) }));
    } catch (err) {
      if (!(err instanceof TransactionCanceledException) && (err as Error)?.name !== 'TransactionCanceledException')
        throw err;
      const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
      const failed = reasons
        .map((r, i) => (r.Code && r.Code !== 'None' ? items[i]?.[0] : undefined))
        .filter((r): r is Role => r !== undefined);
      if (failed.includes('delivery')) throw new DuplicateDeliveryError('this delivery was already ingested');
      throw new WriteConflictError(`write conflicted (${failed.join(', ') || 'unknown item'}); read again and retry`);
    }
  }
}
