/**
 * Seeding a table with many items at once, straight into dynalite's store (no HTTP, no
 * request parsing, no locks): for benches that need hundreds of thousands of cases. Keys
 * and index entries are made by dynalite's own functions (`createKey`, `getIndexActions`),
 * exactly as its PutItem makes them, so every read afterwards finds the items as if each
 * had been put one by one.
 */
import { createRequire } from 'node:module';

type WireItem = Record<string, unknown>;
type Callback = (err?: Error | null) => void;

interface SubDb {
  batch(ops: { type: 'put'; key: string; value: unknown }[], cb: Callback): void;
}

/** What of dynalite's store (`dynalite/db`'s `create`) this file uses. */
export interface DynaliteStore {
  getTable(name: string, cb: (err: Error | null, table: DynaliteTable) => void): void;
  getItemDb(name: string): SubDb;
  getIndexDb(type: 'Local' | 'Global', table: string, index: string): SubDb;
}

interface DynaliteTable {
  TableName: string;
  LocalSecondaryIndexes?: unknown[];
  GlobalSecondaryIndexes?: unknown[];
}

interface DynaliteDbModule {
  create(options: unknown): DynaliteStore;
  createKey(item: WireItem, table: DynaliteTable): string;
  getIndexActions(
    indexes: unknown[],
    existing: WireItem | undefined,
    item: WireItem,
    table: DynaliteTable,
  ): { puts: { index: string; key: string; item: WireItem }[] };
}

const dynaliteDb = createRequire(import.meta.url)('dynalite/db/index.js') as DynaliteDbModule;

/** Runs `start` (which calls dynalite()) and returns the store dynalite created inside it. */
export function capturingStore<T>(start: () => T): { result: T; store: DynaliteStore | undefined } {
  const create = dynaliteDb.create;
  let store: DynaliteStore | undefined;
  dynaliteDb.create = (options) => {
    store = create(options);
    return store;
  };
  try {
    return { result: start(), store };
  } finally {
    dynaliteDb.create = create;
  }
}

const batch = (db: SubDb, ops: { type: 'put'; key: string; value: unknown }[]) =>
  new Promise<void>((done, fail) => db.batch(ops, (err) => (err ? fail(err) : done())));

/**
 * Puts new items (wire format: `{ pk: { S: '…' } }`) into a table and its indexes, one store
 * batch per call. The items must be new and valid: nothing is validated, no condition checked,
 * no old index entry removed. Not to be used while requests write to the same items.
 */
export async function bulkLoad(store: DynaliteStore, tableName: string, items: readonly WireItem[]): Promise<void> {
  const table = await new Promise<DynaliteTable>((done, fail) =>
    store.getTable(tableName, (err, t) => (err ? fail(err) : done(t))),
  );
  const byIndex = new Map<string, { db: SubDb; ops: { type: 'put'; key: string; value: unknown }[] }>();
  const itemOps = items.map((item) => ({ type: 'put' as const, key: dynaliteDb.createKey(item, table), value: item }));
  for (const type of ['Local', 'Global'] as const) {
    const indexes = table[`${type}SecondaryIndexes`] ?? [];
    for (const item of items) {
      for (const put of dynaliteDb.getIndexActions(indexes, undefined, item, table).puts) {
        const id = `${type}\u0000${put.index}`;
        let entry = byIndex.get(id);
        if (!entry) {
          entry = { db: store.getIndexDb(type, tableName, put.index), ops: [] };
          byIndex.set(id, entry);
        }
        entry.ops.push({ type: 'put', key: put.key, value: put.item });
      }
    }
  }
  await batch(store.getItemDb(tableName), itemOps);
  for (const { db, ops } of byIndex.values()) await batch(db, ops);
}
