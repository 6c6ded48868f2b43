import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StackClock } from '../src/clock.js';

// The wall clock is pinned well after the instants the stack's clock is started at,
// as it will be when these tests run next year.
const WALL = new Date('2027-06-01T12:00:00.000Z');
const START = new Date('2026-12-01T10:00:00.000Z');
const MINUTE = 60_000;

describe("the stack's clock", () => {
  let root: string;
  let file: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'inbox-clock-'));
    file = join(root, 'clock.json');
    vi.useFakeTimers({ now: WALL, toFake: ['Date'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(root, { recursive: true, force: true });
  });

  it('begins at startAt on a fresh data folder, whatever the wall time, and runs on from there', async () => {
    const clock = new StackClock(file, { startAt: START });
    expect(clock.now().toISOString()).toBe('2026-12-01T10:00:00.000Z');
    vi.setSystemTime(WALL.getTime() + 5 * MINUTE);
    expect(clock.now().toISOString()).toBe('2026-12-01T10:05:00.000Z');
    // A fixed instant after startAt can be set although it is long past on the wall clock.
    expect((await clock.set(new Date('2026-12-01T10:16:00Z'))).toISOString()).toBe('2026-12-01T10:16:00.000Z');
  });

  it('keeps a saved clock when the stack restarts on the same folder, not startAt', async () => {
    await new StackClock(file, { startAt: START }).set(new Date('2026-12-16T10:00:00Z'));
    vi.setSystemTime(WALL.getTime() + MINUTE);
    const restarted = new StackClock(file, { startAt: START });
    expect(restarted.now().toISOString()).toBe('2026-12-16T10:01:00.000Z');
  });

  it('runs on from startAt when the stack restarts without the clock having been moved', () => {
    new StackClock(file, { startAt: START });
    vi.setSystemTime(WALL.getTime() + 2 * MINUTE);
    expect(new StackClock(file, { startAt: START }).now().toISOString()).toBe('2026-12-01T10:02:00.000Z');
  });

  it('still refuses to go back, and saves nothing when it refuses', async () => {
    const clock = new StackClock(file, { startAt: START });
    await clock.set(new Date('2026-12-02T10:00:00Z'));
    const saved = await readFile(file, 'utf8');
    await expect(clock.set(new Date('2026-12-01T10:00:00Z'))).rejects.toThrow('the clock only moves forward');
    await expect(clock.advance(-1)).rejects.toThrow('the clock only moves forward');
    expect(clock.now().toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(await readFile(file, 'utf8')).toBe(saved);
  });

  it('runs on the wall clock when given no startAt', () => {
    expect(new StackClock(file).now().toISOString()).toBe(WALL.toISOString());
  });

  it('refuses a startAt that is not an instant', () => {
    expect(() => new StackClock(file, { startAt: new Date('not a date') })).toThrow('startAt is not a valid instant');
  });
});
