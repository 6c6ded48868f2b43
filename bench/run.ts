/**
 * `npm run bench`: measures, prints a table and writes bench/results/latest.json
 * (CONTRACTS.md "Benchmarks"; checked by result.ts before it is written).
 *
 *   node --import tsx bench/run.ts [--cases N] [--queue-cases N] [--runs N] [--ocr] [--out FILE]
 *
 * Sections: ingest (new cases per second and latency beside raw PutItem, same
 * store, same run), requestsPerMessage (SDK middleware), bundles, queue and
 * search latency, the working-day engine, the cost model. Queue/search and
 * bundles come from bench/queue-search.ts and bench/bundles.ts when those
 * files exist, otherwise from fallbacks.ts. `--ocr` adds the letter OCR
 * accuracy bench (slow: real tesseract over every letter fixture).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CASE_KINDS, computeTargets, type LandlordPolicy } from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';
import { costPer1000Cases } from './cost.js';
import { type BundleFigure, type Latency, measureBundlesLocally, measureQueueAndSearchLocally } from './fallbacks.js';
import { measureIngest, measureRequests } from './ingest.js';
import { type BenchResult, writeBenchResult } from './result.js';
import { round, timed } from './stats.js';

/** One query's figures from bench/queue-search.ts (kept in latest.json beside the contract's keys). */
interface QueryDetail {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: Record<string, number>;
  itemsRead: number;
}

export interface BenchOptions {
  /** New cases (and raw PutItems) per ingest measurement. */
  cases: number;
  /** Cases stored before measuring queue and search (default 5,000; `--queue-cases 100000` for the published figure). */
  queueCases: number;
  /** Without bench/queue-search.ts the fallback files cases through the real ingest: at most this many. */
  fallbackQueueCases: number;
  /** Requests per latency figure in the fallback (default 200). */
  queueRequests?: number;
  /** Fresh processes per cold-import median. */
  runs: number;
  /** Only these functions' bundles (all when absent). */
  bundles?: string[];
  /** Include the letter OCR accuracy bench (vitest bench, slow). */
  ocr: boolean;
  out: string;
  /** Print progress and the table. */
  print: boolean;
}

const HERE = fileURLToPath(new URL('./', import.meta.url));
export const DEFAULT_OUT = `${HERE}results/latest.json`;

/** A module another part of the bench may provide; undefined when the file is not there. */
async function optional<T>(file: string): Promise<T | undefined> {
  const path = `${HERE}${file}`;
  return existsSync(path) ? ((await import(path)) as T) : undefined;
}

async function queueAndSearch(o: BenchOptions): Promise<{ queue: Latency; search: Latency; source: string }> {
  const mod = await optional<{
    measureQueueAndSearch(opts: { cases: number }): Promise<{ queue: Latency; search: Latency }>;
  }>('queue-search.ts');
  if (mod) return { ...(await mod.measureQueueAndSearch({ cases: o.queueCases })), source: 'bench/queue-search.ts' };
  const cases = Math.min(o.queueCases, o.fallbackQueueCases);
  return {
    ...(await measureQueueAndSearchLocally({ cases, requests: o.queueRequests ?? 200 })),
    source: 'bench/fallbacks.ts',
  };
}

async function bundles(o: BenchOptions): Promise<{ figures: BundleFigure[]; source: string }> {
  const mod = await optional<{ measureBundles(): Promise<BundleFigure[]> }>('bundles.ts');
  if (mod && !o.bundles) return { figures: await mod.measureBundles(), source: 'bench/bundles.ts' };
  return {
    figures: await measureBundlesLocally({ runs: o.runs, ...(o.bundles ? { only: o.bundles } : {}) }),
    source: 'bench/fallbacks.ts',
  };
}

/** Targets per second from the working-day engine (every kind, receipts spread over three years). */
async function measureTargets(count: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [id, policy] of Object.entries(presets)) {
    const kinds = CASE_KINDS.filter((k) => (policy as LandlordPolicy).targets[k]);
    const start = Date.parse('2026-01-01T00:00:00Z');
    const run = await timed(count, 1, async (i) => {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      computeTargets(policy as LandlordPolicy, {
        kind,
        received: new Date(start + ((i * 7_919_000) % 94_608_000_000)),
      });
    });
    out[id] = round(run.perSecond, 0);
  }
  return out;
}

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const say = (s: string) => o.print && process.stderr.write(`bench: ${s}\n`);
  say('requests per message');
  // A tiny run (the contract test) shares the reference blocks out over fewer cases.
  const requests = await measureRequests({ amortisedOver: Math.min(64, Math.max(2, o.cases)) });
  say(`ingest, ${o.cases} cases`);
  const ingest = await measureIngest({ cases: o.cases });
  say('working-day engine');
  const targets = await measureTargets(Math.max(100, o.cases * 10));
  // Before the queue and search: fresh processes timed beside a parent holding a seeded store of
  // 100,000 cases (a heap of several GB being collected) start up to twice as slowly, bare node too.
  say('bundles');
  const b = await bundles(o);
  say(
    `queue and search (${existsSync(`${HERE}queue-search.ts`) ? o.queueCases : Math.min(o.queueCases, o.fallbackQueueCases)} cases)`,
  );
  const qs = await queueAndSearch(o);
  const cost = costPer1000Cases(requests, ingest.p50Ms, qs.queue.p50Ms ?? 50);
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, cpu: cpus()[0]?.model ?? 'unknown' },
    ingest,
    requestsPerMessage: {
      newCase: requests.newCase,
      newCaseAmortised: requests.newCaseAmortised,
      threaded: requests.threaded,
      duplicate: requests.duplicate,
      detail: requests.detail,
    },
    bundles: b.figures,
    queue: qs.queue,
    search: qs.search,
    costPer1000Cases: cost,
    targetsPerSecond: targets,
    sources: { queueAndSearch: qs.source, bundles: b.source },
  };
  const written = await writeBenchResult(o.out, result);
  if (o.print) printTable(result);
  if (o.ocr) {
    say('letter OCR accuracy (vitest bench)');
    spawnSync('npx', ['vitest', 'bench', '--run', 'test/bench/letter-ocr.bench.ts'], {
      cwd: `${HERE}..`,
      stdio: 'inherit',
    });
  }
  return written;
}

function printTable(r: {
  ingest: Awaited<ReturnType<typeof measureIngest>>;
  requestsPerMessage: {
    newCase: number;
    newCaseAmortised: number;
    threaded: number;
    duplicate: number;
    detail: Awaited<ReturnType<typeof measureRequests>>['detail'];
  };
  bundles: BundleFigure[];
  queue: Latency;
  search: Latency;
  costPer1000Cases: ReturnType<typeof costPer1000Cases>;
}): void {
  const d = r.requestsPerMessage.detail;
  const ms = (n: number | null) => (n === null ? 'not measured' : `${n} ms`);
  const rows: [string, string, string | number][] = [
    ['ingest', 'raw PutItem per second', r.ingest.rawPutItemPerSecond],
    ['ingest', 'new cases per second (1 in flight)', r.ingest.newCasePerSecond],
    ['ingest', 'p50 / p99 per new case', `${r.ingest.p50Ms} / ${r.ingest.p99Ms} ms`],
    [
      'ingest',
      `new cases per second (${r.ingest.concurrent.inFlight} in flight)`,
      `${r.ingest.concurrent.newCasePerSecond} (p50 ${r.ingest.concurrent.p50Ms} ms, p99 ${r.ingest.concurrent.p99Ms} ms)`,
    ],
    [
      'ingest',
      `the same, DynamoDB one request at a time (before)`,
      `${r.ingest.concurrentOneRequestAtATime.newCasePerSecond} (p50 ${r.ingest.concurrentOneRequestAtATime.p50Ms} ms)`,
    ],
    ...(['newCase', 'threaded', 'duplicate'] as const).map((k): [string, string, string] => [
      'DynamoDB requests',
      k,
      `${d[k].total} (${Object.entries(d[k].byOperation)
        .map(([op, n]) => `${n} ${op}`)
        .join(', ')}; ${d[k].itemsWritten} items, ~${d[k].writeUnits} WRU)`,
    ]),
    [
      'DynamoDB requests',
      'newCase, averaged over a fresh process’s first 64 (its reference blocks shared out)',
      r.requestsPerMessage.newCaseAmortised,
    ],
    ...r.bundles.map((b): [string, string, string] => [
      'bundles',
      b.function,
      `${(b.minifiedBytes / 1e6).toFixed(2)} MB, cold import ${b.coldInitMs} ms (bare node ${b.bareNodeMs} ms)`,
    ]),
    ['queue', `GET /api/cases, ${r.queue.cases} cases`, `p50 ${ms(r.queue.p50Ms)}, p95 ${ms(r.queue.p95Ms)}`],
    ['search', `GET /api/search, ${r.search.cases} cases`, `p50 ${ms(r.search.p50Ms)}, p95 ${ms(r.search.p95Ms)}`],
    ...(['queue', 'search'] as const).flatMap((section) =>
      Object.entries((r[section] as Latency & { detail?: Record<string, QueryDetail> }).detail ?? {}).map(
        ([what, f]): [string, string, string] => [
          section,
          `  ${what}`,
          `p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms, p99 ${f.p99Ms} ms; ${Object.entries(f.requests)
            .map(([op, n]) => `${n} ${op}`)
            .join(', ')}, ${f.itemsRead} items read`,
        ],
      ),
    ),
    ...Object.entries(r.costPer1000Cases.lines).map((e): [string, string, string] => [
      'cost / 1,000 cases',
      e[0],
      `$${e[1]}`,
    ]),
    ['cost / 1,000 cases', 'total', `$${r.costPer1000Cases.usd}`],
    ['cost / 1,000 cases', 'apart: SMS carrier fees', `$${r.costPer1000Cases.apart.smsCarrierFees}`],
  ];
  console.table(rows.map(([section, what, value]) => ({ section, what, value })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '300' },
      'queue-cases': { type: 'string', default: '5000' },
      'fallback-queue-cases': { type: 'string', default: '1000' },
      runs: { type: 'string', default: '5' },
      ocr: { type: 'boolean', default: false },
      out: { type: 'string', default: DEFAULT_OUT },
    },
  });
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`bench: --${name} must be a positive whole number, not ${v}`);
      process.exit(2);
    }
    return n;
  };
  runBench({
    cases: int('cases', values.cases),
    queueCases: int('queue-cases', values['queue-cases']),
    fallbackQueueCases: int('fallback-queue-cases', values['fallback-queue-cases']),
    runs: int('runs', values.runs),
    ocr: values.ocr,
    out: values.out,
    print: true,
  }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
