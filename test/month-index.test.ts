/**
 * The month index on the embedded DynamoDB (issue 13): a case is filed under
 * each month at whose end it was open when it is next written (closed as a
 * duplicate, merged, answered), a case untouched since comes from the open
 * cases, and the backfill rebuilds what records from before the markers lack,
 * the same twice. Hightown, 2030 (target of an email received Monday 4 March:
 * Monday 18 March).
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { type Case, computeTargets, monthlyReport } from '@housing-inbox/core';
import { documentClient, keys } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hightown, openCaseWrite, startTestStore, type TestStore } from './support/stack.js';

const MARCH_4 = '2030-03-04T10:00:00.000Z';
const now = new Date('2030-07-01T10:00:00.000Z');

let store: TestStore;
beforeAll(async () => {
  store = await startTestStore('months');
});
afterAll(async () => {
  await store?.stop();
});

function kase(ref: string): Case {
  return {
    ref,
    policyId: 'hightown',
    channel: 'email',
    kind: 'email',
    classification: { category: 'service-request', kind: 'email', reason: 'x', decidedBy: 'system' },
    status: 'new',
    teamId: 'customer-services',
    contactId: `c-${ref}`,
    subject: 's',
    receivedAt: MARCH_4,
    targets: computeTargets(hightown, { kind: 'email', received: new Date(MARCH_4) }),
    restricted: false,
    lastMessageAt: MARCH_4,
    messageCount: 1,
    createdAt: MARCH_4,
    updatedAt: MARCH_4,
  };
}

const open = (c: Case) => store.repository.openCase(openCaseWrite(c));

const change = (before: Case, after: Partial<Case>) => ({
  case: { ...before, ...after },
  expectedUpdatedAt: before.updatedAt,
  timeline: [],
});
const refs = (cases: Case[]) => cases.map((c) => c.ref).sort();
const report = async (month: string) =>
  monthlyReport(hightown, month, await store.repository.listMonth(month, { monthEnd: true }), now).monthEnd;

describe('the month index', () => {
  const X = kase('HT-2030-000001'); // open and untouched, then closed as a duplicate on 10 June
  const Y = kase('HT-2030-000002'); // answered a month late, 2 May
  const M = kase('HT-2030-000003'); // merged into Y's case on 12 April
  const APRIL_12 = '2030-04-12T10:00:00.000Z';
  const JUNE_10 = '2030-06-10T10:00:00.000Z';

  it('files cases under the month ends they were open at, once written again; the rest come from the open cases', async () => {
    for (const c of [X, Y, M]) await open(c);
    await store.repository.mergeCases({
      survivor: change(Y, { updatedAt: APRIL_12 }),
      merged: change(M, {
        status: 'closed',
        closedAt: APRIL_12,
        closedAs: 'merged',
        mergedInto: Y.ref,
        updatedAt: APRIL_12,
      }),
    });
    const YAnswered = {
      status: 'answered' as const,
      respondedAt: '2030-05-02T10:00:00.000Z',
      responseOutcome: 'missed' as const,
    };
    await store.repository.commitCaseChange(
      change({ ...Y, updatedAt: APRIL_12 }, { ...YAnswered, updatedAt: YAnswered.respondedAt }),
    );

    const april = await store.repository.listMonth('2030-04', { monthEnd: true });
    expect(refs(april.cases)).toEqual([Y.ref, M.ref]); // Y open at the end of April; M merged in April
    expect(refs(april.stillOpen ?? [])).toEqual([X.ref]);
    // End of April: X and Y open, both past 18 March; M closed. End of March: M open but never overdue.
    expect(await report('2030-04')).toMatchObject({ open: 2, overdue: 2 });
    expect(await report('2030-03')).toMatchObject({ open: 3, overdue: 2 });
    expect(await report('2030-05')).toMatchObject({ open: 1, overdue: 1 });

    // X closed as a duplicate in June: now filed under April and May, no longer open, and never overdue.
    await store.repository.commitCaseChange(
      change(X, { status: 'closed', closedAt: JUNE_10, closedAs: 'duplicate', duplicateOf: Y.ref, updatedAt: JUNE_10 }),
    );
    const may = await store.repository.listMonth('2030-05', { monthEnd: true });
    expect(refs(may.cases)).toEqual([X.ref, Y.ref]);
    expect(may.stillOpen).toEqual([]);
    expect(await report('2030-04')).toMatchObject({ open: 2, overdue: 1 });
    expect(await report('2030-05')).toMatchObject({ open: 1, overdue: 0 });
  });

  it('rebuilds what a record from before the markers lacks, and the same again on a second run', async () => {
    const db = documentClient(store.client);
    for (const month of ['2030-04', '2030-05', '2030-06']) {
      await db.send(new DeleteCommand({ TableName: 'months', Key: keys.countedIn(X.ref, month) }));
    }
    expect(refs((await store.repository.listMonth('2030-05')).cases)).toEqual([Y.ref]);

    const runAll = async () => {
      let cases = 0;
      let markers = 0;
      let cursor: string | undefined;
      do {
        const page = await store.repository.backfillMonthIndex({ cursor, limit: 1 });
        cases += page.cases;
        markers += page.markers;
        cursor = page.next ?? undefined;
      } while (cursor);
      return { cases, markers, april: await report('2030-04'), may: await report('2030-05') };
    };
    const first = await runAll();
    // X: April and May (open at their ends), June (closed); Y: April (open at its end), May (answered);
    // M: April (merged). Three cases, six markers; March is each one's month of receipt.
    expect(first).toEqual({
      cases: 3,
      markers: 6,
      april: expect.objectContaining({ open: 2, overdue: 1 }),
      may: expect.objectContaining({ open: 1, overdue: 0 }),
    });
    expect(await runAll()).toEqual(first);
    expect(await store.repository.rebuildMonthIndex('HT-2030-999999')).toBe(0);
    const from = await store.repository.backfillMonthIndex({ from: '2030-04' });
    expect(from.cases).toBe(0); // every case here was received in March
    await expect(store.repository.backfillMonthIndex({ cursor: 'nonsense' })).rejects.toBeInstanceOf(RangeError);
  });
});
