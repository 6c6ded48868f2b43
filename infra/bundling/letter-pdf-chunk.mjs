/**
 * After esbuild has bundled a function that posts letters (infra/src/bundling.ts
 * LETTER_SENDERS), build its letter renderer beside it: outbound's
 * letter-pdf.ts with pdf-lib, minified, as `letter-pdf.js` (CommonJS, so it
 * loads without a package.json), which the bundle imports on the first letter.
 * esbuild is a dependency of this repository: offline, no Docker.
 *
 * Usage: node infra/bundling/letter-pdf-chunk.mjs <repository root> <bundle output dir>
 */
import { join } from 'node:path';
import { build } from 'esbuild';

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error('usage: letter-pdf-chunk.mjs <repository root> <bundle output dir>');
  process.exit(2);
}
await build({
  entryPoints: [join(root, 'packages/outbound/src/letter-pdf.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  outfile: join(out, 'letter-pdf.js'),
  logLevel: 'warning',
});
