/**
 * `npm run fuzz`: 10,000 generated or mutated inputs per channel (email, SMS,
 * web form, letter) through the real ingest on the embedded store, then a
 * recount; prints a report per channel and exits 1 if any input was lost, any
 * threw, or any promise was left rejected without a handler.
 *
 *   node --import tsx test/fuzz/main.ts [--runs N] [--channel email|sms|web-form|letter] [--seed N] [--images N] [--workers N]
 *
 * `--images` is the number of image letters (OCR, slow) per 1,000 letters; default 1.
 * `--workers N` splits each channel's runs over N processes, each with a store of its own and
 * seed `seed + i`, and adds their reports up (on a shared machine each process gets its own
 * share of the CPU: the 10,000 letters take N times less wall time).
 * `--minutes M` stops starting new inputs after M minutes; the inputs done are recounted and
 * reported (for a machine too busy to finish the run).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FUZZ_CHANNELS, type FuzzChannel, type FuzzReport, fuzzBed, fuzzChannel } from './ingest.js';

process.env.TZ = 'UTC';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    channel: { type: 'string', multiple: true },
    seed: { type: 'string' },
    images: { type: 'string', default: '1' },
    workers: { type: 'string', default: '1' },
    minutes: { type: 'string' },
    /** Set on a worker: print the report as one JSON line for the parent. */
    'report-json': { type: 'boolean', default: false },
  },
});
const workers = Number(values.workers);
const timeLimitMs = values.minutes === undefined ? undefined : Number(values.minutes) * 60_000;
const runs = Number(values.runs);
const channels = (values.channel ?? FUZZ_CHANNELS) as FuzzChannel[];
const bad = channels.find((c) => !FUZZ_CHANNELS.includes(c));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(workers) || workers < 1 || bad) {
  console.error(
    bad
      ? `fuzz: unknown channel ${bad} (${FUZZ_CHANNELS.join(', ')})`
      : `fuzz: --runs and --workers must be positive whole numbers`,
  );
  process.exit(2);
}
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);

/** `runs` of `channel` split over `workers` processes (this script with `--report-json`), their reports added up. */
async function inWorkers(channel: FuzzChannel): Promise<FuzzReport> {
  const shares = Array.from({ length: workers }, (_, i) => Math.floor(runs / workers) + (i < runs % workers ? 1 : 0));
  const parts = await Promise.all(
    shares.map(
      (share, i) =>
        new Promise<FuzzReport>((resolve, reject) => {
          const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--report-json', '--channel', channel];
          args.push('--runs', String(share), '--seed', String(seed + i), '--images', String(values.images));
          if (values.minutes !== undefined) args.push('--minutes', values.minutes);
          const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
          });
          child.on('error', reject);
          child.on('close', (code) => {
            const line = out.split('\n').find((l) => l.startsWith('FUZZ_REPORT '));
            if (line) resolve(JSON.parse(line.slice('FUZZ_REPORT '.length)) as FuzzReport);
            else reject(new Error(`worker ${i} (seed ${seed + i}) ended with code ${code} and no report:\n${out}`));
          });
        }),
    ),
  );
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
    return into;
  };
  return {
    channel,
    inputs: parts.reduce((n, p) => n + p.inputs, 0),
    outcomes: parts.reduce((o, p) => add(o, p.outcomes), {}),
    reasons: parts.reduce((o, p) => add(o, p.reasons), {}),
    lost: parts.flatMap((p) => p.lost),
    ...(channel === 'letter' ? { images: parts.reduce((n, p) => n + (p.images ?? 0), 0) } : {}),
  };
}

const reports: FuzzReport[] = [];
let failed = false;
for (const channel of channels) {
  const bed = workers > 1 ? undefined : await fuzzBed();
  const started = performance.now();
  try {
    const report = bed
      ? await fuzzChannel(bed, channel, runs, {
          seed,
          imagesPerThousand: Number(values.images),
          ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
          onProgress: (n) => {
            if (n % 1000 === 0) process.stderr.write(`fuzz: ${channel} ${n}/${runs} (seed ${seed})\n`);
          },
        })
      : await inWorkers(channel);
    if (values['report-json']) console.log(`FUZZ_REPORT ${JSON.stringify(report)}`);
    reports.push(report);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const seeds = workers > 1 ? `seeds ${seed}–${seed + workers - 1}, ${workers} workers` : `seed ${seed}`;
    console.log(`\n${channel}: ${report.inputs} inputs in ${seconds} s (${seeds})`);
    console.log('  outcomes:', JSON.stringify(report.outcomes));
    if (report.images !== undefined) console.log('  image letters (OCR):', report.images);
    console.log('  commonest quarantine reasons:', JSON.stringify(report.reasons, null, 1));
    if (report.lost.length > 0) {
      failed = true;
      console.log('  LOST:', report.lost.slice(0, 20));
    } else console.log('  recount: every input is on a case or in quarantine with its reason');
  } catch (err) {
    failed = true;
    console.log(`\n${channel}: FAILED (seed ${seed})\n${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await bed?.stop();
  }
}
if (unhandled.length > 0) {
  failed = true;
  console.log(`\n${unhandled.length} unhandled rejection(s):`, unhandled.slice(0, 5));
}
console.log(
  `\nfuzz: ${reports.reduce((n, r) => n + r.inputs, 0)} inputs, ${failed ? 'FAILURES (see above)' : 'nothing lost, nothing thrown'}`,
);
process.exit(failed ? 1 : 0);
