/**
 * Matching a resident by phone number (src/contacts.ts `normalisePhone`) with
 * the sliced metadata (src/phone-metadata.json, bin/phone-metadata.ts): the
 * same answer as libphonenumber-js with its whole default metadata, for UK
 * numbers written as residents write them and for every other country's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { sliceMetadata } from '../bin/phone-metadata.js';
import { normalisePhone } from '../src/contacts.js';

/** What the library's default import (all of its `min` metadata) says. */
function withWholeMetadata(raw: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), 'GB');
  return parsed?.isPossible() ? parsed.number : undefined;
}

describe('normalisePhone', () => {
  it('gives UK numbers in E.164 however a resident writes them', () => {
    for (const written of [
      '07700 900123',
      '07700900123',
      '+44 7700 900123',
      '+44 (0)7700 900123',
      '0044 7700 900123',
    ]) {
      expect({ written, e164: normalisePhone(written) }).toEqual({ written, e164: '+447700900123' });
    }
    expect(normalisePhone('020 7946 0018')).toBe('+442079460018');
    expect(normalisePhone('0800 123 4567')).toBe('+448001234567');
  });

  it('keeps a number from abroad, in international form or dialled from the UK', () => {
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhone('00 33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhone('+1 (201) 555-0123')).toBe('+12015550123');
    expect(normalisePhone('+353 85 123 4567')).toBe('+353851234567');
  });

  it('is no number for text, too few or too many digits', () => {
    for (const raw of ['', 'call me', '0770', '+44 7700 900123 456 789', '+999 1234 5678']) {
      expect({ raw, e164: normalisePhone(raw) }).toEqual({ raw, e164: undefined });
    }
  });

  it('agrees with the whole metadata on every country’s mobile numbers', () => {
    const countries = Object.entries(examples as Record<string, string>);
    expect(countries.length).toBeGreaterThan(200);
    for (const [country, national] of countries) {
      const e164 = parsePhoneNumberFromString(national, country as 'GB')?.number as string;
      for (const written of [e164, `00${e164.slice(1)}`, e164.slice(0, 4), `${e164}1234567`]) {
        expect({ country, written, e164: normalisePhone(written) }).toEqual({
          country,
          written,
          e164: withWholeMetadata(written),
        });
      }
    }
  });

  it('agrees with the whole metadata on anything typed into a phone field', () => {
    const typed = fc.oneof(
      fc.stringMatching(/^\+?[0-9 ()-]{0,18}$/),
      fc.stringMatching(/^(\+44|0044|0)[1-9][0-9 ]{5,12}$/),
      fc.stringMatching(/^\+[1-9][0-9]{0,2} ?[0-9]{4,13}$/),
    );
    fc.assert(
      fc.property(typed, (raw) => {
        expect(normalisePhone(raw)).toBe(withWholeMetadata(raw));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the sliced metadata (src/phone-metadata.json)', () => {
  it('is the slice of the libphonenumber-js installed (after an upgrade: npm run phone-metadata -w @housing-inbox/core)', () => {
    const require = createRequire(import.meta.url);
    const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
    const committed = read(new URL('../src/phone-metadata.json', import.meta.url).pathname);
    expect(committed).toEqual(sliceMetadata(read(require.resolve('libphonenumber-js/metadata.min.json'))));
  });
});
