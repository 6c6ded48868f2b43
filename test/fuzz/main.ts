/**
 * `npm run fuzz`: 10,000 generated or mutated inputs per channel (email, SMS,
 * web form, letter) through the real ingest on the embedded store, then a
 * recount; prints a report per channel and exits 1 if any input was lost, any
 * threw, or any promise was left rejected without a handler.
 *
 *   node --import tsx test/fuzz/main.ts [--runs N] [--channel email|sms|web-form|letter] [--seed N] [--images N]
 *
 * `--images` is the number of image letters (OCR, slow) per 1,000 letters; default 1.
 */
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
  },
});
const runs = Number(values.runs);
const channels = (values.channel ?? FUZZ_CHANNELS) as FuzzChannel[];
const bad = channels.find((c) => !FUZZ_CHANNELS.includes(c));
if (!Number.isInteger(runs) || runs < 1 || bad) {
  console.error(
    bad ? `fuzz: unknown channel ${bad} (${FUZZ_CHANNELS.join(', ')})` : `fuzz: --runs must be a positive whole number`,
  );
  process.exit(2);
}
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);

const reports: FuzzReport[] = [];
let failed = false;
for (const channel of channels) {
  const bed = await fuzzBed();
  const started = performance.now();
  try {
    const report = await fuzzChannel(bed, channel, runs, {
      seed,
      imagesPerThousand: Number(values.images),
      onProgress: (n) => {
        if (n % 1000 === 0) process.stderr.write(`fuzz: ${channel} ${n}/${runs}\n`);
      },
    });
    reports.push(report);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`\n${channel}: ${report.inputs} inputs in ${seconds} s (seed ${seed})`);
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
    await bed.stop();
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
