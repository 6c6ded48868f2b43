/** Small statistics for the bench: percentiles over milliseconds, rounding for the table. */

/** The p-th percentile (0–100) of `values` by nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounds to `digits` decimals (the JSON keeps figures readable). */
export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `work` `count` times with `concurrency` in flight; per-call latencies in ms and calls per second. */
export async function timed(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<{ latenciesMs: number[]; perSecond: number }> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      await work(i);
      latenciesMs.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { latenciesMs, perSecond: count / seconds };
}
