/** Ingest throughput on the embedded DynamoDB: new cases and duplicate deliveries. */
import { ingestMessage } from '@housing-inbox/core';
import { afterAll, bench, describe } from 'vitest';
import { clockAt, email, hightown, startTestStore, type TestStore } from '../support/stack.js';

// Module level: benchmarks run outside the test hooks' lifecycle.
const store: TestStore = await startTestStore();
await store.repository.putOfficer({
  id: 'o1',
  name: 'Officer',
  email: 'o1@x.example',
  role: 'officer',
  teamId: 'customer-services',
  active: true,
});
const deps = {
  policy: hightown,
  repository: store.repository,
  blobs: store.blobs,
  clock: clockAt('2026-12-01T10:00:00Z'),
};
let n = 0;

describe('ingest', () => {
  afterAll(async () => {
    await store.stop();
  });

  bench(
    'a new email from a new resident (opens a case)',
    async () => {
      n++;
      await ingestMessage(deps, email({ from: { email: `r${n}@resident.example` } }) as never);
    },
    { time: 2000 },
  );

  bench(
    'the same delivery again (dropped as a duplicate)',
    async () => {
      await ingestMessage(
        deps,
        email({ dedupeKey: '<same@resident.example>', from: { email: 'dup@resident.example' } }) as never,
      );
    },
    { time: 2000 },
  );
});
