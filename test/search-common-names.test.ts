/**
 * A receptionist finds "John Smith" however many residents are called John and however many
 * Smith: each word alone reads only its first `CONTACTS_PER_TOKEN` contacts, so two common words
 * stop meeting; the whole-name token (`namePair`) finds the residents with both. Store-level, on
 * in-memory dynalite, seeded with the store's own builders; the search stays a bounded number of
 * requests (counted by SDK middleware, 7 at most) when more Johns and Smiths arrive.
 */
import type { Contact } from '@housing-inbox/core';
import { caseIndexAttributes, keys, lookupItems } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests, putItems } from './support/requests.js';
import { startTestStore, storedCase, type TestStore } from './support/stack.js';

const TABLE = 'names';

/** A resident and their one case, as the repository would write them. */
function residentItems(n: number, id: string, name: string): Record<string, unknown>[] {
  const contact: Contact = { id, name };
  const kase = storedCase({
    ref: `HT-2026-${String(n).padStart(6, '0')}`,
    contactId: id,
    subject: 'Rent statement',
    receivedAt: '2026-11-02T09:30:00.000Z',
  });
  return [
    { ...keys.case(kase.ref), ...caseIndexAttributes(kase), entity: 'case', ...kase },
    { ...keys.contact(id), entity: 'contact', ...contact },
    ...lookupItems(kase, contact),
  ];
}

describe('search by a common full name', () => {
  let store: TestStore;
  let sent: string[] = [];
  let next = 1;

  /** `count` more Johns and Smiths of other names; ids sort before the John Smiths', so each word's first contacts are theirs. */
  async function seedCommon(count: number) {
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i++, next++) {
      items.push(...residentItems(next, `c-a-${next}`, `John Other${next}`));
      items.push(...residentItems(next + 10_000, `c-b-${next}`, `Someone${next} Smith`));
    }
    await putItems(store.client, TABLE, items);
  }

  beforeAll(async () => {
    store = await startTestStore(TABLE);
    sent = countRequests(store.client);
    const smiths = [1, 2, 3].flatMap((i) =>
      residentItems(90_000 + i, `c-z-${i}`, ['John Smith', 'SMITH, John', 'John Paul Smith'][i - 1] as string),
    );
    await putItems(store.client, TABLE, smiths);
    await seedCommon(120);
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
  });

  const search = async (text: string) => {
    sent.length = 0;
    const page = await store.repository.searchCases(text, { limit: 50, visible: () => true });
    return { refs: page.items.map((c) => c.ref).sort(), requests: [...sent] };
  };
  const johnSmiths = ['HT-2026-090001', 'HT-2026-090002', 'HT-2026-090003'];

  it('finds every John Smith, in any order and case, with a bounded number of requests', {
    timeout: 120_000,
  }, async () => {
    const first = await search('john smith');
    expect(first.refs).toEqual(johnSmiths);
    expect((await search('Smith, John')).refs).toEqual(johnSmiths);
    expect((await search('JOHN SMITH')).refs).toEqual(johnSmiths);
    // Each word alone still finds Johns (or Smiths) of other names.
    expect((await search('john')).refs.length).toBeGreaterThan(3);

    await seedCommon(60);
    const later = await search('john smith');
    expect(later.refs).toEqual(johnSmiths);
    expect(later.requests).toEqual(first.requests);
    expect(later.requests).not.toContain('ScanCommand');
    // Two words' cases and contacts, the pair's contacts, then one BatchGetItem of the contacts'
    // sets of cases (not a Query per contact) and one of the page's cases.
    expect(later.requests.length).toBeLessThanOrEqual(7);
  });
});
