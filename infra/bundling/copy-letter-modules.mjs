/**
 * After esbuild has bundled the letter-upload function, copy in the modules it
 * loads from node_modules at run time instead of from the bundle:
 *   - pdfjs-dist: pdf.js loads its worker and fonts by file path;
 *   - @napi-rs/canvas and its linux-x64-gnu binary: pdf.js needs it to load at
 *     all in Node (DOMMatrix), and to draw scanned pages for OCR;
 *   - sharp, its dependencies and its linux-x64 binary with libvips: photos of
 *     letters are straightened and cleaned before OCR (channels' letter/prepare.ts).
 * Everything comes from this repository's node_modules, so bundling works
 * offline. The binary is the Linux x64 (glibc) build Lambda x86_64 runs; it is
 * there after `npm ci` on Linux x64. Elsewhere install it once with
 *   npm install --no-save --os=linux --cpu=x64 @napi-rs/canvas-linux-x64-gnu@<same version as @napi-rs/canvas>
 *
 * Usage: node infra/bundling/copy-letter-modules.mjs <repository root> <bundle output dir>
 */
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error('usage: copy-letter-modules.mjs <repository root> <bundle output dir>');
  process.exit(2);
}
const from = join(root, 'node_modules');
const to = join(out, 'node_modules');

const PARTS = {
  'pdfjs-dist': [
    'package.json',
    'LICENSE',
    'legacy/build/pdf.mjs',
    'legacy/build/pdf.worker.mjs',
    'standard_fonts',
    'cmaps',
    'iccs',
    'wasm',
  ],
  '@napi-rs/canvas': ['package.json', 'LICENSE', 'index.js', 'js-binding.js', 'geometry.js', 'load-image.js'],
  '@napi-rs/canvas-linux-x64-gnu': ['package.json', 'skia.linux-x64-gnu.node'],
  sharp: ['package.json', 'LICENSE', 'dist'],
  '@img/colour': ['.'],
  'detect-libc': ['.'],
  semver: ['.'],
  '@img/sharp-linux-x64': ['.'],
  '@img/sharp-libvips-linux-x64': ['.'],
};

const canvasVersion = JSON.parse(readFileSync(join(from, '@napi-rs/canvas/package.json'), 'utf8')).version;
if (!existsSync(join(from, '@napi-rs/canvas-linux-x64-gnu/skia.linux-x64-gnu.node'))) {
  console.error(
    'letter-upload bundling needs @napi-rs/canvas-linux-x64-gnu (the PDF renderer Lambda x86_64 runs). ' +
      `Install it with: npm install --no-save --os=linux --cpu=x64 @napi-rs/canvas-linux-x64-gnu@${canvasVersion}`,
  );
  process.exit(1);
}

for (const [pkg, parts] of Object.entries(PARTS)) {
  for (const part of parts) {
    const source = join(from, pkg, part);
    if (!existsSync(source)) {
      if (part === 'LICENSE') continue;
      console.error(`letter-upload bundling: ${pkg}/${part} is missing from node_modules`);
      process.exit(1);
    }
    const target = join(to, pkg, part);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true });
  }
}
