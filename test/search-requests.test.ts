/**
 * A two-word name search costs a handful of DynamoDB requests however many residents share
 * either word and however many cases each has: the matched contacts' cases come from one
 * BatchGetItem of their sets of cases, not one Query per contact. Store-level, on in-memory
 * dynalite: the John Smiths' cases are opened through the repository's own write (a second case
 * of a known resident, a second clock beside one), the other Johns and Smiths bulk-loaded with
 * the store's builders; requests counted by SDK middleware.
 */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Case, Contact } from '@housing-inbox/core';
import { caseIndexAttributes, documentClient, keys, lookupItems } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests, putItems } from './support/requests.js';
import { openCaseWrite, startTestStore, storedCase, type TestStore } from './support/stack.js';

const TABLE = 'search-requests';
const ref = (n: number) => `HT-2026-${String(n).padStart(6, '0')}`;
const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}T09:30:00.000Z`;

describe('a name search reads a bounded number of items in a handful of requests', () => {
  let store: TestStore;
  let sent: string[] = [];

  /** A resident and one case, as a bulk load writes them (no request counted: straight to the table). */
  function bulkResident(n: number, contact: Contact, subject = 'Rent statement'): Record<string, unknown>[] {
    const kase = storedCase({ ref: ref(n), contactId: contact.id, subject, receivedAt: day(1) });
    return [
      { ...keys.case(kase.ref), ...caseIndexAttributes(kase), entity: 'case', ...kase },
      { ...keys.contact(contact.id), entity: 'contact', ...contact },
      ...lookupItems(kase, contact),
    ];
  }

  /** A John Smith's case opened through the repository: the first with the new contact, later ones with it known. */
  async function open(n: number, contact: Contact, receivedDay: number, isNew: boolean, beside?: number) {
    const kase = storedCase({ ref: ref(n), contactId: contact.id, subject: 'Boiler', receivedAt: day(receivedDay) });
    const write = openCaseWrite(kase);
    write.contact = isNew ? { contact, isNew } : { contact, isNew, before: contact };
    if (beside) {
      const other: Case = { ...kase, ref: ref(beside) };
      const message = { ...openCaseWrite(other).message };
      write.also = [
        { case: other, message, timeline: [], pendingPlan: { caseRef: other.ref, token: 't', at: day(1) } },
      ];
    }
    await store.repository.openCase(write);
  }

  beforeAll(async () => {
    store = await startTestStore(TABLE);
    sent = countRequests(store.client);
    // 55 other Johns and 55 other Smiths (more than a token's 50 contacts), each with a case; one John whose case's subject says Smith.
    const items: Record<string, unknown>[] = [
      ...bulkResident(500, { id: 'c-0-john', name: 'John Other' }, 'Letter to Mr Smith'),
    ];
    for (let i = 1; i <= 55; i++) {
      items.push(...bulkResident(100 + i, { id: `c-a-${i}`, name: `John Other${i}` }));
      items.push(...bulkResident(300 + i, { id: `c-b-${i}`, name: `Someone${i} Smith` }));
    }
    await putItems(store.client, TABLE, items);
    // Three John Smiths, seven cases between them, received on different days.
    const [first, second, third] = ['John Smith', 'Smith, John', 'John Paul Smith'].map(
      (name, i): Contact => ({ id: `c-z-${i + 1}`, name }),
    ) as [Contact, Contact, Contact];
    await open(1, first, 3, true);
    await open(2, second, 9, true, 3);
    await open(4, third, 5, true);
    await open(5, first, 12, false);
    await open(6, third, 7, false);
    await open(7, second, 2, false);
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
  });

  const search = async (text: string, options: { limit?: number; cursor?: string; hidden?: string } = {}) => {
    sent.length = 0;
    const page = await store.repository.searchCases(text, {
      limit: options.limit ?? 50,
      cursor: options.cursor,
      visible: (c) => c.ref !== options.hidden,
    });
    return { refs: page.items.map((c) => c.ref), next: page.next, requests: [...sent] };
  };

  it('finds every John Smith case, best match then newest first, in at most 7 requests', {
    timeout: 60_000,
  }, async () => {
    const found = await search('john smith');
    // The whole name on the contact (4 + 4) before a John whose subject says Smith (4 + 1); newest first.
    const expected = [ref(5), ref(2), ref(3), ref(6), ref(4), ref(1), ref(7), ref(500)];
    expect(found.refs).toEqual(expected);
    // Two words (cases and contacts), the name pair (contacts), the contacts' sets, the page's cases.
    expect(found.requests.filter((r) => r === 'QueryCommand')).toHaveLength(5);
    expect(found.requests.filter((r) => r === 'BatchGetItemCommand')).toHaveLength(2);
    expect(found.requests).toHaveLength(7);

    // Paged by cursor in the same order; a case the caller may not see is left out.
    const page1 = await search('Smith John', { limit: 3, hidden: ref(2) });
    expect(page1.refs).toEqual([ref(5), ref(3), ref(6)]);
    const page2 = await search('Smith John', { limit: 3, hidden: ref(2), cursor: page1.next ?? undefined });
    expect(page2.refs).toEqual([ref(4), ref(1), ref(7)]);
    expect(page2.requests.length).toBeLessThanOrEqual(7);
  });

  it('forgets an erased resident: their name finds none of their cases, their set of cases is gone', {
    timeout: 60_000,
  }, async () => {
    const erasure = { at: day(20), by: 'officer-dpo', reason: 'erasure request' };
    await store.repository.privacy.eraseContact('c-z-3', erasure, async () => {});
    expect((await search('john smith')).refs).toEqual([ref(5), ref(2), ref(3), ref(1), ref(7), ref(500)]);
    const documents = documentClient(store.client);
    const set = await documents.send(new GetCommand({ TableName: TABLE, Key: keys.contactCases('c-z-3') }));
    expect(set.Item).toBeUndefined();
  });

  it('finds a reference in 2 requests and a rare word in 5', async () => {
    const byRef = await search(ref(7));
    // The case read by its key (no token item kept for a whole reference), then the page.
    expect(byRef).toMatchObject({ refs: [ref(7)], requests: ['BatchGetItemCommand', 'BatchGetItemCommand'] });
    const byWord = await search('someone12');
    expect(byWord.refs).toEqual([ref(312)]);
    // A word read as a word (cases, contacts) and as a tenancy reference (contacts), then the two batches.
    expect(byWord.requests).toHaveLength(5);
  });
});
