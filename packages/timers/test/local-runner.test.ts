/**
 * The deployed state machine definition, run end to end by
 * aws-local-stepfunctions with the real plan/act code, core's real
 * NoticeSender in front of a recording outbox, and a clock moved by hand.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '@housing-inbox/core';
import { type LocalDynamoDB, startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { createTableInput, DynamoWakeUpRepository } from '@housing-inbox/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTimerTasks,
  InMemoryWakeUpStore,
  LocalTimerRunner,
  type TimerTasks,
  type WakeUpStore,
} from '../src/index.js';
import { hightown, MemoryCases, makeCase, type OutboxItem, realNoticeSender } from './support.js';

let db: LocalDynamoDB;
let client: DynamoDBClient;
const runners: LocalTimerRunner[] = [];

beforeAll(async () => {
  db = await startLocalDynamoDB({});
  client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await client.send(new CreateTableCommand(createTableInput('inbox')));
});

afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
});

afterAll(async () => {
  client?.destroy();
  await db?.stop();
});

function setUp(options: { store?: WakeUpStore; start?: string } = {}) {
  const clock = new ManualClock(options.start ?? '2026-03-03T10:00:01.000Z');
  const cases = new MemoryCases();
  const { sender, outbox } = realNoticeSender(cases, hightown, clock);
  const tasks = createTimerTasks({ repository: cases.repository(), policy: hightown, clock, sender });
  const store = options.store ?? new InMemoryWakeUpStore();
  const runner = (with_: { tasks?: TimerTasks; store?: WakeUpStore } = {}) => {
    const r = new LocalTimerRunner({
      tasks: with_.tasks ?? tasks,
      store: with_.store ?? store,
      clock,
      retryIntervalMs: 1,
    });
    runners.push(r);
    return r;
  };
  return { clock, cases, outbox, tasks, store, runner };
}

const summary = (outbox: OutboxItem[]) =>
  outbox.map((m) => `${m.caseRef} ${m.purpose === 'other' ? m.subject.split(' ')[0] : m.purpose} → ${m.to}`);

describe('LocalTimerRunner', () => {
  it('acknowledges, warns, sends exactly one delay update, survives a restart, then sends the next', async () => {
    const store = new DynamoWakeUpRepository({ tableName: 'inbox', awsSdkV3Client: client });
    const { clock, cases, outbox, runner } = setUp({ store });
    const kase = makeCase(hightown, 'email');
    cases.add(kase);

    const first = runner();
    await first.caseOpened(kase.ref);
    await first.idle();
    expect(summary(outbox)).toEqual([`${kase.ref} acknowledgement → ada@resident.example`]);
    expect(await store.all()).toEqual([
      { caseRef: kase.ref, at: '2026-03-13T09:00:00.000Z', key: 'owner-warning:2026-03-17' },
    ]);

    // Nothing is due yet: the clock moving short of the warning fires nothing.
    clock.set('2026-03-13T08:59:00.000Z');
    expect(await first.tick()).toBe(0);
    expect(outbox).toHaveLength(1);

    // Past the target, unanswered: warning (due earlier), one delay update, the manager's alert.
    clock.set('2026-03-18T10:00:00.000Z');
    await first.tick();
    await first.tick();
    expect(summary(outbox).slice(1)).toEqual([
      `${kase.ref} ${kase.ref} → olu@landlord.example`,
      `${kase.ref} delay-update → ada@resident.example`,
      `${kase.ref} Overdue: → mo@landlord.example`,
    ]);
    expect(outbox.filter((m) => m.purpose === 'delay-update')).toHaveLength(1);
    expect(outbox.find((m) => m.purpose === 'delay-update')?.body).toContain(kase.ref);
    expect(await store.all()).toEqual([
      { caseRef: kase.ref, at: '2026-03-25T09:00:00.000Z', key: 'delay-update:2026-03-17:2' },
    ]);

    // "Restart": the runner, its in-memory executions and its store object are gone; all that
    // is left is the table. A new runner reads the wake-ups back from it.
    await first.stop();
    const second = runner({
      tasks: createTimerTasks({
        repository: cases.repository(),
        policy: hightown,
        clock,
        sender: realNoticeSender(cases, hightown, clock).sender,
      }),
      store: new DynamoWakeUpRepository({ tableName: 'inbox', awsSdkV3Client: client }),
    });
    expect(await second.resumeAll()).toEqual({ fired: 0, resumed: 1 });
    expect(outbox).toHaveLength(4);
    expect(await store.all()).toHaveLength(1);

    clock.set('2026-03-25T10:00:00.000Z');
    await second.tick();
    const timeline = cases.cases.get(kase.ref)?.timeline ?? [];
    const delayKeys = timeline.filter((e) => e.data?.purpose === 'delay-update').map((e) => e.data?.noticeKey);
    expect(delayKeys).toEqual(['delay-update:2026-03-17:1', 'delay-update:2026-03-17:2']);

    // The reply ends the workflow.
    cases.update(
      kase.ref,
      (c) => ({ ...c, status: 'answered', respondedAt: '2026-03-25T11:00:00.000Z' }),
      '2026-03-25T11:00:00.000Z',
    );
    await second.caseChanged(kase.ref, 'replied');
    await second.idle();
    expect(await store.all()).toEqual([]);
    clock.set('2026-05-01T10:00:00.000Z');
    expect(await second.tick()).toBe(0);
  });

  it('starts without waiting for the pending workflows to be re-planned, and re-plans them all after', async () => {
    const { cases, outbox, runner, store, tasks } = setUp();
    const a = makeCase(hightown, 'email', { ref: 'HT-2026-000001', acknowledgedAt: '2026-03-03T10:00:00.000Z' });
    const b = makeCase(hightown, 'email', { ref: 'HT-2026-000002', acknowledgedAt: '2026-03-03T10:00:00.000Z' });
    cases.add(a);
    cases.add(b);
    // Parked by an earlier run at times this code no longer plans (a policy or code change).
    await store.set(a.ref, '2026-06-01T09:00:00.000Z', 'stale');
    await store.set(b.ref, '2026-06-02T09:00:00.000Z', 'stale');
    // A due wake-up from while the stack was down: fired before start returns.
    const due = makeCase(hightown, 'email', { ref: 'HT-2026-000003' });
    cases.add(due);
    await store.set(due.ref, '2026-03-03T10:00:00.000Z', 'acknowledgement');

    // The first re-plan of a stale workflow is held until the test lets it go.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const r = runner({
      tasks: {
        ...tasks,
        plan: async (input) => {
          if (input.caseRef === a.ref) await held;
          return tasks.plan(input);
        },
      },
    });
    await r.start({ intervalMs: 60_000 });
    expect(summary(outbox)).toEqual([`${due.ref} acknowledgement → ada@resident.example`]);
    expect((await store.get(a.ref))?.key).toBe('stale');
    expect((await store.get(b.ref))?.key).toBe('stale');

    release();
    await r.idle();
    expect(await store.get(a.ref)).toEqual({
      caseRef: a.ref,
      at: '2026-03-13T09:00:00.000Z',
      key: 'owner-warning:2026-03-17',
    });
    expect((await store.get(b.ref))?.key).toBe('owner-warning:2026-03-17');
  });

  it('stops re-planning pending workflows when stopped, keeping every wake-up', async () => {
    const { cases, runner, store, tasks } = setUp();
    for (const n of [1, 2, 3]) {
      const kase = makeCase(hightown, 'email', {
        ref: `HT-2026-00000${n}`,
        acknowledgedAt: '2026-03-03T10:00:00.000Z',
      });
      cases.add(kase);
      await store.set(kase.ref, '2026-06-01T09:00:00.000Z', 'stale');
    }
    let planned = 0;
    const r = runner({
      tasks: {
        ...tasks,
        plan: async (input) => {
          planned++;
          return tasks.plan(input);
        },
      },
    });
    await r.start({ intervalMs: 60_000 });
    await r.stop();
    expect(planned).toBeLessThan(3);
    expect((await store.all()).map((w) => w.caseRef)).toEqual(['HT-2026-000001', 'HT-2026-000002', 'HT-2026-000003']);
  });

  it('a case answered while waiting sends nothing when the wake-up comes', async () => {
    const { clock, cases, outbox, runner, store } = setUp();
    const kase = makeCase(hightown, 'email');
    cases.add(kase);
    const r = runner();
    await r.caseOpened(kase.ref);
    await r.idle();
    // Answered, and the runner not told (a lost event): the wake-up still fires, and act re-plans.
    cases.update(
      kase.ref,
      (c) => ({ ...c, status: 'answered', respondedAt: '2026-03-05T11:00:00.000Z' }),
      '2026-03-05T11:00:00.000Z',
    );
    clock.set('2026-03-20T10:00:00.000Z');
    expect(await r.tick()).toBe(1);
    expect(summary(outbox)).toEqual([`${kase.ref} acknowledgement → ada@resident.example`]);
    expect(await store.all()).toEqual([]);
  });

  it('re-plans at once when a case changes: an agreed date moves the wake-up', async () => {
    const { cases, runner, store } = setUp();
    const kase = makeCase(hightown, 'email');
    cases.add(kase);
    const r = runner();
    await r.caseOpened(kase.ref);
    await r.idle();
    cases.update(kase.ref, (c) => ({ ...c, agreedReplyDate: '2026-03-27' }), '2026-03-04T10:00:00.000Z');
    const outcome = await r.replan(kase.ref);
    expect(outcome.ended).toEqual({
      state: 'waiting',
      wakeUp: { caseRef: kase.ref, at: '2026-03-25T09:00:00.000Z', key: 'owner-warning:2026-03-27' },
    });
    expect(await store.all()).toEqual([outcome.ended.state === 'waiting' ? outcome.ended.wakeUp : undefined]);
  });

  it('fires the wake-ups of several cases in time order within one tick', async () => {
    const { clock, cases, outbox, runner } = setUp();
    const a = makeCase(hightown, 'email', { ref: 'HT-2026-000001', acknowledgedAt: '2026-03-03T10:00:00.000Z' });
    const b = makeCase(hightown, 'email', {
      ref: 'HT-2026-000002',
      receivedAt: '2026-03-02T10:00:00.000Z',
      createdAt: '2026-03-02T10:00:00.000Z',
      acknowledgedAt: '2026-03-02T10:00:00.000Z',
    });
    cases.add(a);
    cases.add(b);
    const r = runner();
    await r.caseOpened(a.ref);
    await r.caseOpened(b.ref);
    await r.idle();
    clock.set('2026-03-20T10:00:00.000Z');
    await r.tick();
    expect(summary(outbox)).toEqual([
      'HT-2026-000002 HT-2026-000002 → olu@landlord.example', // 12 March
      'HT-2026-000001 HT-2026-000001 → olu@landlord.example', // 13 March
      'HT-2026-000002 delay-update → ada@resident.example', // 17 March
      'HT-2026-000002 Overdue: → mo@landlord.example',
      'HT-2026-000001 delay-update → ada@resident.example', // 18 March
      'HT-2026-000001 Overdue: → mo@landlord.example',
    ]);
  });

  it('a step that keeps failing takes the failure path (the local dead-letter queue) and stops that timer', async () => {
    const { cases, runner, store, tasks } = setUp();
    const kase = makeCase(hightown, 'email');
    cases.add(kase);
    let calls = 0;
    const failing: TimerTasks = {
      plan: async () => {
        calls++;
        throw new Error('the table is unreachable');
      },
      act: tasks.act,
    };
    await store.set(kase.ref, '2026-03-03T09:00:00.000Z', 'acknowledgement');
    const r = runner({ tasks: failing });
    const outcome = await r.replan(kase.ref);
    expect(outcome.ended.state).toBe('failed');
    // 1 attempt + 3 retries (States.ALL, MaxAttempts 3).
    expect(calls).toBe(4);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({
      caseRef: kase.ref,
      data: {
        caseRef: kase.ref,
        error: { Error: 'Error', Cause: expect.stringContaining('the table is unreachable') },
      },
    });
    expect(await store.all()).toEqual([]);
  });
});
