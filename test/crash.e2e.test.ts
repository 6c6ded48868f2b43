/**
 * Issue 10, timers after a crash: the local stack (`npm start`'s entry, in a child
 * process, on 127.0.0.1 with its data in a temporary folder) is killed with SIGKILL in the
 * middle of a burst of contacts; after a restart on the same data, every contact it had
 * accepted (SMTP 250 with a case, the form's 201) has its acknowledgement in the outbox.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smtpSend } from './support/smtp.js';

const ROOT = join(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  stderr: () => string;
}

function startStack(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/local/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, stderr: () => stderr };
}

async function healthy(url: string, running: Running, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (running.child.exitCode !== null) throw new Error(`the stack exited: ${running.stderr()}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the stack was not healthy within ${timeoutMs} ms: ${running.stderr()}`);
}

describe('a crash during a burst of contacts', () => {
  let dataDir: string | undefined;
  let running: Running | undefined;

  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await Promise.race([running.exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledgement of a contact the stack accepted before it was killed', async () => {
    // Prepare: the stack on its own ports and data folder.
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-crash-'));
    const [httpPort, smtpPort] = [await freePort(), await freePort()];
    const env = {
      INBOX_DATA_DIR: dataDir,
      INBOX_HTTP_PORT: String(httpPort),
      INBOX_SMTP_PORT: String(smtpPort),
      INBOX_POLICY: 'hightown',
    };
    const url = `http://127.0.0.1:${httpPort}`;
    running = startStack(env);
    await healthy(url, running);

    // Act: a burst of emails and forms, each from its own resident; the stack is killed
    // once a handful have been accepted, with the rest in flight.
    const accepted: string[] = [];
    const KILL_AFTER = 12;
    const killed = running;
    const note = (ref: string | undefined) => {
      if (!ref) return;
      accepted.push(ref);
      if (accepted.length === KILL_AFTER) killed.child.kill('SIGKILL');
    };
    const email = async (i: number) => {
      const raw = [
        `From: Resident ${i} <burst.${i}@resident.example>`,
        'To: contact@hightown.example',
        `Subject: Repair ${i}`,
        `Message-ID: <burst-${i}@resident.example>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        `My kitchen tap number ${i} is dripping.`,
      ].join('\r\n');
      const reply = await smtpSend(smtpPort, raw).catch(() => undefined);
      if (reply?.code === 250) note(/accepted: created (HT-\d{4}-\d{6})/.exec(reply.text)?.[1]);
    };
    const form = async (i: number) => {
      const res = await fetch(`${url}/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Form ${i}`, email: `form.${i}@resident.example`, message: `Noise report ${i}` }),
      }).catch(() => undefined);
      if (res?.status === 201) note(((await res.json()) as { ref: string }).ref);
    };
    const burst = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? form(i) : email(i)));
    await Promise.all(burst);
    await killed.exited;
    expect(killed.child.signalCode).toBe('SIGKILL');
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // Restart on the same data.
    running = startStack(env);
    await healthy(url, running);

    // Assess: every accepted contact is acknowledged (the timers catch up in the background).
    let missing: string[] = accepted;
    for (let i = 0; i < 150 && missing.length > 0; i++) {
      const { items } = (await (await fetch(`${url}/local/outbox`)).json()) as {
        items: { caseRef: string; purpose: string }[];
      };
      const acknowledged = new Set(items.filter((m) => m.purpose === 'acknowledgement').map((m) => m.caseRef));
      missing = accepted.filter((ref) => !acknowledged.has(ref));
      if (missing.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(missing).toEqual([]);
  }, 240_000);
});
