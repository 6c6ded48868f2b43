/**
 * Locks per table, partition and item, so that independent requests run at
 * the same time while a transaction stays atomic and isolated.
 *
 * Hierarchical locking with the usual modes: a request that reads or writes
 * items takes intention locks (IS, IX) on their table and partition and a
 * shared (S) or exclusive (X) lock on each item; a base-table Query takes S on
 * its partition, so it never sees half of a transaction there; a consistent
 * Scan, the TTL sweep and table changes take S or X on the whole table.
 * Every request asks for all its locks at once and they are granted in one
 * global order (sorted by resource name), so two requests can never wait for
 * each other in a cycle: no deadlock. Waiters are served first come, first
 * served per resource, so nothing starves.
 */

export type LockMode = 'IS' | 'IX' | 'S' | 'X';

export interface LockRequest {
  /** A table, partition or item name (see `tableLock`, `partitionLock`, `itemLock`). */
  resource: string;
  mode: LockMode;
}

const COMPATIBLE: Record<LockMode, readonly LockMode[]> = {
  IS: ['IS', 'IX', 'S'],
  IX: ['IS', 'IX'],
  S: ['IS', 'S'],
  X: [],
};

/** The weakest mode that covers both (S with IX would be SIX; X is the simple safe answer). */
function combine(a: LockMode, b: LockMode): LockMode {
  if (a === b) return a;
  if (a === 'X' || b === 'X') return 'X';
  if (a === 'IS') return b;
  if (b === 'IS') return a;
  return 'X'; // IX with S
}

interface Waiter {
  mode: LockMode;
  grant: () => void;
}

interface Resource {
  granted: Map<LockMode, number>;
  waiting: Waiter[];
}

export class LockTable {
  private readonly resources = new Map<string, Resource>();

  /** How many resources are locked or waited for now (0 when idle). */
  get size(): number {
    return this.resources.size;
  }

  /** Runs `work` holding every lock in `requests`; releases them when it settles. */
  async run<T>(requests: readonly LockRequest[], work: () => Promise<T>): Promise<T> {
    const merged = new Map<string, LockMode>();
    for (const r of requests) {
      const had = merged.get(r.resource);
      merged.set(r.resource, had ? combine(had, r.mode) : r.mode);
    }
    const ordered = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const held: [string, LockMode][] = [];
    try {
      for (const [resource, mode] of ordered) {
        await this.acquire(resource, mode);
        held.push([resource, mode]);
      }
      return await work();
    } finally {
      for (const [resource, mode] of held.reverse()) this.release(resource, mode);
    }
  }

  private acquire(name: string, mode: LockMode): Promise<void> | undefined {
    let resource = this.resources.get(name);
    if (!resource) {
      resource = { granted: new Map(), waiting: [] };
      this.resources.set(name, resource);
    }
    if (resource.waiting.length === 0 && compatibleWithGranted(resource, mode)) {
      grant(resource, mode);
      return undefined;
    }
    const queued = resource;
    return new Promise<void>((done) => {
      queued.waiting.push({ mode, grant: done });
    });
  }

  private release(name: string, mode: LockMode): void {
    const resource = this.resources.get(name);
    if (!resource) return;
    const count = (resource.granted.get(mode) ?? 0) - 1;
    if (count > 0) resource.granted.set(mode, count);
    else resource.granted.delete(mode);
    while (resource.waiting.length > 0) {
      const next = resource.waiting[0] as Waiter;
      if (!compatibleWithGranted(resource, next.mode)) break;
      resource.waiting.shift();
      grant(resource, next.mode);
      next.grant();
    }
    if (resource.granted.size === 0 && resource.waiting.length === 0) this.resources.delete(name);
  }
}

function compatibleWithGranted(resource: Resource, mode: LockMode): boolean {
  for (const held of resource.granted.keys()) if (!COMPATIBLE[mode].includes(held)) return false;
  return true;
}

function grant(resource: Resource, mode: LockMode): void {
  resource.granted.set(mode, (resource.granted.get(mode) ?? 0) + 1);
}

/** Resource names: a JSON array, so a partition or an item name never collides with another level's. */
export const tableLock = (table: string): string => JSON.stringify([table]);
export const partitionLock = (table: string, partition: string): string => JSON.stringify([table, partition]);
