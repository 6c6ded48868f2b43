import type { BuildOptions } from 'esbuild';

/**
 * How the functions are bundled, shared by CDK (constructs/inbox-function.ts)
 * and `npm run bench` (bench/bundles.ts), with no CDK import so the bench and
 * tests can read it cheaply.
 */

/** Only the local stack reads letters with tesseract; never bundle it. */
export const NEVER_BUNDLED = ['tesseract.js', '@tesseract.js-data/eng', '@tesseract.js-data/osd'];

/**
 * The AWS SDK v3 is bundled (the clients a function imports, minified), though
 * the nodejs24.x runtime ships one. Measured (bench/README.md, 2026-11-30):
 * left to the runtime, the SMS bundle is 384 KB instead of ~950 KB, but its
 * cold import costs twice the CPU (+1.26 s against +0.55 s over bare node on
 * the loaded bench machine), because node then loads hundreds of unbundled SDK
 * files, as it would from the runtime's /var/runtime/node_modules. Start-up is
 * what a resident or officer waits for; the size is not. Bundling also runs on
 * AWS the SDK versions the tests ran. Set this to false to leave `@aws-sdk/*`
 * to the runtime (CDK's default for Node 18+).
 */
export const BUNDLE_AWS_SDK = true;
const AWS_SDK = '@aws-sdk/*';

/** The letter function's native modules, copied in whole after bundling (bundling/copy-letter-modules.mjs). */
export const LETTER_NATIVE_MODULES = ['pdfjs-dist', '@napi-rs/canvas', 'sharp'];

/**
 * The functions that post letters (notices and officers' letters through
 * outbound's S3LetterPrinter). Their letter renderer (pdf-lib and its fonts,
 * ~425 KB minified) is a file of its own beside the bundle, `letter-pdf.js`
 * (bundling/letter-pdf-chunk.mjs), loaded on the first letter: most
 * invocations post none. (Any other function reaching the printer would carry
 * the renderer inside its bundle instead, as before: larger, never broken.)
 */
export const LETTER_SENDERS = ['http-api', 'timer-act'];
/** The import of the renderer in outbound's s3-letter-printer.ts, left to resolve beside the bundle. */
export const LETTER_PDF_CHUNK = './letter-pdf.js';

/** Modules a function's bundle leaves out, by its entry (file name under functions/src without `.ts`). */
export function externalModulesOf(entry: string): string[] {
  return [
    ...NEVER_BUNDLED,
    ...(BUNDLE_AWS_SDK ? [] : [AWS_SDK]),
    ...(entry === 'letter-upload' ? LETTER_NATIVE_MODULES : []),
    ...(LETTER_SENDERS.includes(entry) ? [LETTER_PDF_CHUNK] : []),
  ];
}

/** Bundled CommonJS dependencies call require(); an ES module has none until this gives it one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __inboxCreateRequire } from 'node:module'; const require = __inboxCreateRequire(import.meta.url);";

/**
 * esbuild's options for one function as CDK's NodejsFunction gets them from
 * InboxFunction (ESM, node24, minified, the same modules left out), for the
 * bench and the module-graph test; `root` is the repository's root folder.
 */
export function bundleOptions(root: string, entry: string): BuildOptions {
  return {
    entryPoints: [`${root.replace(/\/$/, '')}/functions/src/${entry}.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    external: externalModulesOf(entry),
  };
}
