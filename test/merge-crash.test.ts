/**
 * A merge larger than one DynamoDB transaction (100 items) on the real store:
 * history moves in batches, and a crash part-way leaves a marker that running
 * the merge again completes, with the old reference leading to the survivor
 * throughout.
 */
import { type Actor, type CaseCommands, createCaseCommands } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest } from './support/ingest.js';
import { rawEmail } from './support/mail.js';

const MANAGER: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };
const FROM = '"Vic Resident" <vic@resident.example>';

describe('a merge of a long case', () => {
  const bed = ingestBedPerTest();

  async function longCaseAndAnother(followUps: number) {
    const first = await bed.email(
      rawEmail({ id: 'long-0', subject: 'Heating', body: 'No heating since Monday.', from: FROM }),
    );
    const older = (first as { caseRef: string }).caseRef;
    for (let i = 1; i <= followUps; i++) {
      const out = await bed.email(
        rawEmail({ id: `long-${i}`, subject: `Re: ${older}`, body: `Still cold, day ${i}.`, from: FROM }),
      );
      expect(out).toMatchObject({ outcome: 'threaded', caseRef: older });
    }
    const second = await bed.email(
      rawEmail({ id: 'other-0', subject: 'Radiator', body: 'A radiator leaks.', from: FROM }),
    );
    return { older, newer: (second as { caseRef: string }).caseRef };
  }

  const commands = (): CaseCommands =>
    createCaseCommands({
      policy: bed.deps.policy,
      repository: bed.store.repository,
      clock: bed.clock,
      notices: bed.notices().sender,
    });

  it('moves more than a transaction holds, in batches', async () => {
    const { older, newer } = await longCaseAndAnother(60);
    const before = await bed.store.repository.getCaseWithHistory(older);
    const merged = await commands().merge(MANAGER, newer, { from: older, reason: 'Same heating fault' });
    expect(merged.case.merging).toBeUndefined();
    expect(merged.messages).toHaveLength(62);
    expect(merged.timeline.length).toBeGreaterThan(before?.timeline.length ?? 0);
    const left = await bed.store.repository.getCaseWithHistory(older);
    expect(left?.messages).toEqual([]);
    expect(left?.timeline.map((e) => e.type)).toEqual(['merged-into']);
    expect(left?.case).toMatchObject({ status: 'closed', closedAs: 'merged', mergedInto: newer });
  });

  it('finishes a merge that crashed part-way when it is run again', async () => {
    const { older, newer } = await longCaseAndAnother(60);
    // Prepare: the third transaction of the merge (the second batch of moves) fails, as a crash would.
    let transactions = 0;
    const stack = bed.store.client.middlewareStack;
    stack.add(
      (next, context) => async (args) => {
        if (String(context.commandName).startsWith('TransactWrite') && ++transactions === 3) throw new Error('crash');
        return next(args);
      },
      { step: 'initialize', name: 'crash-on-third-transaction' },
    );
    await expect(commands().merge(MANAGER, newer, { from: older, reason: 'Same' })).rejects.toThrow('crash');
    stack.remove('crash-on-third-transaction');

    // Assess the half-way state: the marker stands, part of the history moved, the old reference leads on.
    const halfway = await bed.store.repository.getCaseWithHistory(newer);
    expect(halfway?.case.merging).toMatchObject({ from: older });
    expect(halfway?.messages.length).toBeGreaterThan(1);
    expect(halfway?.messages.length).toBeLessThan(62);
    const quoting = await bed.email(rawEmail({ id: 'during', subject: `Re: ${older}`, body: 'Hello?', from: FROM }));
    expect(quoting).toMatchObject({ outcome: 'threaded', caseRef: newer });

    // Act: run the merge again.
    const done = await commands().merge(MANAGER, newer, { from: older, reason: 'Same' });
    expect(done.case.merging).toBeUndefined();
    expect(done.messages).toHaveLength(63);
    expect((await bed.store.repository.getCaseWithHistory(older))?.messages).toEqual([]);
  });
});
