/** The local stack's settings, from the environment (CONTRACTS.md "Local stack"). */
import { resolve } from 'node:path';

export interface LocalStackConfig {
  dataDir: string;
  httpPort: number;
  smtpPort: number;
  policy: string;
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new RangeError(`${name} must be a port number (0–65535), got "${value}"`);
  return n;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): LocalStackConfig {
  return {
    dataDir: resolve(env.INBOX_DATA_DIR || './.data'),
    httpPort: port('INBOX_HTTP_PORT', env.INBOX_HTTP_PORT, 3000),
    smtpPort: port('INBOX_SMTP_PORT', env.INBOX_SMTP_PORT, 2525),
    policy: env.INBOX_POLICY || 'hightown',
  };
}
