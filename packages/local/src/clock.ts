/**
 * The stack's clock: real time plus an offset that `/local/clock` moves. The
 * offset is saved in the data folder, so a restart keeps the moved time. A
 * fresh folder's clock begins at `startAt` when given (tests and benches pin
 * their instants whatever the wall time), at real time otherwise.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Clock } from '@housing-inbox/core';

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO-8601 duration of weeks, days, hours, minutes and seconds (P3D, PT2H30M, P1W). */
export function parseDuration(value: string): number {
  const m = ISO_DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) {
    throw new RangeError(`"${value}" is not an ISO-8601 duration such as P3D, PT4H or P1DT12H`);
  }
  const [, w, d, h, min, s] = m;
  return (
    ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 * 3600 +
      Number(h ?? 0) * 3600 +
      Number(min ?? 0) * 60 +
      Number(s ?? 0)) *
    1000
  );
}

export type ClockListener = (now: Date) => void;

export interface StackClockOptions {
  /**
   * Where the clock begins when `file` holds no saved offset (a fresh data
   * folder): the offset becomes `startAt − Date.now()` milliseconds, so the
   * clock reads `startAt` at once and runs on at real speed from there; that
   * offset is saved at once, so a restart runs on from it. A saved offset (a
   * restarted disk stack) wins. Omitted: real time.
   * Throws `RangeError` at construction if it is not a valid instant.
   */
  startAt?: Date;
}

export class StackClock implements Clock {
  #offsetMs = 0;
  readonly #file?: string;
  readonly #listeners = new Set<ClockListener>();

  /** `file`: the JSON file `{ "offsetMs": number }` the offset is saved in (none: kept in memory only). */
  constructor(file?: string, options: StackClockOptions = {}) {
    this.#file = file;
    const { startAt } = options;
    if (startAt && Number.isNaN(startAt.getTime())) throw new RangeError('startAt is not a valid instant');
    if (startAt) this.#offsetMs = startAt.getTime() - Date.now();
    if (file) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: number };
        if (typeof saved.offsetMs === 'number') this.#offsetMs = saved.offsetMs;
      } catch {
        // No saved offset yet: startAt (saved now, so a restart runs on from it), or real time.
        if (startAt) writeFileSync(file, JSON.stringify({ offsetMs: this.#offsetMs }));
      }
    }
  }

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  /** Moves the clock forward; it never goes back (timers already fired stay fired). */
  async advance(ms: number): Promise<Date> {
    if (!(ms >= 0)) throw new RangeError('the clock only moves forward');
    this.#offsetMs += ms;
    return this.#changed();
  }

  /**
   * Moves the clock to `instant`, which may not be more than a second before
   * now (`RangeError` 'the clock only moves forward'; 'not a valid instant').
   */
  async set(instant: Date): Promise<Date> {
    if (Number.isNaN(instant.getTime())) throw new RangeError('not a valid instant');
    if (instant.getTime() < this.now().getTime() - 1000) throw new RangeError('the clock only moves forward');
    this.#offsetMs = instant.getTime() - Date.now();
    return this.#changed();
  }

  onChange(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #changed(): Promise<Date> {
    if (this.#file) await writeFile(this.#file, JSON.stringify({ offsetMs: this.#offsetMs }));
    const now = this.now();
    for (const l of this.#listeners) l(now);
    return now;
  }
}
