/**
 * Port: each case's next wake-up, kept where a restart cannot lose it. The
 * local runner's executions live in memory, so the instant each one waits for
 * is written here and read back on start. (In the cloud Step Functions keeps
 * the waits; nothing needs this there.) The DynamoDB adapter is the store's
 * `DynamoWakeUpRepository` (`@housing-inbox/store`), which owns the items.
 */

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
  /** The case's wake-up, if it has one. */
  get(caseRef: string): Promise<WakeUp | undefined>;
  /** Wake-ups at or before `now`, soonest first (ties by case reference); at most `limit` when given. */
  due(now: Date, limit?: number): Promise<WakeUp[]>;
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

  async get(caseRef: string): Promise<WakeUp | undefined> {
    const w = this.#byCase.get(caseRef);
    return w ? { ...w } : undefined;
  }

  async due(now: Date, limit?: number): Promise<WakeUp[]> {
    const until = now.toISOString();
    return (await this.all()).filter((w) => w.at <= until).slice(0, limit);
  }

  async all(): Promise<WakeUp[]> {
    return [...this.#byCase.values()].map((w) => ({ ...w })).sort(bySoonest);
  }
}
