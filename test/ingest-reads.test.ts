/**
 * Ingest's one-batch reads (issue 16) on the embedded DynamoDB: the officer directory kept as
 * one item stays the directory, and new cases filed at once, each taking its reference from
 * the counter it read, never share a reference and never fail.
 */
import { ingestMessage } from '@housing-inbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../bench/ingest.js';
import { clockAt, hightown, startTestStore, type TestStore } from './support/stack.js';

describe('ingest’s reads in one batch', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.stop());

  it('reads the officer directory as it was last written, with every officer', async () => {
    // Prepare
    const officer = { role: 'officer' as const, teamId: 'customer-services', active: true };
    await store.repository.putOfficer({ id: 'ana', name: 'Ana', email: 'ana@x.example', ...officer });
    await store.repository.putOfficer({ id: 'raj', name: 'Raj', email: 'raj@x.example', ...officer });

    // Act: Ana leaves.
    await store.repository.putOfficer({ id: 'ana', name: 'Ana', email: 'ana@x.example', ...officer, active: false });
    const read = await store.repository.readForIngest({ officers: true });

    // Assess
    expect(read.officers).toEqual(await store.repository.listOfficers());
    expect(read.officers?.map((o) => [o.id, o.active])).toEqual([
      ['ana', false],
      ['raj', true],
    ]);
  });

  it('gives new cases filed at once each their own reference, none failing', async () => {
    // Prepare
    const deps = {
      policy: hightown,
      repository: store.repository,
      blobs: store.blobs,
      clock: clockAt('2026-12-01T10:00:00Z'),
    };

    // Act: six residents write at the same moment; each first reads the same counter.
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) =>
        ingestMessage(deps, message({ from: { email: `same-moment-${i}@resident.example` } })),
      ),
    );

    // Assess
    const refs = outcomes.map((o) => ('caseRef' in o ? o.caseRef : undefined));
    expect(outcomes.map((o) => o.outcome)).toEqual(Array(6).fill('created'));
    expect(new Set(refs).size).toBe(6);
    for (const ref of refs) expect((await store.repository.getCase(ref as string))?.ref).toBe(ref);
  }, 120_000);
});
