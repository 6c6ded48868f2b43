/**
 * Each function bundles only what its own handler uses (issue 15): the module
 * graph esbuild builds for a function, as InboxFunction bundles it, holds none
 * of the code meant for other functions. Sizes and start-up times are
 * `npm run bench`'s (bench/bundles.ts), not asserted here.
 */

import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  bundleOptions,
  LAZY_CHUNKS,
  SPLIT_FUNCTIONS,
  splitBundleOptions,
  startupFiles,
} from '../../infra/src/bundling.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Bundle {
  /** The files the bundle is made of (repository-relative paths), code-split files included. */
  graph: string[];
  /** The files of the bundle that starting the function loads (`index.mjs` and what it imports statically). */
  startup: string[];
  /** The bundle's JavaScript (a code-split bundle's files one after another). */
  text: string;
  /** Each output file's name (`index.mjs` first) and JavaScript. */
  files: { name: string; text: string }[];
}

const bundles = new Map<string, Promise<Bundle>>();
/** A function's bundle as InboxFunction builds it; each function built once per run. */
function bundleOf(entry: string): Promise<Bundle> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = buildBundle(entry);
    bundles.set(entry, bundle);
  }
  return bundle;
}

async function moduleGraph(entry: string): Promise<string[]> {
  return (await bundleOf(entry)).graph;
}

/** As InboxFunction builds it: one `index.mjs`, or for SPLIT_FUNCTIONS `index.mjs` and the files it loads on first use. */
async function buildBundle(entry: string): Promise<Bundle> {
  const outdir = join(ROOT, 'node_modules/.cache/module-graph-test', entry);
  const options = SPLIT_FUNCTIONS.includes(entry)
    ? splitBundleOptions(ROOT, entry, outdir)
    : { ...bundleOptions(ROOT, entry), outfile: join(outdir, 'index.mjs') };
  const { metafile, outputFiles } = await build({ ...options, write: false, metafile: true });
  const outputs = Object.entries(metafile.outputs).map(([path, output]) => ({
    name: path.split('/').pop() as string,
    output,
  }));
  const byName = new Map(outputs.map(({ name, output }) => [name, output]));
  const startupNames = startupFiles(metafile);
  const inputsOf = (names: string[]) => [
    ...new Set(
      names.flatMap((name) =>
        Object.entries(byName.get(name)?.inputs ?? {})
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([path]) => path),
      ),
    ),
  ];
  const files = outputFiles
    .filter((file) => file.path.endsWith('.mjs'))
    .map((file) => ({ name: file.path.split('/').pop() as string, text: file.text }))
    .sort((a, b) => Number(b.name === 'index.mjs') - Number(a.name === 'index.mjs'));
  return {
    graph: inputsOf(outputs.map(({ name }) => name)),
    startup: inputsOf([...startupNames]),
    text: files.map((file) => file.text).join('\n'),
    files,
  };
}

/** Writes a function's bundle (every file) to a folder of its own; the path of its `index.mjs`. */
async function written(entry: string): Promise<string> {
  const dir = join(ROOT, 'node_modules/.cache/module-graph-test', entry);
  await mkdir(dir, { recursive: true });
  for (const file of (await bundleOf(entry)).files) await writeFile(join(dir, file.name), file.text);
  return join(dir, 'index.mjs');
}

/**
 * `source` (a module under functions/src) bundled with a function's options (and landlord), run in
 * plain node: its last line of output.
 */
async function runBundled(entry: string, source: string, landlord?: string): Promise<string> {
  const dir = join(ROOT, 'node_modules/.cache/module-graph-test');
  await mkdir(dir, { recursive: true });
  const outfile = join(dir, `run-${entry}-${landlord ?? 'default'}.mjs`);
  await build({
    ...bundleOptions(ROOT, entry, landlord),
    entryPoints: undefined,
    stdin: { contents: source, resolveDir: join(ROOT, 'functions/src'), loader: 'ts' },
    outfile,
    logLevel: 'silent',
  });
  const { stdout } = await promisify(execFile)(process.execPath, [outfile], {
    cwd: dir,
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  return stdout.trim().split('\n').at(-1) as string;
}

const ENTRIES = (await readdir(join(ROOT, 'functions/src')))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

const from = (graph: string[], pattern: RegExp) => graph.filter((path) => pattern.test(path));
/** An AWS SDK client, installed or as the functions bundle it (infra/src/sdk-schemas.ts copies). */
const sdkClient = (names: string) => new RegExp(`node_modules/(@aws-sdk|\\.cache/inbox-sdk)/client-(${names})/`);

/** Letter PDFs, other countries' holidays and time zones, email HTML, OCR, the router, zod's locales. */
const NOT_FOR_INGEST =
  /node_modules\/(pdf-lib|@pdf-lib|moment|moment-timezone|date-holidays|astronomia|tesseract\.js|sanitize-html|htmlparser2|hono|@hono|fflate|zod\/v4\/locales\/(?!en\.))/;
/** What no function runs on Lambda: other locales than English, the credential chain's links beyond the environment. */
const NOT_ON_LAMBDA =
  /node_modules\/(zod\/v4\/locales\/(?!en\.)|@aws-sdk\/(nested-clients|credential-provider-(?!env\/)|client-sso|client-sts)|@smithy\/credential-provider-imds)/;

// Bundling is CPU work: on a busy 2-core machine a build can take several seconds.
describe('what each function bundles', { timeout: 120_000 }, () => {
  it('the SMS function: ingest and its store, no PDFs, time-zone library, email HTML, OCR, router or unused SDK client', async () => {
    const graph = await moduleGraph('inbound-sms');
    expect(from(graph, /packages\/core\/src\/ingest\//).length).toBeGreaterThan(0);
    expect(from(graph, /packages\/channels\/src\/sms\.ts$/)).toHaveLength(1);
    expect(from(graph, NOT_FOR_INGEST)).toEqual([]);
    // Notices, commands and the senders are the timers' and the HTTP API's.
    expect(from(graph, /packages\/(outbound\/src\/(s3-letter|sns-sms|letter-pdf)|core\/src\/commands\/)/)).toEqual([]);
    // Of the AWS SDK, only the clients it calls: no SNS, Textract or Lambda.
    expect(from(graph, sdkClient('dynamodb')).length).toBeGreaterThan(0);
    expect(from(graph, sdkClient('sns|textract|lambda|sqs'))).toEqual([]);
  });

  it('the timers’ plan step and sweep send nothing, so carry no senders', async () => {
    for (const entry of ['timer-plan', 'timer-sweep']) {
      const graph = await moduleGraph(entry);
      expect(from(graph, /packages\/timers\/src\//).length).toBeGreaterThan(0);
      expect(from(graph, NOT_FOR_INGEST)).toEqual([]);
      expect(from(graph, /packages\/outbound\/src\//)).toEqual([]);
    }
  });

  it('only the email function parses email HTML', async () => {
    expect(
      from(await moduleGraph('inbound-email'), /node_modules\/(sanitize-html|\.cache\/inbox-postal-mime)\//).length,
    ).toBeGreaterThan(1);
    expect(
      from(
        await moduleGraph('sending-events'),
        /node_modules\/(sanitize-html|postal-mime|\.cache\/inbox-postal-mime|pdf-lib)\//,
      ),
    ).toEqual([]);
  });

  it('no function carries zod’s other locales or the credential chain beyond Lambda’s environment variables', async () => {
    for (const entry of ENTRIES) {
      expect({ entry, found: from(await moduleGraph(entry), NOT_ON_LAMBDA) }).toEqual({ entry, found: [] });
    }
  });

  it('the timers’ plan and sweep, the call log and sending events never touch payloads, so carry no S3 client', async () => {
    // The act step posts letters with an S3 client loaded with the first one (the `letter-s3.js` chunk).
    for (const entry of ['timer-plan', 'timer-sweep', 'connect-calls', 'sending-events', 'timer-act']) {
      expect({ entry, found: from(await moduleGraph(entry), sdkClient('s3')) }).toEqual({
        entry,
        found: [],
      });
    }
  });

  it('the ingest functions send nothing, so carry no SES, SNS or letter client', async () => {
    // CDK makes none of them a sender (ingest-runtime.ts): a new case's owner is emailed by its first timer step.
    for (const entry of ['inbound-sms', 'inbound-email', 'letter-upload']) {
      expect({ entry, found: from(await moduleGraph(entry), sdkClient('sesv2|sns')) }).toEqual({
        entry,
        found: [],
      });
    }
  });

  it('only the letter function carries the Textract client', async () => {
    for (const entry of ENTRIES) {
      const carries = from(await moduleGraph(entry), sdkClient('textract')).length > 0;
      expect({ entry, carries }).toEqual({ entry, carries: entry === 'letter-upload' });
    }
  });

  it('only the functions that start or re-plan timers carry the Step Functions client', async () => {
    // Ingest, the HTTP API and the sweep announce changes; the rest never open or change a case.
    const starters = ['inbound-sms', 'inbound-email', 'letter-upload', 'http-api', 'timer-sweep'];
    for (const entry of ENTRIES) {
      const carries = from(await moduleGraph(entry), sdkClient('sfn')).length > 0;
      expect({ entry, carries }).toEqual({ entry, carries: starters.includes(entry) });
    }
  });

  it('only the functions that read phone numbers from outside carry a phone parser, with the sliced metadata', async () => {
    // Ingest reads senders' numbers, the HTTP API typed ones (search, subject access, letters read in);
    // the others read only stored numbers, already E.164 (test/stored-phones.test.ts).
    const readers = ['inbound-email', 'inbound-sms', 'letter-upload', 'http-api'];
    for (const entry of ENTRIES) {
      const graph = await moduleGraph(entry);
      expect({ entry, found: from(graph, /node_modules\/libphonenumber-js\/metadata\./) }).toEqual({
        entry,
        found: [],
      });
      const parses = graph.includes('packages/core/src/phone-metadata.json');
      expect({ entry, parses }).toEqual({ entry, parses: readers.includes(entry) });
      expect({ entry, found: from(graph, /node_modules\/libphonenumber-js\//).length > 0 }).toEqual({
        entry,
        found: readers.includes(entry),
      });
    }
  });

  it('only the HTTP function carries the search; elsewhere asking to search fails, saying so', async () => {
    for (const entry of ENTRIES) {
      const carries = (await moduleGraph(entry)).includes('packages/store/src/search.ts');
      expect({ entry, carries }).toEqual({ entry, carries: entry === 'http-api' });
    }
    const run = await runBundled(
      'timer-plan',
      `import { DynamoCaseRepository } from '@housing-inbox/store';
       const repository = new DynamoCaseRepository({ tableName: 't' });
       console.log(await repository.searchCases('07700 900123', { visible: () => true }).catch((e) => e.message));`,
    );
    expect(run).toBe('search is not bundled in this function (infra/src/bundling.ts SEARCHERS)');
  });

  it.each([
    ['hightown', 'blairtummock'],
    ['blairtummock', 'hightown'],
  ])('a bundle built for %s carries its preset alone and refuses %s by name', async (landlord, other) => {
    const run = await runBundled(
      'timer-plan',
      `import { loadPolicy, presetIds } from '@housing-inbox/policies';
       let refused;
       try { loadPolicy(${JSON.stringify(other)}); } catch (e) { refused = e.name + ': ' + e.message; }
       console.log(JSON.stringify({ presets: presetIds, id: loadPolicy(${JSON.stringify(landlord)}).id, refused }));`,
      landlord,
    );
    expect(JSON.parse(run)).toEqual({
      presets: [landlord],
      id: landlord,
      refused: `PolicyError: policy "${other}" is not in this build: it was bundled for ${landlord} alone (one landlord per deployment: infra config "policy" names it)`,
    });
    const { metafile } = await build({
      ...bundleOptions(ROOT, 'timer-plan', landlord),
      write: false,
      outfile: 'timer-plan.mjs',
      metafile: true,
    });
    const inputs = Object.values(metafile.outputs)[0]?.inputs ?? {};
    expect(inputs[`packages/policies/src/presets/${other}.ts`]?.bytesInOutput ?? 0).toBe(0);
    expect(inputs[`packages/policies/src/presets/${landlord}.ts`]?.bytesInOutput).toBeGreaterThan(0);
  });

  it('only the HTTP function carries zod’s JSON Schema conversion; elsewhere zod validates, and converting says it is not bundled', async () => {
    // infra/src/zod-copy.ts: the API describes request bodies with z.toJSONSchema (test below); no other function converts.
    for (const entry of ENTRIES) {
      const carries = from(await moduleGraph(entry), /node_modules\/zod\/v4\/core\/to-json-schema\.js$/).length > 0;
      expect({ entry, carries }).toEqual({ entry, carries: entry === 'http-api' });
    }
    const run = await runBundled(
      'timer-plan',
      `import * as z from 'zod';
       const name = z.string().min(2).max(30);
       let converted;
       try { z.toJSONSchema(name); } catch (e) { converted = e.message; }
       let standard;
       try { name['~standard'].jsonSchema.input({ target: 'draft-2020-12' }); } catch (e) { standard = e.message; }
       console.log(JSON.stringify({ ok: name.safeParse('Ada').success, short: name.safeParse('A').success,
         maxLength: name.maxLength, converted, standard }));`,
    );
    const notBundled =
      "zod's JSON Schema conversion is not bundled in this function (infra/bundling/no-json-schema.mjs)";
    expect(JSON.parse(run)).toEqual({
      ok: true,
      short: false,
      maxLength: 30,
      converted: notBundled,
      standard: notBundled,
    });
  });

  it('the retention function carries retention alone: no subject-access export or its zip library', async () => {
    const graph = await moduleGraph('retention');
    expect(graph).toContain('packages/services/src/retention.ts');
    expect(
      from(graph, /node_modules\/fflate\/|packages\/services\/src\/privacy\.ts|packages\/core\/src\/privacy\/summary/),
    ).toEqual([]);
  });

  it('the SDK clients come from the copies with tree-shakeable schemas: only the commands a function sends', async () => {
    // infra/src/sdk-schemas.ts: the installed clients' schemas keep every operation (~67 KB of S3's alone).
    for (const entry of ENTRIES) {
      const graph = await moduleGraph(entry);
      expect({ entry, found: from(graph, /node_modules\/@aws-sdk\/client-[a-z0-9]+\//) }).toEqual({ entry, found: [] });
      expect(from(graph, /node_modules\/\.cache\/inbox-sdk\/client-dynamodb\//).length).toBeGreaterThan(0);
    }
    const { text } = await bundleOf('inbound-sms');
    expect(text).toContain('x-id=PutObject');
    for (const unused of ['renameObject', 'x-id=UploadPartCopy', '?analytics']) expect(text).not.toContain(unused);
  });

  it('no function streams events: none carries the codec or a command that would need it', async () => {
    // infra/bundling/no-event-streams.mjs stands in for @smithy/core/event-streams.
    const streaming = /commands\/(SelectObjectContent|InvokeWithResponseStream|StartLiveTail)Command\.js$/;
    for (const entry of ENTRIES) {
      const graph = await moduleGraph(entry);
      expect({
        entry,
        found: from(graph, /@smithy\/core\/dist-es\/submodules\/event-streams\/(?!eventstream-serde-config-resolver)/),
      }).toEqual({
        entry,
        found: [],
      });
      expect({ entry, found: from(graph, streaming) }).toEqual({ entry, found: [] });
    }
  });

  it('a lazy chunk is loaded, never carried, and only by the functions it is built beside', async () => {
    for (const entry of ENTRIES) {
      const { graph, text } = await bundleOf(entry);
      for (const chunk of LAZY_CHUNKS) {
        // Another function reaching the import would find no file there: the chunk must be built beside it too.
        const loads = text.includes(`import(${JSON.stringify(chunk.file)})`);
        expect({ entry, chunk: chunk.file, loads }).toEqual({
          entry,
          chunk: chunk.file,
          loads: loads && chunk.functions.includes(entry),
        });
        expect(graph).not.toContain(chunk.source);
      }
    }
    // The HTTP function releases quarantined email with the parser in its chunk: postal-mime is not in its
    // bundle, and no HTML library starts with it. (Code splitting still writes channels' email/html.ts, which
    // parse-email imports on an HTML body, as a file of its own: the HTTP function never parses an email itself.)
    const http = await bundleOf('http-api');
    expect(from(http.graph, /node_modules\/(postal-mime|\.cache\/inbox-postal-mime|postcss)\//)).toEqual([]);
    expect(from(http.startup, /node_modules\/(sanitize-html|htmlparser2)\/|bundling\/htmlparser2-parser/)).toEqual([]);
    expect((await bundleOf('http-api')).text).toContain('import("./release-email.js")');
  });

  it('importing a function builds none of the domain’s schemas and loads no pdf.js', async () => {
    // Each bundle imported in plain node as Lambda starts it, with zod's own post-processor hook
    // (`globalThis.__zod_globalConfig.postProcessor`, called for every schema built) noting the
    // object schemas built at import by their fields. The domain's schemas are built on first use
    // (core's `once`) and the presets ship validated, so none of these may be built at import.
    const DOMAIN_SCHEMAS: Record<string, string> = {
      'the landlord policy': 'caseReferencePrefix',
      'a policy target rule': 'acknowledge',
      'the inbound message': 'dedupeKey',
      'an attachment': 'blobKey',
      'a two-way SMS': 'originationNumber',
      'a logged contact': 'loggedBy',
      'a call record': 'offeredAt',
      // Its `message`: the officers' contact update (core's commands contracts) has `preferredChannel` too.
      'the web form': 'message',
    };
    const found = [];
    for (const entry of ENTRIES) {
      const file = await written(entry);
      const script = `
        const fields = [];
        globalThis.__zod_globalConfig = { postProcessor: (s) => { if (s._zod.def.shape) fields.push(...Object.keys(s._zod.def.shape)); } };
        await import(${JSON.stringify(file)});
        console.log(JSON.stringify({ fields, pdfjs: 'pdfjsLib' in globalThis }));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      });
      const { fields, pdfjs } = JSON.parse(stdout.trim().split('\n').at(-1) as string);
      const built = Object.entries(DOMAIN_SCHEMAS)
        .filter(([, field]) => fields.includes(field))
        .map(([name]) => name);
      found.push({ entry, built, pdfjs });
    }
    expect(found).toEqual(ENTRIES.map((entry) => ({ entry, built: [], pdfjs: false })));
  });

  it('importing the email function loads no HTML library: sanitize-html and the entity table wait for an HTML body', async () => {
    const file = await written('inbound-email');
    const dir = dirname(file);
    // The entity table is decoded with `atob` when htmlparser2's tokenizer module runs, which running
    // sanitize-html's module (it requires htmlparser2) or channels' email/html.ts would do: none may at import.
    const script = `
      let tables = 0; const atob = globalThis.atob;
      globalThis.atob = (s) => { if (s.length > 10000) tables++; return atob(s); };
      await import(${JSON.stringify(file)});
      console.log(JSON.stringify({ tables }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) as string)).toEqual({ tables: 0 });
    // Still in the bundle (an HTML body loads it from there, as the test above shows).
    expect(from(await moduleGraph('inbound-email'), /node_modules\/sanitize-html\//)).toHaveLength(1);
  });

  it('SMS lengths are counted without grapheme-splitter or the segment calculator', async () => {
    // core's sms.ts counts with Intl.Segmenter (packages/core/test/sms-length.test.ts compares the two).
    for (const entry of ENTRIES) {
      expect({
        entry,
        found: from(await moduleGraph(entry), /node_modules\/(grapheme-splitter|sms-segments-calculator)\//),
      }).toEqual({
        entry,
        found: [],
      });
    }
  });

  it('the HTTP function starts without its routes: each group is a file of its own, loaded on its first request', async () => {
    // packages/api/src/lazy.ts: a container starts with the route table only; the routes, their contract
    // schemas, @hono/zod-openapi and the OpenAPI generator load on the first request that needs them.
    const { startup, graph } = await bundleOf('http-api');
    expect(startup).toContain('packages/api/src/lazy.ts');
    const routesOnly =
      /packages\/api\/src\/(routes\/|app\.ts|router\.ts|openapi\.ts|views\.ts)|packages\/core\/src\/contracts\/(views|routes|reports|oversight|search)\.ts|node_modules\/(@hono\/zod-openapi|@asteasolutions\/zod-to-openapi|fflate)\//;
    expect(from(startup, routesOnly)).toEqual([]);
    expect(from(graph, /packages\/api\/src\/routes\//).length).toBeGreaterThan(10);
    // Nor a file for code no request runs (NEVER_LOADED_WHEN_SPLIT): pdf.js, sharp, the browser's user agent.
    expect(from(graph, /node_modules\/(pdfjs-dist|sharp|bowser)\//)).toEqual([]);
    // Imported as Lambda starts it, with zod's post-processor hook noting every schema built: none of a route's.
    const script = `
      const fields = new Set();
      globalThis.__zod_globalConfig = { postProcessor: (s) => { for (const f of Object.keys(s._zod.def.shape ?? {})) fields.add(f); } };
      await import(${JSON.stringify(await written('http-api'))});
      console.log(JSON.stringify([...fields]));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    });
    const fields: string[] = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    // A queue's query, a case's view, the health answer, the monthly report, the resident form: route schemas.
    for (const field of ['queue', 'timeline', 'status', 'month', 'message']) expect(fields).not.toContain(field);
  });

  it('the bundled HTTP function starts in plain node and answers with its OpenAPI document', async () => {
    // zod's `z` is reduced to what @hono/zod-openapi uses (infra/bundling/zod-namespace.mjs): a route
    // reaching for more would fail here, at import, as it would on Lambda. The document loads every
    // group of routes from its own file, as the first request to each does.
    const script = `
      const { handler } = await import(${JSON.stringify(await written('http-api'))});
      const http = { method: 'GET', path: '/api/openapi.json', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 't' };
      const event = { version: '2.0', routeKey: 'GET /api/openapi.json', rawPath: '/api/openapi.json', rawQueryString: '',
        headers: { host: 'example.execute-api.eu-west-2.amazonaws.com' }, isBase64Encoded: false,
        requestContext: { accountId: '1', apiId: 'e', domainName: 'example', domainPrefix: 'e', http, requestId: 't',
          routeKey: 'GET /api/openapi.json', stage: '$default', time: 'now', timeEpoch: 0 } };
      const res = await handler(event, { getRemainingTimeInMillis: () => 10000, awsRequestId: 't' });
      console.log(JSON.stringify({ statusCode: res.statusCode, openapi: JSON.parse(res.body).openapi }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) as string)).toEqual({ statusCode: 200, openapi: '3.1.0' });
  });

  it('the email function carries its HTML libraries once each, without postcss, and they still sanitise', async () => {
    const graph = await moduleGraph('inbound-email');
    expect(from(graph, /node_modules\/(postcss|source-map-js)\/|node_modules\/htmlparser2\/dist\/commonjs\//)).toEqual(
      [],
    );
    // htmlparser2's parser alone (infra/bundling/htmlparser2-parser.mjs): no DOM builder, DOM utilities or
    // serialiser, and one copy of the HTML entity tables (dom-serializer's own older `entities` is gone).
    expect(from(graph, /node_modules\/(domhandler|domutils|dom-serializer)\//)).toEqual([]);
    expect(from(graph, /node_modules\/(.+\/node_modules\/)?entities\/.*decode-data-html/)).toEqual([
      'node_modules/entities/dist/esm/generated/decode-data-html.js',
    ]);
    expect(from(graph, /entities\/.*encode-html/)).toEqual([]);
    // Nor launder's date library (infra/bundling/no-dayjs.cjs): sanitize-html uses its link check alone.
    expect(from(graph, /node_modules\/dayjs\//)).toEqual([]);
    // postal-mime from its copy, whose entity table is packed (infra/src/postal-mime-copy.ts), not its own.
    expect(from(graph, /node_modules\/postal-mime\//)).toEqual([]);
    expect(graph).toContain('node_modules/.cache/inbox-postal-mime/dist/esm/html-entities.js');
    // The email parser bundled as the email function bundles it, run in plain node on HTML mail.
    const dir = join(ROOT, 'node_modules/.cache/module-graph-test');
    await mkdir(dir, { recursive: true });
    const outfile = join(dir, 'parse-email.mjs');
    await build({
      ...bundleOptions(ROOT, 'inbound-email'),
      entryPoints: undefined,
      stdin: {
        contents: `import { parseEmail } from '@housing-inbox/channels';
          const html = '<p style="color:red" onclick="x()">Water &amp; mould <b>everywhere</b></p><script>alert(1)</script>';
          const mime = 'From: Resident <resident@example.org>\\r\\nTo: repairs@example.com\\r\\nSubject: Leak\\r\\n' +
            'Message-ID: <t@example.org>\\r\\nContent-Type: text/html\\r\\n\\r\\n' + html;
          const m = await parseEmail(new TextEncoder().encode(mime), { receivedAt: '2026-12-01T10:00:00Z', deliveryId: 't' });
          console.log(JSON.stringify({ text: m.text, html: m.safeHtml }));`,
        resolveDir: join(ROOT, 'functions/src'),
        loader: 'ts',
      },
      outfile,
      logLevel: 'silent',
    });
    // The entity table is decoded from base64 (`atob`) when its module runs: counted before and after the HTML email.
    const countTables = `globalThis.__tables = 0; const atob = globalThis.atob;
      globalThis.atob = (s) => { if (s.length > 10000) globalThis.__tables++; return atob(s); };`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--input-type=module',
      '-e',
      `${countTables} await import(${JSON.stringify(outfile)}); console.log(JSON.stringify({ tables: globalThis.__tables }));`,
    ]);
    const [parsedLine, tablesLine] = stdout.trim().split('\n').slice(-2);
    const parsed = JSON.parse(parsedLine as string);
    // One entity table, and only once an HTML body needed it.
    expect(JSON.parse(tablesLine as string)).toEqual({ tables: 1 });
    expect(parsed.text).toContain('Water & mould everywhere');
    expect(parsed.html).toContain('<b>everywhere</b>');
    expect(parsed.html).not.toMatch(/script|onclick|style=/);
  });
});
