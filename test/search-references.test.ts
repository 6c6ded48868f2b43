/**
 * Fewer search tokens per case (issue 16, write units), on the real store: a whole reference is
 * read by the case's key instead of a token of its own, and a number is one token however many
 * zeros it is typed with. What an officer finds is unchanged; an erased case is found by nothing.
 */
import type { Actor } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest, privacyOn, refOf } from './support/ingest.js';
import { rawEmail } from './support/mail.js';

const MANAGER: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };

describe('references and numbers in search', () => {
  const bed = ingestBedPerTest();
  const find = async (q: string) =>
    (await bed.store.repository.searchCases(q, { visible: () => true })).items.map((c) => c.ref);
  const file = async (id: string, subject: string) =>
    refOf(await bed.email(rawEmail({ id, subject, body: 'Please help.', from: `<${id}@resident.example>` })));

  it('finds a case by its whole reference in any case, and by its number with or without zeros', async () => {
    const ref = await file('ref-1', 'Boiler not working');
    const number = ref.split('-')[2] as string;
    expect(number).toMatch(/^0+\d+$/);
    for (const q of [ref, ref.toLowerCase(), number, String(Number(number)), `0${Number(number)}`])
      expect(await find(q), q).toEqual([ref]);
    expect(await find('HT-2026-999999')).toEqual([]);
  });

  it('meets a number in a subject however its zeros are typed', async () => {
    const ref = await file('flat-1', 'Flat 007 boiler');
    for (const q of ['007', '7', 'flat 07 boiler']) expect(await find(q), q).toContain(ref);
  });

  it('finds an erased case by nothing, its reference included', async () => {
    const ref = await file('gone-1', 'Broken gate');
    expect(await find(ref)).toEqual([ref]);
    await privacyOn(bed).eraseContact(
      MANAGER,
      (await bed.store.repository.getCase(ref))?.contactId as string,
      'Article 17',
    );
    expect(await find(ref)).toEqual([]);
    expect(await find('gate')).toEqual([]);
  });
});
