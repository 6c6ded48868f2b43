/**
 * What each Lambda function ships and what importing it costs: every handler
 * in functions/src bundled by esbuild as CDK's `InboxFunction` does (ESM,
 * node24, minified, the AWS SDK clients it uses bundled, the same modules
 * left out: infra/src/bundling.ts), then imported by fresh `node` processes.
 * Called by `npm run bench`. The letter senders' renderer (`letter-pdf.js`,
 * loaded on the first letter) is not in their figure.
 *
 * - `minifiedBytes`: the bundle's JavaScript (no source map), in bytes;
 *   the goal is ≤ 500 KB.
 * - `coldInitMs`: the median wall time of 5 fresh `node` processes that import
 *   the bundle and exit (milliseconds); `bareNodeMs`: the same for an empty
 *   module. The goal is `coldInitMs − bareNodeMs` ≤ 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../infra/src/bundling.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Inside the repository, so modules left out of a bundle resolve from node_modules as on Lambda's layer-less copy. */
const OUT = join(ROOT, 'node_modules', '.cache', 'inbox-bundles');
const RUNS = 5;

export interface BundleFigures {
  function: string;
  minifiedBytes: number;
  coldInitMs: number;
  bareNodeMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median wall time (ms) of fresh node processes importing `file`. */
function coldImport(file: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [file], {
      cwd: OUT,
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr.split('\n').slice(0, 3).join(' ')}`);
    times.push(ms);
  }
  return Math.round(median(times) * 10) / 10;
}

export async function measureBundles(): Promise<
  Array<{ function: string; minifiedBytes: number; coldInitMs: number; bareNodeMs: number }>
> {
  mkdirSync(OUT, { recursive: true });
  const bare = join(OUT, 'bare.mjs');
  writeFileSync(bare, '');
  const bareNodeMs = coldImport(bare);
  const entries = readdirSync(join(ROOT, 'functions', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const figures: BundleFigures[] = [];
  for (const entry of entries) {
    const outfile = join(OUT, `${entry}.mjs`);
    const result = await build({ ...bundleOptions(ROOT, entry), outfile, metafile: true, logLevel: 'silent' });
    const minifiedBytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0] as string]?.bytes ?? 0;
    figures.push({ function: entry, minifiedBytes, coldInitMs: coldImport(outfile), bareNodeMs });
  }
  return figures;
}

// `node --import tsx bench/bundles.ts` prints the table.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await measureBundles();
  for (const r of rows) {
    const kb = (r.minifiedBytes / 1024).toFixed(0);
    const over = (r.coldInitMs - r.bareNodeMs).toFixed(0);
    console.log(
      `${r.function.padEnd(15)} ${kb.padStart(6)} KB  import +${over.padStart(4)} ms (bare node ${r.bareNodeMs} ms)`,
    );
  }
}
