import type { BuildOptions, Metafile } from 'esbuild';
import { postalMimeCopy } from './postal-mime-copy.js';
import { sdkClientAliases } from './sdk-schemas.js';
import { zodCopy } from './zod-copy.js';

/**
 * How the functions are bundled, shared by CDK (constructs/inbox-function.ts)
 * and `npm run bench` (bench/bundles.ts), with no CDK import so the bench and
 * tests can read it cheaply.
 */

/** Only the local stack reads letters with tesseract; never bundle it. */
export const NEVER_BUNDLED = ['tesseract.js', '@tesseract.js-data/eng', '@tesseract.js-data/osd'];

/**
 * The AWS SDK v3 is bundled (the clients a function imports, minified,
 * tree-shaken), though the nodejs24.x runtime ships one. Why: start-up.
 * Measured 2026-12-01 (bench/README.md, "Bundles after i15-lean"): left to the
 * runtime, the timer sweep's bundle is 377 KB instead of 605 KB and the SMS
 * function's 403 KB instead of 860 KB, but importing them costs ~+580 ms and
 * ~+550 ms more CPU, because node then loads each SDK package's whole CommonJS
 * build (every command of DynamoDB, S3, SES…, unshakeable), exactly as it would
 * from the runtime's /var/runtime/node_modules (the bench resolves them from
 * this repository's node_modules, which hold the same dist-cjs files). Start-up
 * is what a resident or officer waits for; the size is not. Bundling also runs
 * on AWS the SDK versions the tests ran. Set this to false to leave `@aws-sdk/*`
 * to the runtime (CDK's default for Node 18+).
 */
export const BUNDLE_AWS_SDK = true;
const AWS_SDK = '@aws-sdk/*';

/**
 * Bundled functions resolve `@aws-sdk/credential-provider-node` (the default
 * credential chain every client imports) to bundling/lambda-credentials.mjs:
 * the environment provider only, which is where Lambda puts a function's
 * credentials. Repository-relative.
 */
export const LAMBDA_CREDENTIALS = 'infra/bundling/lambda-credentials.mjs';

/**
 * Bundled functions resolve `zod` to bundling/zod-namespace.mjs: zod's named
 * exports as they are, and a `z` namespace object with only what
 * @hono/zod-openapi uses it for, so esbuild can leave out zod's locales.
 * Repository-relative.
 */
export const ZOD_NAMESPACE = 'infra/bundling/zod-namespace.mjs';

/**
 * The functions that convert zod schemas to JSON Schema: the HTTP API describes request bodies
 * with `z.toJSONSchema` as it starts (packages/api). Every other function resolves `zod` to
 * bundling/zod-no-json-schema.mjs instead: the same exports from zod-copy.ts's copy, whose JSON
 * Schema conversion throws if ever called (bundling/no-json-schema.mjs; ~15 KB less).
 */
export const JSON_SCHEMA_USERS = ['http-api'];
export const ZOD_WITHOUT_JSON_SCHEMA = 'infra/bundling/zod-no-json-schema.mjs';

/**
 * The email HTML sanitiser's libraries, once each (repository-relative):
 * - htmlparser2 as its ES build's `Parser` alone (bundling/htmlparser2-parser.mjs)
 *   for every importer: sanitize-html require()s it and channels imports it;
 *   esbuild would otherwise bundle both its CommonJS and ES builds (~155 KB
 *   more), and even the ES build alone, require()d, keeps every export: the DOM
 *   builder, domutils, dom-serializer and a second, older `entities` with its
 *   encoding tables (~100 KB), which neither importer calls;
 * - postcss replaced by bundling/no-postcss.mjs: sanitize-html calls it only
 *   for allowed `style` attributes, and our sanitiser allows none;
 * - dayjs replaced by bundling/no-dayjs.cjs: sanitize-html uses launder's
 *   `naughtyHref` alone, and only launder's date helpers call dayjs.
 */
export const EMAIL_HTML_ALIASES = {
  htmlparser2: 'infra/bundling/htmlparser2-parser.mjs',
  postcss: 'infra/bundling/no-postcss.mjs',
  dayjs: 'infra/bundling/no-dayjs.cjs',
};

/**
 * Bundled functions resolve `@smithy/core/event-streams` to
 * bundling/no-event-streams.mjs: no command they send streams events, and the
 * codec (~14 KB) would otherwise be in every bundle. Repository-relative.
 */
export const NO_EVENT_STREAMS = 'infra/bundling/no-event-streams.mjs';

/**
 * esbuild's `alias` option for a function, by its entry (CDK: `--alias` arguments). With the
 * SDK bundled, each `@aws-sdk/client-*` goes to its copy with tree-shakeable
 * schemas (sdk-schemas.ts; made here, at synth or bench time, when missing).
 */
export function aliasesOf(root: string, entry: string): Record<string, string> {
  const at = (file: string) => `${root.replace(/\/$/, '')}/${file}`;
  const jsonSchema = JSON_SCHEMA_USERS.includes(entry);
  // Without JSON Schema, zod's classic API comes from the copy, made here when missing (zod-copy.ts).
  if (!jsonSchema) zodCopy(root);
  return {
    zod: at(jsonSchema ? ZOD_NAMESPACE : ZOD_WITHOUT_JSON_SCHEMA),
    ...Object.fromEntries(Object.entries(EMAIL_HTML_ALIASES).map(([from, to]) => [from, at(to)])),
    // Its HTML entity table packed and built on first use (postal-mime-copy.ts; made here when missing).
    'postal-mime': postalMimeCopy(root),
    ...(BUNDLE_AWS_SDK
      ? {
          '@aws-sdk/credential-provider-node': at(LAMBDA_CREDENTIALS),
          '@smithy/core/event-streams': at(NO_EVENT_STREAMS),
          ...sdkClientAliases(root),
        }
      : {}),
  };
}

/** The letter function's native modules, copied in whole after bundling (bundling/copy-letter-modules.mjs). */
export const LETTER_NATIVE_MODULES = ['pdfjs-dist', '@napi-rs/canvas', 'sharp'];

/**
 * The functions that post letters (notices and officers' letters through
 * outbound's S3LetterPrinter). Their letter renderer (pdf-lib and its fonts,
 * ~425 KB minified) is a file of its own beside the bundle, `letter-pdf.js`
 * (LAZY_CHUNKS), loaded on the first letter: most invocations post none.
 */
export const LETTER_SENDERS = ['http-api', 'timer-act'];
/** The import of the renderer in outbound's s3-letter-printer.ts, left to resolve beside the bundle. */
export const LETTER_PDF_CHUNK = './letter-pdf.js';

/**
 * Code a function needs only on a rare path, built as a file of its own beside
 * its bundle (bundling/lazy-chunk.mjs: CommonJS, minified) and loaded by a
 * dynamic `import()` of exactly `file` the first time that path runs. Every
 * bundle leaves that import unresolved (externalModulesOf): esbuild keeps the
 * target of any `import()` it resolves, even one in code it then drops, and
 * wraps it and all it imports in lazy initialisers it cannot tree-shake (the
 * SMS function grew by 86 KB of unused contracts that way). So only the
 * functions listed in `functions` may reach the import: the module-graph test
 * (functions/test/module-graph.test.ts) fails if any other bundle keeps it.
 * A chunk has its own copy of what it uses: it must hand back plain data and
 * throw errors told apart by shape, not class.
 */
export interface LazyChunk {
  /** The specifier of the dynamic import in the source, and the chunk's file name beside the bundle. */
  file: string;
  /** The module built into the chunk, repository-relative. */
  source: string;
  /** The functions (entries) whose bundles load it, and beside which it is built. */
  functions: string[];
}

export const LAZY_CHUNKS: LazyChunk[] = [
  { file: LETTER_PDF_CHUNK, source: 'packages/outbound/src/letter-pdf.ts', functions: LETTER_SENDERS },
  // Releasing a quarantined email (POST /api/quarantine/{id}/release, a manager's rare action) parses it
  // with postal-mime and the HTML sanitiser: ~480 KB the HTTP function need not load for anything else.
  { file: './release-email.js', source: 'packages/services/src/release-email.ts', functions: ['http-api'] },
  // The act step posts few letters: its S3 client (~80 KB with the XML protocol and checksums) loads with
  // the first one (functions/src/lib/letter-put.ts).
  { file: './letter-s3.js', source: 'functions/src/lib/letter-s3.ts', functions: ['timer-act'] },
];

/**
 * Functions bundled with esbuild's code splitting (ES modules): `index.mjs`
 * holds what starting the function runs, and each module the code loads with
 * `import()` becomes a file of its own beside it (`<name>-<hash>.mjs`, with
 * shared `chunk-<hash>.mjs` files), loaded on first use. Unlike a lazy chunk
 * (below), nothing is copied: every module is in exactly one file, so classes
 * and schemas are the same objects whichever file loads them. The HTTP
 * function's router imports each group of routes on its first request
 * (packages/api/src/lazy.ts): start-up builds none of them. CDK builds these
 * with bundling/split-bundle.ts after its own single-file build
 * (InboxFunction's afterBundling hook), replacing that `index.mjs`; the
 * chunks sit beside `index.mjs`, so the lazy chunks' `./<file>` imports
 * resolve from any of them.
 */
export const SPLIT_FUNCTIONS = ['http-api'];

/**
 * Left out of a code-split bundle: with code splitting esbuild writes a file
 * for every `import()` in the modules it reaches, even in code no handler
 * calls (one bundle keeps nothing of it). The HTTP function reads no letter
 * (pdf.js and sharp: channels' letter reader, ~540 KB) and runs in no browser
 * (bowser: the SDK's browser user agent, 34 KB): were one ever imported, it
 * would fail, not load silently.
 */
export const NEVER_LOADED_WHEN_SPLIT = ['pdfjs-dist', 'sharp', 'bowser'];

/**
 * esbuild's options for a function in SPLIT_FUNCTIONS, writing `index.mjs` and its chunks to `outdir`,
 * built for `landlord`'s preset alone (as `bundleOptions`).
 */
export function splitBundleOptions(
  root: string,
  entry: string,
  outdir: string,
  landlord: string = DEFAULT_LANDLORD,
): BuildOptions {
  const { entryPoints, ...options } = bundleOptions(root, entry, landlord);
  return {
    ...options,
    external: [...(options.external ?? []), ...NEVER_LOADED_WHEN_SPLIT],
    entryPoints: { index: (entryPoints as string[])[0] as string },
    outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
  };
}

/**
 * The files of a code-split build (esbuild's metafile) that starting the
 * function loads: `index.mjs` and every file it imports statically, by file
 * name. The others load on first use. For the bench and the module-graph test.
 */
export function startupFiles(metafile: Metafile): Set<string> {
  const byName = new Map(Object.entries(metafile.outputs).map(([path, output]) => [path.split('/').pop(), output]));
  const startup = new Set<string>();
  const visit = (name: string) => {
    if (startup.has(name)) return;
    startup.add(name);
    for (const i of byName.get(name)?.imports ?? []) {
      if (i.kind === 'import-statement' && !i.external) visit(i.path.split('/').pop() as string);
    }
  };
  visit('index.mjs');
  return startup;
}

/** The lazy chunks built beside a function's bundle. */
export function lazyChunksOf(entry: string): LazyChunk[] {
  return LAZY_CHUNKS.filter((chunk) => chunk.functions.includes(entry));
}

/** Modules a function's bundle leaves out, by its entry (file name under functions/src without `.ts`). */
export function externalModulesOf(entry: string): string[] {
  return [
    ...NEVER_BUNDLED,
    ...(BUNDLE_AWS_SDK ? [] : [AWS_SDK]),
    ...(entry === 'letter-upload' ? LETTER_NATIVE_MODULES : []),
    ...LAZY_CHUNKS.map((chunk) => chunk.file),
  ];
}

/**
 * The landlords a deployment can serve: the shipped presets (packages/policies). Each deployment
 * serves one (infra config `policy`); its functions' bundles carry that preset alone.
 */
export const LANDLORDS = ['hightown', 'blairtummock'] as const;
export type Landlord = (typeof LANDLORDS)[number];
/** The landlord when none is named: infra config's default `policy`, and the bench's. */
export const DEFAULT_LANDLORD: Landlord = 'hightown';

/**
 * The functions that search cases (`CaseRepository.searchCases`: the HTTP API's `GET /api/search`).
 * Every other bundle leaves the search out, and with it the parser of typed phone numbers
 * (libphonenumber-js and its metadata, ~55 KB): the store's repository throws if asked to search there.
 */
export const SEARCHERS = ['http-api'];

/**
 * Build-time constants of a function's bundle (esbuild `define`; CDK: `--define` arguments):
 * - `process.env.INBOX_BUILD_LANDLORD`: the deployed landlord; packages/policies keeps that
 *   preset alone, and `loadPolicy` refuses the others by name (never serves the wrong one);
 * - `process.env.INBOX_BUILD_SEARCH`: `"off"` in a function not in SEARCHERS.
 * Unbundled (tests, the local stack, the CLI) both are unset: every preset, and search.
 */
export function definesOf(entry: string, landlord: string = DEFAULT_LANDLORD): Record<string, string> {
  if (!(LANDLORDS as readonly string[]).includes(landlord)) {
    throw new Error(`cannot bundle for landlord "${landlord}" (presets: ${LANDLORDS.join(', ')})`);
  }
  return {
    'process.env.INBOX_BUILD_LANDLORD': JSON.stringify(landlord),
    'process.env.INBOX_BUILD_SEARCH': JSON.stringify(SEARCHERS.includes(entry) ? 'on' : 'off'),
  };
}

/** Bundled CommonJS dependencies call require(); an ES module has none until this gives it one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __inboxCreateRequire } from 'node:module'; const require = __inboxCreateRequire(import.meta.url);";

/**
 * esbuild's options for one function as CDK's NodejsFunction gets them from
 * InboxFunction (ESM, node24, minified, the same modules left out, built for
 * one landlord), for the bench and the module-graph test; `root` is the
 * repository's root folder.
 */
export function bundleOptions(root: string, entry: string, landlord: string = DEFAULT_LANDLORD): BuildOptions {
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
    alias: aliasesOf(root, entry),
    define: definesOf(entry, landlord),
  };
}
