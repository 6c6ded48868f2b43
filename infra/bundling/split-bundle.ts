/**
 * After CDK's NodejsFunction has bundled a function of SPLIT_FUNCTIONS
 * (infra/src/bundling.ts) into one `index.mjs`, build it again with esbuild's
 * code splitting into the same folder: `index.mjs` (what starting the function
 * runs) and the files it loads with `import()` on first use. Same options as
 * every function's (bundleOptions), source maps as InboxFunction's. Offline;
 * run with tsx from the repository root (CDK runs hooks there).
 *
 * Usage: node --import tsx infra/bundling/split-bundle.ts <repository root> <bundle output dir> <entry> <landlord>
 * (the landlord whose preset alone the bundle carries, as the function's `POLICY`).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { SPLIT_FUNCTIONS, splitBundleOptions } from '../src/bundling.js';

const [root, out, entry, landlord] = process.argv.slice(2);
if (!root || !out || !entry || !landlord || !SPLIT_FUNCTIONS.includes(entry)) {
  console.error('usage: split-bundle.ts <repository root> <bundle output dir> <entry of SPLIT_FUNCTIONS> <landlord>');
  process.exit(2);
}
for (const file of ['index.mjs', 'index.mjs.map']) rmSync(join(out, file), { force: true });
await build({
  ...splitBundleOptions(root, entry, out, landlord),
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
