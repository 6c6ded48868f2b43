/**
 * Fewer round trips (issue 16): the DynamoDB requests ingest makes, counted by SDK middleware on
 * the client the real repository sends through (bench/count-requests.ts), on the embedded
 * DynamoDB. Counts, not timings: the same on any machine.
 */
import { describe, expect, it } from 'vitest';
import { measureRequests } from '../bench/ingest.js';

describe('DynamoDB requests per message', () => {
  it('files a new case in at most 3 requests, a threaded message in at most 3, and drops a duplicate (new or threaded) in 1', async () => {
    // Act: a new resident's email, their reply quoting the reference, the first email delivered
    // again, then 7 more new cases (the process's blocks of reference numbers: 1, 2, 4, then 8).
    const counted = await measureRequests({ amortisedOver: 8 });

    // Assess
    expect(counted.newCase).toBeLessThanOrEqual(3);
    // The first case reserves a block (one UpdateItem); shared out over 8 cases: 2 + 4/8.
    expect(counted.detail.newCase.byOperation.UpdateItem).toBe(1);
    expect(counted.newCaseAmortised).toBe(2.5);
    expect(counted.threaded).toBeLessThanOrEqual(3);
    expect(counted.duplicate).toBe(1);
    // The reply delivered again: its one read, and its re-announcement moves no counter (cloud events).
    expect(counted.duplicateThreaded).toBe(1);
    expect(counted.detail.duplicateThreaded.itemsWritten).toBe(0);
    // Write units (branch write-units): the opening timeline one item, 5 search tokens, not 7: 29 items → 24.
    expect(counted.detail.newCase.itemsWritten).toBeLessThanOrEqual(24);
    // One transaction each: the new case and the threaded message are written all or nothing.
    expect(counted.detail.newCase.byOperation.TransactWriteItems).toBe(1);
    expect(counted.detail.threaded.byOperation.TransactWriteItems).toBe(1);
    expect(counted.detail.duplicate.byOperation.TransactWriteItems).toBeUndefined();
    // The pending plan is written in the transaction and left for the timers' plan step to clear.
    expect(counted.detail.newCase.byOperation.DeleteItem).toBeUndefined();
    expect(counted.detail.threaded.byOperation.DeleteItem).toBeUndefined();
  }, 120_000);
});
