/**
 * `npm run bench` writes bench/results/latest.json in the shape CONTRACTS.md fixes. A tiny run
 * (a handful of cases, one bundle, one cold start) goes through the same writer; timings are not
 * asserted, only that every key is there with the right kind of value.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBenchResult } from '../bench/result.js';
import { runBench } from '../bench/run.js';

const dir = await mkdtemp(join(tmpdir(), 'inbox-bench-result-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the bench result file', () => {
  it('has every key of the contract after a tiny run, with cost lines adding up to the total', async () => {
    // Act
    const out = join(dir, 'latest.json');
    await runBench({
      cases: 5,
      queueCases: 5,
      fallbackQueueCases: 5,
      queueRequests: 3,
      runs: 1,
      bundles: ['timer-plan'],
      ocr: false,
      out,
      print: false,
    });

    // Assess
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(Object.keys(written)).toEqual(
      expect.arrayContaining([
        'measuredAt',
        'machine',
        'ingest',
        'requestsPerMessage',
        'bundles',
        'queue',
        'search',
        'costPer1000Cases',
      ]),
    );
    expect(Object.keys(written.ingest)).toEqual(
      expect.arrayContaining(['rawPutItemPerSecond', 'newCasePerSecond', 'p50Ms', 'p99Ms']),
    );
    expect(written.requestsPerMessage).toMatchObject({
      newCase: expect.any(Number),
      threaded: expect.any(Number),
      duplicate: expect.any(Number),
    });
    expect(written.bundles[0]).toMatchObject({
      function: 'timer-plan',
      minifiedBytes: expect.any(Number),
      coldInitMs: expect.any(Number),
      bareNodeMs: expect.any(Number),
    });
    expect(written.queue).toMatchObject({ cases: 5 });
    expect(written.search).toMatchObject({ cases: 5 });
    const { usd, lines, excludes } = written.costPer1000Cases;
    expect(excludes).toContain('SMS carrier fees');
    expect(Object.keys(lines)).toEqual(
      expect.arrayContaining(['stepFunctions', 'ses', 'textract', 'dynamodb', 'lambda', 's3', 'other']),
    );
    expect(Object.values<number>(lines).reduce((a, b) => a + b, 0)).toBeCloseTo(usd, 6);
  }, 600_000);

  it('refuses to write a result whose cost lines do not add up', async () => {
    // Prepare
    const out = join(dir, 'bad.json');
    const bad = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: 2, node: 'v20.0.0' },
      ingest: { rawPutItemPerSecond: 1, newCasePerSecond: 1, p50Ms: 1, p99Ms: 1 },
      requestsPerMessage: { newCase: 1, threaded: 1, duplicate: 1 },
      bundles: [{ function: 'f', minifiedBytes: 1, coldInitMs: 1, bareNodeMs: 1 }],
      queue: { cases: 1, p50Ms: 1, p95Ms: 1 },
      search: { cases: 1, p50Ms: 1, p95Ms: 1 },
      costPer1000Cases: { usd: 3, excludes: [], lines: { ses: 1, s3: 1 } },
    };

    // Act / Assess
    await expect(writeBenchResult(out, bad)).rejects.toThrow(/lines must add up to usd/);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });
});
