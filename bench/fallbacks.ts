/**
 * The bench's own measurements for the sections other modules may provide
 * (bench/queue-search.ts, bench/bundles.ts): run.ts uses those when they are
 * present and these otherwise, so latest.json is always complete.
 *
 * - Queue and search: the local stack (in memory) with `cases` cases filed by
 *   the real ingest, then `GET /api/cases?queue=all` and `GET /api/search`
 *   over HTTP on 127.0.0.1 as a manager. A search route the branch lacks (404)
 *   is reported as null latencies, not invented.
 * - Bundles: each functions/src handler bundled with esbuild the way
 *   infra/src/constructs/inbox-function.ts does (ESM, minified, AWS SDK
 *   included), then the median wall time of fresh `node` processes importing
 *   it beside the same for an empty script.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signLocalToken } from '@housing-inbox/api';
import { ingestMessage } from '@housing-inbox/core';
import { readSecret, startLocalStack } from '@housing-inbox/local';
import { build } from 'esbuild';
import { bundleOptions } from '../infra/src/bundling.js';
import { message } from './ingest.js';
import { median, percentile, round, timed } from './stats.js';

export interface Latency {
  cases: number;
  p50Ms: number | null;
  p95Ms: number | null;
  note?: string;
}

export interface BundleFigure {
  function: string;
  minifiedBytes: number;
  coldInitMs: number;
  bareNodeMs: number;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Queue and search latency over the local stack's HTTP API with `cases` cases stored. */
export async function measureQueueAndSearchLocally(opts: {
  cases: number;
  requests?: number;
}): Promise<{ queue: Latency; search: Latency }> {
  const requests = opts.requests ?? 200;
  const dataDir = await mkdtemp(join(tmpdir(), 'inbox-bench-queue-'));
  const stack = await startLocalStack({
    dataDir,
    inMemory: true,
    policy: 'hightown',
    startAt: new Date('2026-12-01T10:00:00Z'),
  });
  try {
    await timed(opts.cases, 4, (i) =>
      ingestMessage(stack.ingest, message({ from: { name: `Resident ${i}`, email: `r${i}@resident.example` } })),
    );
    const manager = stack.officers.find((o) => o.role === 'manager');
    if (!manager) throw new Error('the seeded directory has no manager');
    const headers = { authorization: `Bearer ${signLocalToken(manager, readSecret(dataDir))}` };
    const get = async (path: string) => {
      const res = await fetch(`${stack.httpUrl}${path}`, { headers });
      await res.arrayBuffer();
      return res.status;
    };
    const latency = async (path: (i: number) => string): Promise<Latency> => {
      const status = await get(path(0));
      if (status === 404) return { cases: opts.cases, p50Ms: null, p95Ms: null, note: `${path(0)} answered 404` };
      if (status !== 200) throw new Error(`${path(0)} answered ${status}`);
      const run = await timed(requests, 1, (i) => get(path(i)));
      return {
        cases: opts.cases,
        p50Ms: round(percentile(run.latenciesMs, 50)),
        p95Ms: round(percentile(run.latenciesMs, 95)),
      };
    };
    return {
      queue: await latency(() => '/api/cases?queue=all'),
      search: await latency((i) => `/api/search?q=r${(i * 7919) % opts.cases}%40resident.example`),
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Wall time of a fresh `node` running `script`, median of `runs`. */
function nodeStartMs(script: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, AWS_REGION: 'eu-west-2', NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    times.push(performance.now() - t);
    if (out.status !== 0) throw new Error(`node exited ${out.status}: ${out.stderr.toString().slice(0, 500)}`);
  }
  return median(times);
}

/** Every functions/src handler (or only `only`), bundled and imported cold. */
export async function measureBundlesLocally(opts: { runs?: number; only?: string[] } = {}): Promise<BundleFigure[]> {
  const runs = opts.runs ?? 5;
  const sources = (await readdir(join(ROOT, 'functions/src'))).filter((f) => f.endsWith('.ts'));
  const names = sources.map((f) => f.replace(/\.ts$/, '')).filter((n) => !opts.only || opts.only.includes(n));
  // Inside the repository so the external modules resolve from node_modules, as in the Lambda's own folder.
  const outdir = join(ROOT, 'bench/results/.bundles');
  await mkdir(outdir, { recursive: true });
  try {
    const bareNodeMs = round(nodeStartMs('', runs), 0);
    const figures: BundleFigure[] = [];
    for (const name of names) {
      const outfile = join(outdir, `${name}.mjs`);
      await build({ ...bundleOptions(ROOT, name), outfile, logLevel: 'silent' });
      await writeFile(join(outdir, 'package.json'), '{"type":"module"}');
      const script = `await import(${JSON.stringify(pathToFileURL(outfile).href)});`;
      figures.push({
        function: name,
        minifiedBytes: (await stat(outfile)).size,
        coldInitMs: round(nodeStartMs(script, runs), 0),
        bareNodeMs,
      });
    }
    return figures;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
