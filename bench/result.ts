/**
 * `bench/results/latest.json`: the shape CONTRACTS.md "Benchmarks" fixes (every
 * key there, with the same meaning), checked before it is written. Extra keys
 * (figures the contract does not name) are allowed and kept.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const latency = z.looseObject({
  cases: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
});

export const benchResultSchema = z
  .looseObject({
    measuredAt: z.iso.datetime(),
    machine: z.looseObject({ cpus: z.number().int().positive(), node: z.string().startsWith('v') }),
    ingest: z.looseObject({
      rawPutItemPerSecond: z.number().positive(),
      newCasePerSecond: z.number().positive(),
      p50Ms: z.number().nonnegative(),
      p99Ms: z.number().nonnegative(),
    }),
    requestsPerMessage: z.looseObject({
      newCase: z.number().int().positive(),
      threaded: z.number().int().positive(),
      duplicate: z.number().int().nonnegative(),
    }),
    bundles: z
      .array(
        z.looseObject({
          function: z.string().min(1),
          minifiedBytes: z.number().int().positive(),
          coldInitMs: z.number().nonnegative(),
          bareNodeMs: z.number().nonnegative(),
        }),
      )
      .min(1),
    queue: latency,
    search: latency,
    costPer1000Cases: z.looseObject({
      usd: z.number().nonnegative(),
      excludes: z.array(z.string()),
      lines: z.record(z.string(), z.number().nonnegative()),
    }),
  })
  .refine(
    (r) => Math.abs(Object.values(r.costPer1000Cases.lines).reduce((a, b) => a + b, 0) - r.costPer1000Cases.usd) < 1e-6,
    { message: 'costPer1000Cases.lines must add up to usd', path: ['costPer1000Cases', 'usd'] },
  );

export type BenchResult = z.infer<typeof benchResultSchema>;

/** Checks `result` against the contract and writes it (pretty JSON); throws naming the first key that is wrong. */
export async function writeBenchResult(file: string, result: unknown): Promise<BenchResult> {
  const checked = benchResultSchema.safeParse(result);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`latest.json would not match CONTRACTS.md: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return checked.data;
}
