/** The local stack's settings, from the environment (CONTRACTS.md "Local stack"). */
import { resolve } from 'node:path';

export interface LocalStackConfig {
  dataDir: string;
  httpPort: number;
  smtpPort: number;
  policy: string;
  /** `INBOX_TIMER_SWEEP_MINUTES`: minutes of the stack's clock between timer sweeps (default 15). */
  timerSweepMinutes: number;
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new RangeError(`${name} must be a port number (0–65535), got "${value}"`);
  return n;
}

function minutes(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new RangeError(`${name} must be a number of minutes above 0, got "${value}"`);
  return n;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): LocalStackConfig {
  return {
    dataDir: resolve(env.INBOX_DATA_DIR || './.data'),
    httpPort: port('INBOX_HTTP_PORT', env.INBOX_HTTP_PORT, 3000),
    smtpPort: port('INBOX_SMTP_PORT', env.INBOX_SMTP_PORT, 2525),
    policy: env.INBOX_POLICY || 'hightown',
    timerSweepMinutes: minutes('INBOX_TIMER_SWEEP_MINUTES', env.INBOX_TIMER_SWEEP_MINUTES, 15),
  };
}
