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
 * write and removed after its last (the file holds those of every transaction
 * being applied at that moment; they touch disjoint items). If the process dies in between, the next
 * start finds the file and rolls the half-applied transaction back, so on-disk
 * data never keeps part of a transaction.
 */
export class Journal {
  /** Transactions being applied now (they touch disjoint items: locks.ts), by a number of their own. */
  private readonly open = new Map<number, readonly JournalEntry[]>();
  private sequence = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Journals one transaction's before-images; resolves with its number once they are on disk. */
  async begin(entries: readonly JournalEntry[]): Promise<number> {
    const id = ++this.sequence;
    this.open.set(id, entries);
    await this.flush();
    return id;
  }

  /** The transaction `id` is done (committed or undone); without an id, forgets everything. */
  async end(id?: number): Promise<void> {
    if (id === undefined) this.open.clear();
    else this.open.delete(id);
    await this.flush();
  }

  /**
   * Writes every open transaction's before-images (one file, replaced atomically), or removes
   * the file when none is open. Writes run one after another, each with the state at its turn.
   */
  private flush(): Promise<void> {
    const next = this.writing.then(async () => {
      const entries = [...this.open.values()].flat();
      if (entries.length === 0) {
        await rm(this.file, { force: true });
        return;
      }
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, JSON.stringify(entries));
      await rename(tmp, this.file);
    });
    this.writing = next.catch(() => undefined);
    return next;
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
