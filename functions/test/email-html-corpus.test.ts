/**
 * What the email function makes of real-looking mail, HTML above all, stays
 * what it was before its bundle was slimmed (lean-email: htmlparser2 reduced to
 * its parser for sanitize-html, the HTML libraries loaded on the first HTML
 * body). Every email of packages/channels/test/fixtures (the HTML corpus in
 * html-mail/: Outlook's Word HTML, Gmail and Apple Mail replies, a newsletter,
 * named references with and without semicolons, numeric references, Windows-1252,
 * HTML-only mail, mixed text and HTML parts, hostile and broken markup, a long
 * thread; and the plain-text fixtures) is parsed twice: by parseEmail bundled as
 * the email function bundles it (infra/src/bundling.ts), and by parseEmail as the
 * local stack runs it (node_modules unaliased). Both must give exactly
 * html-mail/expected.json: the message (text, html, safeHtml, digest, threading,
 * automated, attachments without their bytes) as the bundle of commit 633aab3,
 * before lean-email, gave it.
 *
 * A change that means to alter the output regenerates the file:
 * `UPDATE_HTML_MAIL_EXPECTED=1 npx vitest run functions/test/email-html-corpus.test.ts`,
 * and the diff of expected.json is then the change to review.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseEmail } from '@housing-inbox/channels';
import type { InboundMessage } from '@housing-inbox/core';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../infra/src/bundling.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'packages/channels/test/fixtures');
const EXPECTED = join(FIXTURES, 'html-mail/expected.json');
const OPTIONS = { receivedAt: '2026-12-01T10:00:00Z', deliveryId: 't' };

/** Every .eml of the fixtures, by its path under fixtures/. */
async function corpus(): Promise<string[]> {
  const names: string[] = [];
  for (const dir of ['', 'cases', 'html-mail']) {
    for (const file of await readdir(join(FIXTURES, dir))) if (file.endsWith('.eml')) names.push(join(dir, file));
  }
  return names.sort();
}

/** A parsed message as compared: attachments without their bytes; a refusal as its message. */
function comparable(message: InboundMessage): unknown {
  return { ...message, attachments: message.attachments.map(({ content: _content, ...attachment }) => attachment) };
}

/** The corpus through parseEmail bundled as the email function bundles it, in plain node. */
async function parsedByBundle(names: string[]): Promise<Record<string, unknown>> {
  const dir = join(ROOT, 'node_modules/.cache/email-html-corpus-test');
  await mkdir(dir, { recursive: true });
  const outfile = join(dir, 'parse-corpus.mjs');
  await build({
    ...bundleOptions(ROOT, 'inbound-email'),
    entryPoints: undefined,
    stdin: {
      contents: `import { parseEmail } from '@housing-inbox/channels';
        import { readFileSync } from 'node:fs';
        const out = {};
        for (const name of ${JSON.stringify(names)}) {
          try {
            const m = await parseEmail(new Uint8Array(readFileSync(${JSON.stringify(FIXTURES)} + '/' + name)), ${JSON.stringify(OPTIONS)});
            out[name] = { ...m, attachments: m.attachments.map(({ content, ...a }) => a) };
          } catch (error) { out[name] = { error: String(error) }; }
        }
        console.log(JSON.stringify(out));`,
      resolveDir: join(ROOT, 'functions/src'),
      loader: 'ts',
    },
    outfile,
    logLevel: 'silent',
  });
  const { stdout } = await promisify(execFile)(process.execPath, [outfile], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

async function parsedHere(names: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    try {
      out[name] = comparable(await parseEmail(new Uint8Array(await readFile(join(FIXTURES, name))), OPTIONS));
    } catch (error) {
      out[name] = { error: String(error) };
    }
  }
  // As the bundle's output goes through JSON: undefined fields dropped.
  return JSON.parse(JSON.stringify(out));
}

describe('email ingest of the HTML corpus', { timeout: 120_000 }, () => {
  it('the email function’s bundle reads every email exactly as before', async () => {
    const names = await corpus();
    expect(names.filter((name) => name.startsWith('html-mail/')).length).toBeGreaterThanOrEqual(12);
    const bundled = await parsedByBundle(names);
    if (process.env.UPDATE_HTML_MAIL_EXPECTED) await writeFile(EXPECTED, JSON.stringify(bundled, null, 1));
    const expected = JSON.parse(await readFile(EXPECTED, 'utf8'));
    expect(Object.keys(bundled)).toEqual(Object.keys(expected));
    for (const name of names) expect({ name, parsed: bundled[name] }).toEqual({ name, parsed: expected[name] });
  });

  it('the local stack’s parser, unbundled, reads them the same', async () => {
    const names = await corpus();
    const here = await parsedHere(names);
    const expected = JSON.parse(await readFile(EXPECTED, 'utf8'));
    for (const name of names) expect({ name, parsed: here[name] }).toEqual({ name, parsed: expected[name] });
  });
});
