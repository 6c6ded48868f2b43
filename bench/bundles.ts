/**
 * What each Lambda function ships and what starting it costs: every handler
 * in functions/src bundled by esbuild as CDK's `InboxFunction` does (ESM,
 * node24, minified, the AWS SDK clients it uses bundled, the default
 * credential chain reduced to Lambda's environment credentials, the same
 * modules left out, for one landlord — `BENCH_LANDLORD`, Hightown unless
 * INBOX_BENCH_LANDLORD names another: infra/src/bundling.ts), then imported by
 * fresh `node` processes. Called by `npm run bench`.
 *
 * What is measured, and what is not:
 * - `minifiedBytes`: the bundle's JavaScript (no source map), in bytes; the
 *   goal is ≤ 500 KB. The lazy chunks beside it (`chunks`: the letter renderer
 *   for the letter senders, the email parser for the HTTP function's
 *   quarantine release) are not in it: they load only on those rare paths.
 *   For a code-split function (SPLIT_FUNCTIONS: the HTTP function), what
 *   starting it loads: `index.mjs` and the files it imports statically;
 *   `splitBytes` is the rest of its files, each loaded by the first request
 *   that needs it (a group of routes, the OpenAPI document).
 * - `coldInitMs`: the median wall time of 5 fresh `node` processes that import
 *   the bundle and exit (milliseconds); `bareNodeMs`: the same for an empty
 *   module. The goal is `coldInitMs − bareNodeMs` ≤ 150 ms. On a busy machine
 *   wall time includes waiting for a core, so `coldInitCpuMs` and
 *   `bareNodeCpuMs` give the same processes' CPU time (user + system): on an
 *   idle single core that is what the import takes.
 * - `firstUseMs`: what every first invocation adds that the import does not
 *   do for the landlord's policy (loaded on first use, once per container;
 *   the median CPU time over 5 fresh processes of `loadPolicy` on its own). The presets ship validated (packages/policies), so this is now
 *   near 0; it was ~80–90 ms while the first call validated the preset.
 *   Count it with the import against the goal. Building the
 *   clients and the repository on that first call is not measured (object
 *   construction, no code loading), nor is the first request's network time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { build } from 'esbuild';
import {
  bundleOptions,
  DEFAULT_LANDLORD,
  lazyChunksOf,
  SPLIT_FUNCTIONS,
  splitBundleOptions,
  startupFiles,
} from '../infra/src/bundling.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Inside the repository, so modules left out of a bundle resolve from node_modules as on Lambda's layer-less copy. */
const OUT = join(ROOT, 'node_modules', '.cache', 'inbox-bundles');
const RUNS = 5;
/**
 * The landlord the bundles are built for: a deployment serves one, and its functions carry that
 * preset alone (infra/src/bundling.ts `definesOf`). `INBOX_BENCH_LANDLORD=blairtummock` for the other.
 */
export const BENCH_LANDLORD = process.env.INBOX_BENCH_LANDLORD ?? DEFAULT_LANDLORD;

export interface BundleFigures {
  function: string;
  minifiedBytes: number;
  coldInitMs: number;
  bareNodeMs: number;
  coldInitCpuMs: number;
  bareNodeCpuMs: number;
  firstUseMs: number;
  /** The lazy chunks beside the bundle: file name → minified bytes. */
  chunks: Record<string, number>;
  /** A code-split function's files loaded on first use, not at start-up (bytes); 0 for the others. */
  splitBytes: number;
}

/** A code-split build's bytes: what `index.mjs` loads at start-up (with its static imports), and the rest. */
export function splitSizes(metafile: Metafile): { startupBytes: number; splitBytes: number } {
  const startup = startupFiles(metafile);
  let startupBytes = 0;
  let splitBytes = 0;
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!path.endsWith('.mjs')) continue;
    if (startup.has(path.split('/').pop() as string)) startupBytes += output.bytes;
    else splitBytes += output.bytes;
  }
  return { startupBytes, splitBytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/** Prints the process's CPU time (ms) as the last line after importing the module. */
const IMPORT_THEN_CPU = (file: string) =>
  `await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);`;

/** Median wall and CPU time (ms) of fresh node processes running `script`, and its last printed line's median. */
function freshProcesses(script: string): { wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: OUT,
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      encoding: 'utf8',
    });
    wall.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (run.status !== 0) throw new Error(`node failed: ${run.stderr.split('\n').slice(0, 3).join(' ')}`);
    cpu.push(Number(run.stdout.trim().split('\n').at(-1)));
  }
  return { wallMs: tenths(median(wall)), cpuMs: tenths(median(cpu)) };
}

/** Loading the policy on first use, timed inside fresh processes (ms). */
async function policyFirstUseMs(): Promise<number> {
  const outfile = join(OUT, 'policy-first-use.mjs');
  await build({
    stdin: {
      contents: `import { loadPolicy } from '@housing-inbox/policies';
        const t = process.cpuUsage(); loadPolicy(${JSON.stringify(BENCH_LANDLORD)}); const u = process.cpuUsage(t); console.log((u.user + u.system) / 1000);`,
      resolveDir: join(ROOT, 'functions', 'src'),
      loader: 'ts',
    },
    ...bundleOptions(ROOT, 'inbound-sms', BENCH_LANDLORD),
    entryPoints: undefined,
    outfile,
    logLevel: 'silent',
  });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, [outfile], { cwd: OUT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`policy first use failed: ${run.stderr.split('\n')[0]}`);
    times.push(Number(run.stdout.trim()));
  }
  return tenths(median(times));
}

/** Every function's figures, or only those of `only` (file names under functions/src without `.ts`). */
export async function measureBundles(only?: string[]): Promise<BundleFigures[]> {
  mkdirSync(OUT, { recursive: true });
  const bare = join(OUT, 'bare.mjs');
  writeFileSync(bare, '');
  const bareRun = freshProcesses(IMPORT_THEN_CPU(bare));
  const firstUseMs = await policyFirstUseMs();
  const entries = readdirSync(join(ROOT, 'functions', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .filter((entry) => !only?.length || only.includes(entry))
    .sort();
  const figures: BundleFigures[] = [];
  for (const entry of entries) {
    let outfile = join(OUT, `${entry}.mjs`);
    let minifiedBytes: number;
    let splitBytes = 0;
    if (SPLIT_FUNCTIONS.includes(entry)) {
      const outdir = join(OUT, entry);
      const result = await build({
        ...splitBundleOptions(ROOT, entry, outdir, BENCH_LANDLORD),
        metafile: true,
        logLevel: 'silent',
      });
      ({ startupBytes: minifiedBytes, splitBytes } = splitSizes(result.metafile));
      outfile = join(outdir, 'index.mjs');
    } else {
      const result = await build({
        ...bundleOptions(ROOT, entry, BENCH_LANDLORD),
        outfile,
        metafile: true,
        logLevel: 'silent',
      });
      minifiedBytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0] as string]?.bytes ?? 0;
    }
    const chunks: Record<string, number> = {};
    for (const chunk of lazyChunksOf(entry)) {
      // Built as CDK builds it after bundling (InboxFunction's afterBundling hook).
      const chunkDir = join(OUT, `${entry}-chunks`);
      const made = spawnSync(
        process.execPath,
        [join(ROOT, 'infra/bundling/lazy-chunk.mjs'), ROOT, chunkDir, chunk.source, chunk.file],
        { encoding: 'utf8' },
      );
      if (made.status !== 0) throw new Error(`building ${chunk.file} failed: ${made.stderr.split('\n')[0]}`);
      const chunkFile = join(chunkDir, chunk.file);
      chunks[chunk.file.replace(/^\.\//, '')] = statSync(chunkFile).size;
    }
    const run = freshProcesses(IMPORT_THEN_CPU(outfile));
    figures.push({
      function: entry,
      minifiedBytes,
      coldInitMs: run.wallMs,
      bareNodeMs: bareRun.wallMs,
      coldInitCpuMs: run.cpuMs,
      bareNodeCpuMs: bareRun.cpuMs,
      firstUseMs,
      chunks,
      splitBytes,
    });
  }
  return figures;
}

// `node --import tsx bench/bundles.ts [function …]` prints the table (every function, or those named).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await measureBundles(process.argv.slice(2));
  const first = rows[0];
  if (first) {
    console.log(
      `built for ${BENCH_LANDLORD}; bare node ${first.bareNodeMs} ms wall, ${first.bareNodeCpuMs} ms CPU; loading the policy on first use +${first.firstUseMs} ms`,
    );
  }
  for (const r of rows) {
    const kb = (r.minifiedBytes / 1024).toFixed(0);
    const wall = (r.coldInitMs - r.bareNodeMs).toFixed(0);
    const cpu = (r.coldInitCpuMs - r.bareNodeCpuMs).toFixed(0);
    const chunks = [
      ...(r.splitBytes ? [`code-split files ${(r.splitBytes / 1024).toFixed(0)} KB`] : []),
      ...Object.entries(r.chunks).map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KB`),
    ].join(', ');
    console.log(
      `${r.function.padEnd(15)} ${kb.padStart(6)} KB  import +${wall.padStart(4)} ms wall, +${cpu.padStart(4)} ms CPU${chunks ? `  (lazy: ${chunks})` : ''}`,
    );
  }
}
