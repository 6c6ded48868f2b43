/**
 * Issue 10, timers after a crash: the need to plan is written with the case change
 * (a pending plan), cleared once the timers hold the case, and announced again on
 * every redelivery, threaded messages included.
 */
import { type CaseEvents, ingestMessage } from '@housing-inbox/core';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import { afterEach, describe, expect, it } from 'vitest';
import { type IngestBed, ingestBed, refOf } from './support/ingest.js';
import { email } from './support/stack.js';

function recordingEvents(durable: boolean, failFirst = 0) {
  const calls: string[] = [];
  let failures = failFirst;
  const events: CaseEvents = {
    durable,
    caseOpened: async (ref) => {
      if (failures-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      calls.push(`opened ${ref}`);
    },
    caseChanged: async (ref, why) => {
      if (failures-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      calls.push(`changed ${ref} ${why}`);
    },
  };
  return { calls, events };
}

describe('pending plans', () => {
  let bed: IngestBed;
  afterEach(async () => {
    await bed.stop();
  });

  it('keeps a new case’s pending plan until whoever plans clears it (the local runner)', async () => {
    const { calls, events } = recordingEvents(false);
    bed = await ingestBed({ events });
    const ref = refOf(await ingestMessage(bed.deps, email() as never));

    const { items } = await bed.store.repository.listPendingPlans();
    expect(items.map((p) => p.caseRef)).toEqual([ref]);
    expect(calls).toEqual([`opened ${ref}`]);

    // A stale token leaves it; the current one clears it.
    await bed.store.repository.clearPendingPlan(ref, 'someone-elses');
    expect((await bed.store.repository.listPendingPlans()).items).toHaveLength(1);
    await bed.store.repository.clearPendingPlan(ref, items[0]?.token as string);
    expect((await bed.store.repository.listPendingPlans()).items).toHaveLength(0);
  });

  it('clears the pending plan itself once a durable announcement succeeds (an announcer nothing plans behind)', async () => {
    const { events } = recordingEvents(true);
    bed = await ingestBed({ events });
    const ref = refOf(await ingestMessage(bed.deps, email() as never));
    await ingestMessage(bed.deps, email({ subject: `Re ${ref}` }) as never);
    expect((await bed.store.repository.listPendingPlans()).items).toHaveLength(0);
  });

  it('announces a threaded message again when its delivery is retried after the announcement failed', async () => {
    const first = recordingEvents(true);
    bed = await ingestBed({ events: first.events });
    const ref = refOf(await ingestMessage(bed.deps, email() as never));

    const failing = recordingEvents(true, 1);
    const reply = email({ subject: `Re ${ref}`, text: 'Any news?' });
    const deps = { ...bed.deps, events: failing.events };
    await expect(ingestMessage(deps, reply as never)).rejects.toThrow('Rate exceeded');
    expect((await bed.store.repository.listPendingPlans()).items.map((p) => p.caseRef)).toEqual([ref]);

    const retry = await ingestMessage(deps, reply as never);
    expect(retry).toMatchObject({ outcome: 'duplicate', caseRef: ref });
    expect(failing.calls).toEqual([`changed ${ref} message-received`]);
    // A duplicate costs one read (issue 16): it does not read the pending plan to clear it, so the
    // plan stays for whoever plans leftovers (the cloud's sweep, the local stack's start).
    expect((await bed.store.repository.listPendingPlans()).items.map((p) => p.caseRef)).toEqual([ref]);
  });

  it('pages through pending plans with a cursor', async () => {
    const { events } = recordingEvents(false);
    bed = await ingestBed({ events });
    for (const who of ['a', 'b', 'c'])
      await ingestMessage(bed.deps, email({ from: { email: `${who}@x.example` } }) as never);
    const first = await bed.store.repository.listPendingPlans({ limit: 2 });
    const second = await bed.store.repository.listPendingPlans({ limit: 2, cursor: first.next as string });
    expect([...first.items, ...second.items].map((p) => p.caseRef)).toHaveLength(3);
    expect(second.next).toBeNull();
  });

  it('moves a reply’s timer generation in its own write when the timers number re-plans, reading again when it moved in between', async () => {
    // Arrange: timers numbered by the case table's generation item (the cloud's), and a case.
    const calls: string[] = [];
    const events: CaseEvents = {
      numbered: true,
      caseOpened: async () => {},
      caseChanged: async (ref, why, generation) => {
        calls.push(`changed ${ref} ${why} ${generation}`);
      },
    };
    bed = await ingestBed({ events });
    const ref = refOf(await ingestMessage(bed.deps, email() as never));
    const generations = new DynamoGenerationCounter({ tableName: 'inbox', awsSdkV3Client: bed.store.client });
    // An officer's change re-plans the case (1 → 2) after the reply's read, before its write.
    let raced = false;
    const repository = new Proxy(bed.store.repository, {
      get(target, prop) {
        if (prop === 'appendMessage')
          return async (write: Parameters<typeof target.appendMessage>[0]) => {
            if (!raced) await generations.next(ref);
            raced = true;
            return target.appendMessage(write);
          };
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

    // Act
    const reply = await ingestMessage({ ...bed.deps, repository }, email({ subject: `Re ${ref}` }) as never);

    // Assert: written once, over generation 2, and the timers told to start <ref>-3.
    expect(reply).toMatchObject({ outcome: 'threaded', caseRef: ref });
    expect(calls).toEqual([`changed ${ref} message-received 3`]);
    expect([await generations.current(ref), await generations.changeBase(ref)]).toEqual([3, 2]);
    expect((await bed.store.repository.getCaseWithHistory(ref))?.messages).toHaveLength(2);
  });
});
