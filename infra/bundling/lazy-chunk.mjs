/**
 * After esbuild has bundled a function, build one of its lazy chunks beside it
 * (infra/src/bundling.ts LAZY_CHUNKS): the chunk's source module, minified, as
 * CommonJS (so it loads without a package.json) under the name the bundle's
 * dynamic import asks for, e.g. outbound's letter-pdf.ts with pdf-lib as
 * `letter-pdf.js`. esbuild is a dependency of this repository: offline, no Docker.
 *
 * Usage: node infra/bundling/lazy-chunk.mjs <repository root> <bundle output dir> <source> <file>
 *   e.g. … packages/outbound/src/letter-pdf.ts ./letter-pdf.js
 */
import { join } from 'node:path';
import { build } from 'esbuild';

const [root, out, source, file] = process.argv.slice(2);
if (!root || !out || !source || !file) {
  console.error('usage: lazy-chunk.mjs <repository root> <bundle output dir> <source> <file>');
  process.exit(2);
}
await build({
  entryPoints: [join(root, source)],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  outfile: join(out, file),
  logLevel: 'warning',
});
