/**
 * One local stack, the built console and one headless Chromium for a browser
 * test file. When the stack does not serve /console itself yet, a small front
 * server on loopback serves the console and passes everything else through.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { signLocalToken } from '@housing-inbox/api';
import { parseEmail } from '@housing-inbox/channels';
import { acceptDelivery, type IngestOutcome } from '@housing-inbox/core';
import { type LocalStack, readSecret, startLocalStack } from '@housing-inbox/local';
import { ensureConsoleBuilt, serveConsole } from '@housing-inbox/web';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.js';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'screenshots');
/** A Tuesday in term: a working day in England and Wales, in office hours. */
export const NOW = '2026-12-01T10:00:00.000Z';

export interface Harness {
  stack: LocalStack;
  /** Where the browser goes: the stack itself, or the front server before the stack serves /console. */
  baseUrl: string;
  browser: Browser;
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  token(officerId: string): string;
  /** Ingests an email as the SMTP server does; `receivedAt` back-dates it (the stack clock only moves forward). */
  email(raw: string, receivedAt?: Date): Promise<string>;
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

async function frontServer(stackUrl: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/console/' }).end();
        return;
      }
      const asset = req.method === 'GET' || req.method === 'HEAD' ? serveConsole(url.pathname) : undefined;
      if (asset) {
        res.writeHead(asset.status, asset.headers).end(req.method === 'HEAD' ? undefined : asset.body);
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection'].includes(k)),
      ) as Record<string, string>;
      const upstream = await fetch(`${stackUrl}${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      });
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
      });
      res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
    } catch (err) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function startHarness(): Promise<Harness> {
  const executablePath = ensureChromium();
  await ensureConsoleBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'inbox-browser-'));
  // What has been started so far, undone in reverse by stop() or when a later step fails.
  const undo: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const undoAll = async () => {
    for (const u of undo.splice(0).reverse()) await u().catch(() => undefined);
  };
  const contexts: BrowserContext[] = [];
  try {
    // The stack's clock begins at NOW whatever the wall time, so the tests' dates never go stale.
    const stack = await startLocalStack({
      dataDir,
      inMemory: true,
      httpPort: 0,
      smtpPort: 0,
      policy: 'hightown',
      contactRateLimit: 1000,
      letterPollMs: 60_000,
      startAt: new Date(NOW),
    });
    undo.push(() => stack.stop());

    // Use the stack's own /console once the lead has wired it in; until then, a front server.
    const own = await fetch(`${stack.httpUrl}/console/`).catch(() => undefined);
    const servesConsole = own?.ok && (own.headers.get('content-type') ?? '').startsWith('text/html');
    const front = servesConsole ? undefined : await frontServer(stack.httpUrl);
    if (front) undo.push(() => new Promise<void>((done) => front.server.close(() => done())));
    const baseUrl = front?.url ?? stack.httpUrl;

    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    undo.push(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    });
    const secret = readSecret(dataDir);

    return harness(stack, baseUrl, browser, secret, contexts, undoAll);
  } catch (err) {
    await undoAll();
    throw err;
  }
}

function harness(
  stack: LocalStack,
  baseUrl: string,
  browser: Browser,
  secret: string,
  contexts: BrowserContext[],
  stop: () => Promise<void>,
): Harness {
  return {
    stack,
    baseUrl,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        ...options,
      });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    token(officerId) {
      const officer = stack.officers.find((o) => o.id === officerId);
      if (!officer) throw new Error(`no seeded officer ${officerId}`);
      return signLocalToken(officer, secret);
    },
    async email(raw, receivedAt) {
      const outcome: IngestOutcome = await acceptDelivery(stack.ingest, {
        channel: 'email',
        raw: new TextEncoder().encode(raw),
        contentType: 'message/rfc822',
        parse: (bytes) => parseEmail(bytes, { receivedAt: (receivedAt ?? stack.clock.now()).toISOString() }),
      });
      if (!('caseRef' in outcome) || !outcome.caseRef) throw new Error(`the email was ${outcome.outcome}`);
      return outcome.caseRef;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    stop,
  };
}

/** A plain MIME email from a resident, optionally with an HTML part. */
export function residentEmail(opts: {
  id: string;
  subject: string;
  text: string;
  html?: string;
  from?: string;
}): string {
  const from = opts.from ?? '"Nora Tenant" <nora.tenant@resident.example>';
  const head = [
    `From: ${from}`,
    'To: contact@hightown.example',
    `Subject: ${opts.subject}`,
    `Message-ID: <${opts.id}@resident.example>`,
    'Date: Tue, 01 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
  ];
  if (!opts.html) return [...head, 'Content-Type: text/plain; charset=utf-8', '', opts.text, ''].join('\r\n');
  return [
    ...head,
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.text,
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    opts.html,
    '--b1--',
    '',
  ].join('\r\n');
}

/** Axe's serious and critical findings, in a form a failing assertion can show. */
export function seriousViolations(results: {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown }[] }[];
}) {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
}

/** axe with the WCAG 2.2 AA and best-practice rules: its serious and critical findings. */
export async function axe(page: Page) {
  return seriousViolations(
    await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze(),
  );
}

/** Signs in on the local sign-in page as a seeded officer. */
export async function signIn(page: Page, officerId: string): Promise<void> {
  await page.goto('/console/');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Officer').selectOption(officerId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}
