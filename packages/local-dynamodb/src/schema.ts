import { DynamoError, resourceNotFound, validation, type WireBody } from './errors.js';
import type { DynaliteWire } from './wire.js';

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

type ScalarType = 'S' | 'N' | 'B';

interface KeyAttribute {
  name: string;
  type: ScalarType;
}

interface IndexKeyAttribute extends KeyAttribute {
  indexName: string;
}

export interface TableSchema {
  name: string;
  status: string;
  /** Partition key first, then the sort key if any. */
  key: KeyAttribute[];
  /** Key attributes of every secondary index (GSIs first, then LSIs), as dynalite checks them. */
  indexKeys: IndexKeyAttribute[];
}

interface Described {
  Table: {
    TableName: string;
    TableStatus: string;
    KeySchema: { AttributeName: string; KeyType: string }[];
    AttributeDefinitions: { AttributeName: string; AttributeType: ScalarType }[];
    GlobalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string }[] }[];
    LocalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string }[] }[];
  };
}

/** Key schemas by table name, read once through DescribeTable and dropped when a table is created or deleted. */
export class SchemaCache {
  private readonly tables = new Map<string, TableSchema>();

  constructor(private readonly wire: DynaliteWire) {}

  invalidate(tableName: string): void {
    this.tables.delete(tableName);
  }

  /** The schema of an ACTIVE (or UPDATING) table; ResourceNotFoundException otherwise, as DynamoDB answers item operations. */
  async get(tableName: string): Promise<TableSchema> {
    const cached = this.tables.get(tableName);
    if (cached) return cached;
    let described: Described;
    try {
      described = await this.wire.call<Described>('DescribeTable', { TableName: tableName });
    } catch (err) {
      if (err instanceof DynamoError && err.code === 'ResourceNotFoundException') throw resourceNotFound();
      throw err;
    }
    const t = described.Table;
    const typeOf = (name: string): ScalarType => {
      const def = t.AttributeDefinitions.find((d) => d.AttributeName === name);
      if (!def) throw new DynamoError('InternalServerError', `table ${tableName} has no definition for ${name}`, 500);
      return def.AttributeType;
    };
    const ordered = [...t.KeySchema].sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0));
    const indexKeys: IndexKeyAttribute[] = [];
    for (const gsi of t.GlobalSecondaryIndexes ?? []) {
      for (const k of gsi.KeySchema)
        indexKeys.push({ name: k.AttributeName, type: typeOf(k.AttributeName), indexName: gsi.IndexName });
    }
    for (const lsi of t.LocalSecondaryIndexes ?? []) {
      const sortKey = lsi.KeySchema[1];
      if (sortKey)
        indexKeys.push({ name: sortKey.AttributeName, type: typeOf(sortKey.AttributeName), indexName: lsi.IndexName });
    }
    const schema: TableSchema = {
      name: t.TableName,
      status: t.TableStatus,
      key: ordered.map((k) => ({ name: k.AttributeName, type: typeOf(k.AttributeName) })),
      indexKeys,
    };
    if (schema.status === 'CREATING' || schema.status === 'DELETING') throw resourceNotFound();
    if (schema.status === 'ACTIVE') this.tables.set(tableName, schema);
    return schema;
  }
}

const typeOfValue = (value: AttributeValue | undefined): string => (value ? (Object.keys(value)[0] ?? '') : '');

/** The outcome of checking a key: fine, a request-level error, or a reason that cancels the transaction. */
export type KeyCheck = { ok: true; key: Item } | { ok: false; topLevel: DynamoError } | { ok: false; reason: string };

const emptyKeyValue = (attr: KeyAttribute, value: AttributeValue): DynamoError | undefined =>
  (attr.type === 'S' || attr.type === 'B') && value[attr.type] === ''
    ? validation(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${
          attr.type === 'S' ? 'string' : 'binary'
        } value. Key: ${attr.name}`,
      )
    : undefined;

/** Checks the item of a Put against the table's key and index schema, with DynamoDB's messages. */
export function checkItemKey(schema: TableSchema, item: Item): KeyCheck {
  const key: Item = {};
  for (const attr of schema.key) {
    const value = item[attr.name];
    if (!value)
      return {
        ok: false,
        reason: `One or more parameter values were invalid: Missing the key ${attr.name} in the item`,
      };
    if (value[attr.type] === undefined)
      return {
        ok: false,
        reason: `One or more parameter values were invalid: Type mismatch for key ${attr.name} expected: ${attr.type} actual: ${typeOfValue(value)}`,
      };
    const empty = emptyKeyValue(attr, value);
    if (empty) return { ok: false, topLevel: empty };
    key[attr.name] = value;
  }
  for (const attr of schema.indexKeys) {
    const value = item[attr.name];
    if (!value) continue;
    if (value[attr.type] === undefined)
      return {
        ok: false,
        reason: `One or more parameter values were invalid: Type mismatch for Index Key ${attr.name} Expected: ${attr.type} Actual: ${typeOfValue(value)} IndexName: ${attr.indexName}`,
      };
    if ((attr.type === 'S' || attr.type === 'B') && value[attr.type] === '')
      return {
        ok: false,
        topLevel: validation(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${
            attr.type === 'S' ? 'string' : 'binary'
          } value. IndexName: ${attr.indexName}, IndexKey: ${attr.name}`,
        ),
      };
  }
  return { ok: true, key };
}

/** Checks the Key of an Update, Delete, ConditionCheck or Get. */
export function checkKey(schema: TableSchema, key: Item): KeyCheck {
  for (const attr of schema.key) {
    const value = key[attr.name];
    if (value && value[attr.type] !== undefined) {
      const empty = emptyKeyValue(attr, value);
      if (empty) return { ok: false, topLevel: empty };
    }
  }
  const matches =
    Object.keys(key).length === schema.key.length &&
    schema.key.every((attr) => key[attr.name]?.[attr.type] !== undefined);
  return matches ? { ok: true, key } : { ok: false, reason: 'The provided key element does not match the schema' };
}

/** Canonical form of a DynamoDB number, so `1`, `1.0` and `10e-1` name the same key. */
export function canonicalNumber(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return text;
  const fraction = m[3] ?? '';
  let digits = `${m[2] ?? ''}${fraction}`.replace(/^0+/, '');
  let exponent = Number(m[4] ?? 0) - fraction.length;
  if (digits === '') return '0';
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exponent += 1;
  }
  return `${m[1] === '-' ? '-' : ''}${digits}e${exponent}`;
}

/** A string naming one item of one table, for spotting two operations on the same item. */
export function itemIdentity(schema: TableSchema, key: Item): string {
  return JSON.stringify([
    schema.name,
    ...schema.key.map((attr) => {
      const raw = String(key[attr.name]?.[attr.type] ?? '');
      return attr.type === 'N' ? canonicalNumber(raw) : raw;
    }),
  ]);
}

export type { WireBody };
