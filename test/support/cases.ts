/** A local stack for an end-to-end test, and the cases such tests start from. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '@housing-inbox/local';
import { apiAs } from './http.js';
import { ingestEmail, rawEmail } from './mail.js';

export const MANAGER = 'hightown-manager';

/** Where the end-to-end tests' stacks' clocks begin, whatever the wall time: Tuesday 1 December 2026, 10:00 UTC. */
export const START_AT = new Date('2026-12-01T10:00:00Z');

/** Hightown's stack in memory in `dataDir`, its clock starting at START_AT whatever the wall time; `options` add to or override that. */
export function hightownStack(dataDir: string, options: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  return startLocalStack({ dataDir, inMemory: true, policy: 'hightown', startAt: START_AT, ...options });
}

/**
 * Hightown's stack in memory, its clock starting at 1 December 2026, 10:00 whatever the wall time;
 * `stop` removes its data folder too (as does a failed start).
 */
export async function startHightown(name: string): Promise<{ stack: LocalStack; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), `inbox-${name}-`));
  let stack: LocalStack;
  try {
    stack = await hightownStack(dataDir);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    stack,
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The manager gives the case to `ownerId` when routing chose someone else. */
export async function ownedBy(stack: LocalStack, ref: string, ownerId: string): Promise<void> {
  const api = apiAs(() => stack);
  const kase = (await api(MANAGER, 'GET', `/api/cases/${ref}`)).body;
  if (kase.ownerId === ownerId) return;
  const moved = await api(MANAGER, 'POST', `/api/cases/${ref}/reassign`, { ownerId, reason: 'test set-up' });
  if (moved.status !== 200) throw new Error(`could not give ${ref} to ${ownerId}: ${moved.status}`);
}

/** A case opened by an email (`raw`, or a plain one from `id@resident.example`), owned by `ownerId`. */
export async function emailCaseOwnedBy(
  stack: LocalStack,
  ownerId: string,
  id: string,
  subject: string,
  raw = rawEmail({ id, subject, body: `${subject}, please.`, from: `"R" <${id}@resident.example>` }),
): Promise<string> {
  const { caseRef } = await ingestEmail(stack, raw);
  await ownedBy(stack, caseRef, ownerId);
  return caseRef;
}

/** The manager restricts the case to its owner and managers. */
export async function restrictCase(stack: LocalStack, ref: string): Promise<void> {
  const res = await apiAs(() => stack)(MANAGER, 'POST', `/api/cases/${ref}/restrict`, {
    restricted: true,
    reason: 'Safeguarding',
  });
  if (res.status !== 200) throw new Error(`could not restrict ${ref}: ${res.status}`);
}
