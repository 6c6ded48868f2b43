/** The plumbing every command shares: output streams, usage errors, option parsing. */
import { parseArgs } from 'node:util';
import { isLocalDate } from '@housing-inbox/core';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

/** Bad input from the person at the keyboard: exit 2 with one line, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: Io): Promise<number> | number;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** parseArgs with --help built in and its errors turned into one readable line. */
export function parseOptions<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'invalid arguments';
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''));
  }
}

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

/** An ISO-8601 instant with a UTC offset or Z: a receipt time means nothing without one. */
export function parseInstant(value: string, option: string): Date {
  const m = INSTANT.exec(value);
  if (!m) {
    throw new UsageError(
      `--${option} must be an ISO-8601 instant with a time zone, e.g. 2026-12-23T10:00:00Z (got "${value}")`,
    );
  }
  // Date would roll 30 February over to 2 March and 24:00 to the next day; a typo must not move a deadline.
  const [, day = '', hour, minute, second = '0', , offsetHours = '0', offsetMinutes = '0'] = m;
  const inRange = isLocalDate(day) && Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
  const offsetInRange = Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59;
  const date = new Date(value);
  if (!inRange || !offsetInRange || Number.isNaN(date.getTime())) {
    throw new UsageError(`--${option} is not a real date and time: "${value}"`);
  }
  return date;
}
