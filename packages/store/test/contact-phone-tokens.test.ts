/**
 * A contact's phone token comes from its stored number as it is (src/search-tokens.ts
 * `contactTokens`), no longer parsed again: for every number a writer can store — core's
 * `normalisePhone` of what was typed, for every country's example numbers and the ways UK
 * residents write theirs — it is the token the parsing made, so no stored contact needs
 * reindexing and the search still finds it by the number typed any way.
 */
import { normalisePhone } from '@housing-inbox/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { contactTokens, queryTerms } from '../src/search-tokens.js';

/** The phone token as contactTokens made it before (the stored number parsed again). */
const parsedToken = (stored: string) => `tel:${normalisePhone(stored)?.replace(/\D/g, '')}`;
const phoneTokens = (phone: string | undefined) =>
  [...contactTokens({ id: 'c', phone })].filter(([token]) => token.startsWith('tel:'));

describe('a contact’s phone token', () => {
  it('is the token parsing gave, for every number normalisePhone stores', () => {
    const written = [
      '07700 900123',
      '+44 (0)7700 900123',
      '0044 7700 900123',
      '(0121) 496 0000',
      '0800 123 4567',
      '+33 6 12 34 56 78',
      ...Object.entries(examples as Record<string, string>).map(
        ([country, national]) => parsePhoneNumberFromString(national, country as 'GB')?.number as string,
      ),
    ];
    const stored = written.map((raw) => normalisePhone(raw)).filter((s): s is string => s !== undefined);
    expect(stored.length).toBeGreaterThan(200);
    const differing = stored.filter(
      (phone) => JSON.stringify(phoneTokens(phone)) !== JSON.stringify([[parsedToken(phone), 'phone']]),
    );
    expect(differing).toEqual([]);
  });

  it('meets the search for the number typed in another UK format', () => {
    const [stored] = phoneTokens(normalisePhone('07700 900123'));
    expect(queryTerms('+44 7700 900 123')).toEqual([[stored?.[0]]]);
  });

  it('is none for a contact with no number', () => {
    expect(phoneTokens(undefined)).toEqual([]);
  });
});
