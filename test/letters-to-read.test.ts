/** The store's "letters to read" listing on the embedded DynamoDB: only flagged open cases, every one once across pages. */
import type { Case } from '@housing-inbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseWrite, startTestStore, type TestStore } from './support/stack.js';

let store: TestStore;
beforeAll(async () => {
  store = await startTestStore();
});
afterAll(async () => {
  await store.stop();
});

function kase(n: number, over: Partial<Case> = {}): Case {
  const ref = `HT-2026-${String(n).padStart(6, '0')}`;
  const day = `2026-12-${String(1 + (n % 20)).padStart(2, '0')}`;
  return {
    ref,
    policyId: 'hightown',
    channel: 'letter',
    kind: 'letter',
    classification: { category: 'service-request', kind: 'letter', reason: 'x', decidedBy: 'system' },
    status: 'new',
    teamId: 'customer-services',
    contactId: `c${n}`,
    subject: 's',
    receivedAt: '2026-12-01T10:00:00.000Z',
    targets: { clockStarts: '2026-12-01', acknowledgeBy: null, respondBy: day },
    restricted: false,
    lastMessageAt: '2026-12-01T10:00:00.000Z',
    messageCount: 1,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...over,
  };
}

describe('listLettersToRead', () => {
  it('pages through the open cases whose letter needs reading, nearest target first, each once', async () => {
    const flag = { needsReading: { reasons: ['OCR confidence 16 is below 60: the text may be wrong'] } };
    const all = Array.from({ length: 30 }, (_, i) => i + 1);
    const flagged = all.filter((n) => n % 4 === 0);
    for (const n of all) {
      const closed = n === 8;
      const c = kase(n, { ...(flagged.includes(n) ? flag : {}), ...(closed ? { status: 'closed' } : {}) });
      await store.repository.openCase(openCaseWrite(c, `m${n}`));
    }

    const seen: Case[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.repository.listLettersToRead({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor && pages < 50);

    const expected = flagged.filter((n) => n !== 8).map((n) => kase(n));
    expect(seen.map((c) => c.ref).sort()).toEqual(expected.map((c) => c.ref).sort());
    const due = seen.map((c) => c.targets.respondBy);
    expect(due).toEqual([...due].sort());
    await expect(store.repository.listLettersToRead({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(RangeError);
  });
});
