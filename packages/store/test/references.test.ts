/**
 * Case reference numbers from blocks (issue 16): each process reserves numbers of the year's
 * counter with one atomic increment per block (1, 2, 4 … up to the maximum) and hands them
 * out, so new cases filed at once never meet on the counter inside their transactions.
 * The counter here is the port's contract (an atomic add returning the new value).
 */
import { describe, expect, it } from 'vitest';
import { ReferenceBlocks } from '../src/references.js';

function counter() {
  const values = new Map<string, number>();
  const calls: number[] = [];
  const reserve = async (prefix: string, year: number, count: number) => {
    await new Promise((r) => setImmediate(r));
    calls.push(count);
    const key = `${prefix}#${year}`;
    const value = (values.get(key) ?? 0) + count;
    values.set(key, value);
    return value;
  };
  return { reserve, calls, values };
}

describe('case reference numbers from reserved blocks', () => {
  it('numbers one process’s cases 1, 2, 3 … with one reservation per doubling block', async () => {
    const c = counter();
    const blocks = new ReferenceBlocks(c.reserve, 8);

    const numbers: number[] = [];
    for (let i = 0; i < 20; i++) numbers.push(await blocks.next('HT', 2026));

    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(c.calls).toEqual([1, 2, 4, 8, 8]);
  });

  it('gives 50 cases filed at once in one process 50 different numbers', async () => {
    const c = counter();
    const blocks = new ReferenceBlocks(c.reserve, 32);

    const numbers = await Promise.all(Array.from({ length: 50 }, () => blocks.next('HT', 2026)));

    expect(new Set(numbers).size).toBe(50);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(c.values.get('HT#2026') as number);
  });

  it('never gives two processes the same number, skipping only what one reserved and did not use', async () => {
    // Arrange: two processes (two Lambda containers) on one counter.
    const c = counter();
    const a = new ReferenceBlocks(c.reserve, 4);
    const b = new ReferenceBlocks(c.reserve, 4);

    // Act
    const taken = [];
    for (let i = 0; i < 6; i++) taken.push(await a.next('HT', 2026), await b.next('HT', 2026));

    // Assess: all different; what neither used is the rest of their last blocks.
    expect(new Set(taken).size).toBe(12);
    const reserved = c.values.get('HT#2026') as number;
    expect(reserved - taken.length).toBeLessThan(2 * 4);
  });

  it('keeps each year and prefix apart', async () => {
    const c = counter();
    const blocks = new ReferenceBlocks(c.reserve);

    expect([await blocks.next('HT', 2026), await blocks.next('HT', 2027), await blocks.next('BT', 2026)]).toEqual([
      1, 1, 1,
    ]);
  });

  it('fails the callers of a reservation that fails, and reserves again on the next call', async () => {
    let fail = true;
    const c = counter();
    const blocks = new ReferenceBlocks(async (p, y, n) => {
      if (fail) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      return c.reserve(p, y, n);
    });

    await expect(Promise.all([blocks.next('HT', 2026), blocks.next('HT', 2026)])).rejects.toThrow('throttled');
    fail = false;

    expect(await blocks.next('HT', 2026)).toBe(1);
  });
});
