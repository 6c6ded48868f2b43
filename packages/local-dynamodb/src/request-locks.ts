/**
 * Which locks (locks.ts) each DynamoDB operation takes, from its request body.
 * A request whose table or key cannot be made out takes only what is certain
 * (or nothing): DynamoDB or dynalite refuses it anyway.
 *
 * | operation                                   | locks                                                  |
 * | ------------------------------------------- | ------------------------------------------------------ |
 * | GetItem, BatchGetItem                       | IS table, IS partition, S item                          |
 * | PutItem, UpdateItem, DeleteItem, BatchWrite | IX table, IX partition, X item                          |
 * | TransactWriteItems                          | IX table, IX partition, X item, for every action        |
 * | Query on the table                          | IS table, S partition (the key condition's)             |
 * | Query on an index, Scan                     | IS table (read committed, like DynamoDB's)              |
 * | consistent Scan                             | S table                                                 |
 * | Create/Update/DeleteTable, UpdateTimeToLive | X table                                                 |
 * | anything else (ListTables, Describe…)       | none                                                    |
 */
import { DynamoError, type WireBody } from './errors.js';
import { type LockRequest, partitionLock, tableLock } from './locks.js';
import {
  type AttributeValue,
  canonicalNumber,
  checkItemKey,
  checkKey,
  type Item,
  itemIdentity,
  type SchemaCache,
  type TableSchema,
} from './schema.js';

const isObject = (v: unknown): v is WireBody => typeof v === 'object' && v !== null && !Array.isArray(v);

async function schemaOf(schemas: SchemaCache, table: unknown): Promise<TableSchema | undefined> {
  if (typeof table !== 'string') return undefined;
  try {
    return await schemas.get(table);
  } catch (err) {
    if (err instanceof DynamoError) return undefined; // a missing table: the request is refused unlocked
    throw err;
  }
}

const partitionValue = (schema: TableSchema, value: AttributeValue | undefined): string | undefined => {
  const attr = schema.key[0];
  const raw = attr ? value?.[attr.type] : undefined;
  if (!attr || typeof raw !== 'string') return undefined;
  return attr.type === 'N' ? canonicalNumber(raw) : raw;
};

/** The locks of one item read (S) or written (X). */
function itemLocks(schema: TableSchema, key: Item, write: boolean): LockRequest[] {
  const table = tableLock(schema.name);
  const attr = schema.key[0] as { name: string };
  const partition = partitionValue(schema, key[attr.name]);
  if (partition === undefined) return [{ resource: table, mode: write ? 'IX' : 'IS' }];
  return [
    { resource: table, mode: write ? 'IX' : 'IS' },
    { resource: partitionLock(schema.name, partition), mode: write ? 'IX' : 'IS' },
    { resource: itemIdentity(schema, key), mode: write ? 'X' : 'S' },
  ];
}

async function keyLocks(schemas: SchemaCache, table: unknown, key: unknown, write: boolean, isItem = false) {
  const schema = await schemaOf(schemas, table);
  if (!schema || !isObject(key)) return [];
  const check = isItem ? checkItemKey(schema, key as Item) : checkKey(schema, key as Item);
  return check.ok
    ? itemLocks(schema, check.key, write)
    : [{ resource: tableLock(schema.name), mode: write ? 'IX' : 'IS' } as const];
}

/** The partition a base-table Query reads: `pk = :v` (or `#n = :v`) in its key condition. */
function queriedPartition(schema: TableSchema, body: WireBody): string | undefined {
  const attr = schema.key[0];
  if (!attr) return undefined;
  const legacy = body.KeyConditions;
  if (isObject(legacy)) {
    const condition = legacy[attr.name];
    const list = isObject(condition) && Array.isArray(condition.AttributeValueList) ? condition.AttributeValueList : [];
    return partitionValue(schema, list[0] as AttributeValue | undefined);
  }
  const expression = body.KeyConditionExpression;
  if (typeof expression !== 'string') return undefined;
  const names = isObject(body.ExpressionAttributeNames) ? body.ExpressionAttributeNames : {};
  const values = isObject(body.ExpressionAttributeValues) ? body.ExpressionAttributeValues : {};
  for (const m of expression.matchAll(/(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const name = m[1]?.startsWith('#') ? names[m[1]] : m[1];
    if (name === attr.name) return partitionValue(schema, values[m[2] as string] as AttributeValue | undefined);
  }
  return undefined;
}

export async function locksFor(operation: string, body: WireBody, schemas: SchemaCache): Promise<LockRequest[]> {
  switch (operation) {
    case 'GetItem':
      return keyLocks(schemas, body.TableName, body.Key, false);
    case 'PutItem':
      return keyLocks(schemas, body.TableName, body.Item, true, true);
    case 'UpdateItem':
    case 'DeleteItem':
      return keyLocks(schemas, body.TableName, body.Key, true);
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const out: LockRequest[] = [];
      if (!isObject(body.RequestItems)) return out;
      for (const [table, requests] of Object.entries(body.RequestItems)) {
        if (operation === 'BatchGetItem') {
          const keys = isObject(requests) && Array.isArray(requests.Keys) ? requests.Keys : [];
          for (const key of keys) out.push(...(await keyLocks(schemas, table, key, false)));
        } else {
          for (const r of Array.isArray(requests) ? requests : []) {
            if (!isObject(r)) continue;
            const put = isObject(r.PutRequest) ? r.PutRequest.Item : undefined;
            const del = isObject(r.DeleteRequest) ? r.DeleteRequest.Key : undefined;
            out.push(...(await keyLocks(schemas, table, put ?? del, true, put !== undefined)));
          }
        }
      }
      return out;
    }
    case 'TransactWriteItems': {
      const out: LockRequest[] = [];
      for (const raw of Array.isArray(body.TransactItems) ? body.TransactItems : []) {
        if (!isObject(raw)) continue;
        for (const [kind, action] of Object.entries(raw)) {
          if (!isObject(action)) continue;
          const isPut = kind === 'Put';
          out.push(...(await keyLocks(schemas, action.TableName, isPut ? action.Item : action.Key, true, isPut)));
        }
      }
      return out;
    }
    case 'Query': {
      const schema = await schemaOf(schemas, body.TableName);
      if (!schema) return [];
      const table = tableLock(schema.name);
      if (typeof body.IndexName === 'string') return [{ resource: table, mode: 'IS' }];
      const partition = queriedPartition(schema, body);
      return partition === undefined
        ? [{ resource: table, mode: 'S' }]
        : [
            { resource: table, mode: 'IS' },
            { resource: partitionLock(schema.name, partition), mode: 'S' },
          ];
    }
    case 'Scan':
      return typeof body.TableName === 'string'
        ? [{ resource: tableLock(body.TableName), mode: body.ConsistentRead === true ? 'S' : 'IS' }]
        : [];
    case 'CreateTable':
    case 'UpdateTable':
    case 'DeleteTable':
    case 'UpdateTimeToLive':
      return typeof body.TableName === 'string' ? [{ resource: tableLock(body.TableName), mode: 'X' }] : [];
    default:
      return [];
  }
}
