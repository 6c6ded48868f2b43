/** Finding the running local stack from the CLI: its data folder says where it listens. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Officer } from '@housing-inbox/core';
import { UsageError } from './cli.js';

export interface StackInfo {
  policy: string;
  httpUrl: string;
  smtpPort: number;
  officers: Officer[];
  /** The embedded DynamoDB's endpoint and table, while the stack runs (`inbox reindex`). */
  dynamoDbEndpoint?: string;
  tableName?: string;
}

export function dataDir(env: Record<string, string | undefined>): string {
  return resolve(env.INBOX_DATA_DIR || './.data');
}

export function readStackInfo(env: Record<string, string | undefined>): StackInfo {
  const dir = dataDir(env);
  try {
    return JSON.parse(readFileSync(join(dir, 'stack.json'), 'utf8')) as StackInfo;
  } catch {
    throw new UsageError(`no local stack data in ${dir}: start it with "npm start" (or set INBOX_DATA_DIR)`);
  }
}

export function readStackSecret(env: Record<string, string | undefined>): string {
  const dir = dataDir(env);
  try {
    return readFileSync(join(dir, 'secret.key'), 'utf8').trim();
  } catch {
    throw new UsageError(`no token secret in ${dir}: start the local stack with "npm start" first`);
  }
}

/** Base URL of the stack's HTTP server: INBOX_HTTP_PORT wins over what the data folder says. */
export function httpUrl(env: Record<string, string | undefined>): string {
  if (env.INBOX_HTTP_PORT) return `http://127.0.0.1:${env.INBOX_HTTP_PORT}`;
  try {
    return readStackInfo(env).httpUrl;
  } catch {
    return 'http://127.0.0.1:3000';
  }
}

export async function callStack(
  env: Record<string, string | undefined>,
  path: string,
  init?: RequestInit,
): Promise<unknown> {
  const url = `${httpUrl(env)}${path}`;
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new UsageError(`the local stack is not answering at ${httpUrl(env)}: is "npm start" running?`);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  if (!res.ok) {
    const error = (body as { error?: { message?: string; fields?: Record<string, string> } })?.error;
    const fields = Object.entries(error?.fields ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    throw new UsageError(
      `the stack refused it: ${error?.message ?? `HTTP ${res.status}`}${fields ? ` (${fields})` : ''}`,
    );
  }
  return body;
}
