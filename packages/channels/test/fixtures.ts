import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'fixtures');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, name)));
}

export const RECEIVED = '2026-03-16T09:30:00.000Z';

/**
 * The values each `{{…}}` placeholder in test/fixtures/cases takes (copied from
 * shared/cases/ingest, whose README says what each case must do).
 */
export const CASE_VALUES: Record<string, string> = {
  RUN: 'r7f3a',
  DATE: 'Mon, 30 Nov 2026 09:12:00 +0000',
  PHONE_A: '+447700900201',
  PHONE_B: '+447700900202',
  N: '1',
  REF: 'HT-2026-000123',
  REPLY_MSGID: '<reply-HT-2026-000123.1@hightown.example>',
  REPLY_SUBJECT: 'Re: Parking permit for 22 Willow Gardens [HT-2026-000123]',
};

/** A case file with its placeholders filled in (from CASE_VALUES, overridden by `values`). */
export function caseFile(name: string, values: Record<string, string> = {}): Uint8Array {
  const all = { ...CASE_VALUES, ...values };
  const text = readFileSync(join(dir, 'cases', name), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = all[key];
    if (value === undefined) throw new Error(`${name}: no value for ${whole}`);
    return value;
  });
  return new TextEncoder().encode(text);
}

/** An SMS case file parsed as JSON. */
export function smsCase(name: string, values: Record<string, string> = {}): unknown {
  return JSON.parse(new TextDecoder().decode(caseFile(name, values)));
}
