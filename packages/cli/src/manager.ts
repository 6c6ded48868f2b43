/** Calling the running local stack's API as its first seeded manager (reports and imports are managers' work). */
import { signLocalToken } from '@housing-inbox/api';
import { UsageError } from './cli.js';
import { callStack, readStackInfo, readStackSecret } from './stack.js';

export async function callAsManager(
  env: Record<string, string | undefined>,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<unknown> {
  const manager = readStackInfo(env).officers.find((o) => o.role === 'manager' && o.active);
  if (!manager) throw new UsageError('the local stack has no active manager to run this as');
  const headers: Record<string, string> = { authorization: `Bearer ${signLocalToken(manager, readStackSecret(env))}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return callStack(env, path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}
