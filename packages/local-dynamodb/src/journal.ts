import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Item } from './schema.js';
import type { DynaliteWire } from './wire.js';

/** The state of one item before a transaction touched it; `Item: null` when it did not exist. */
export interface JournalEntry {
  TableName: string;
  Key: Item;
  Item: Item | null;
}

/** Puts every journalled item back as it was before the transaction. */
export async function restore(wire: DynaliteWire, entries: readonly JournalEntry[]): Promise<void> {
  for (const entry of [...entries].reverse()) {
    if (entry.Item) await wire.call('PutItem', { TableName: entry.TableName, Item: entry.Item });
    else await wire.call('DeleteItem', { TableName: entry.TableName, Key: entry.Key });
  }
}

/**
 * On disk, a transaction's before-images are written to a file before its first
 * write and removed after its last. If the process dies in between, the next
 * start finds the file and rolls the half-applied transaction back, so on-disk
 * data never keeps part of a transaction.
 */
export class Journal {
  constructor(private readonly file: string) {}

  async begin(entries: readonly JournalEntry[]): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(entries));
    await rename(tmp, this.file);
  }

  async end(): Promise<void> {
    await rm(this.file, { force: true });
  }

  /** Rolls back whatever an interrupted transaction left behind; returns how many items were restored. */
  async recover(wire: DynaliteWire): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    const entries = JSON.parse(text) as JournalEntry[];
    await restore(wire, entries);
    await this.end();
    return entries.length;
  }
}
