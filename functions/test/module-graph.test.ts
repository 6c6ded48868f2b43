/**
 * Each function bundles only what its own handler uses (issue 15): the module
 * graph esbuild builds for a function, as InboxFunction bundles it, holds none
 * of the code meant for other functions. Sizes and start-up times are
 * `npm run bench`'s (bench/bundles.ts), not asserted here.
 */

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../infra/src/bundling.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const graphs = new Map<string, Promise<string[]>>();
/** The files a function's bundle is made of (repository-relative paths); each function built once per run. */
function moduleGraph(entry: string): Promise<string[]> {
  let graph = graphs.get(entry);
  if (!graph) {
    graph = buildGraph(entry);
    graphs.set(entry, graph);
  }
  return graph;
}

async function buildGraph(entry: string): Promise<string[]> {
  const { metafile } = await build({
    ...bundleOptions(ROOT, entry),
    write: false,
    outfile: `${entry}.mjs`,
    metafile: true,
  });
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}

const from = (graph: string[], pattern: RegExp) => graph.filter((path) => pattern.test(path));

/** Letter PDFs, other countries' holidays and time zones, email HTML, OCR, the router, zod's locales. */
const NOT_FOR_INGEST =
  /node_modules\/(pdf-lib|@pdf-lib|moment|moment-timezone|date-holidays|astronomia|tesseract\.js|sanitize-html|htmlparser2|hono|@hono|fflate|zod\/v4\/locales\/(?!en\.))/;

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
    expect(from(graph, /node_modules\/@aws-sdk\/client-dynamodb\//).length).toBeGreaterThan(0);
    expect(from(graph, /node_modules\/@aws-sdk\/client-(sns|textract|lambda|sqs)\//)).toEqual([]);
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
      from(await moduleGraph('inbound-email'), /node_modules\/(sanitize-html|postal-mime)\//).length,
    ).toBeGreaterThan(1);
    expect(from(await moduleGraph('sending-events'), /node_modules\/(sanitize-html|postal-mime|pdf-lib)\//)).toEqual(
      [],
    );
  });
});
