import { ManualClock } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { createTimerTasks, executionArn, InMemoryWakeUpStore } from '../src/index.js';
import { hightown, MemoryCases, makeCase, RecordingNoticeSender } from './support.js';

function setUp(extra: Partial<Parameters<typeof createTimerTasks>[0]> = {}) {
  const cases = new MemoryCases();
  const kase = makeCase(hightown, 'email');
  cases.add(kase);
  const clock = new ManualClock('2026-03-03T10:00:01.000Z');
  const sender = new RecordingNoticeSender();
  const tasks = createTimerTasks({ repository: cases.repository(), policy: hightown, clock, sender, ...extra });
  return { cases, kase, clock, sender, tasks };
}

describe('timer tasks (the Lambda handlers)', () => {
  it('plan reads the case afresh; act sends and carries the settled key forward', async () => {
    const { kase, sender, tasks } = setUp();
    expect(await tasks.plan({ caseRef: kase.ref, settled: [] })).toMatchObject({ action: 'acknowledge' });
    const state = await tasks.act({ caseRef: kase.ref, settled: [], key: 'acknowledgement' });
    expect(state).toMatchObject({ caseRef: kase.ref, settled: ['acknowledgement'], acted: { status: 'sent' } });
    expect(sender.sent.map((n) => n.key)).toEqual(['acknowledgement']);
    // The fake sender writes no timeline: only `settled` stops the same key being planned again.
    expect(await tasks.plan({ caseRef: kase.ref, settled: state.settled })).toMatchObject({ action: 'warn-owner' });
  });

  it('an unknown case plans nothing and acts on nothing', async () => {
    const { tasks, sender } = setUp();
    expect(await tasks.plan({ caseRef: 'HT-2026-999999' })).toMatchObject({ action: 'none' });
    expect(await tasks.act({ caseRef: 'HT-2026-999999' })).toMatchObject({ acted: { status: 'nothing-to-do' } });
    expect(sender.sent).toEqual([]);
  });

  it('a superseded execution ends itself at its next plan', async () => {
    const { kase, tasks } = setUp({
      isCurrentExecution: async (_ref, name) => name === `${kase.ref}-2`,
    });
    expect(await tasks.plan({ caseRef: kase.ref, execution: `${kase.ref}-1` })).toMatchObject({
      action: 'none',
      reason: 'a newer execution has taken over this case',
    });
    expect(await tasks.plan({ caseRef: kase.ref, execution: `${kase.ref}-2` })).toMatchObject({
      action: 'acknowledge',
    });
  });

  it('with a wait horizon, a far step is parked in the WakeUpStore and the execution ends', async () => {
    const store = new InMemoryWakeUpStore();
    const { kase, tasks } = setUp({ park: { store, beyondMs: 24 * 3_600_000 } });
    const settled = ['acknowledgement'];
    expect(await tasks.plan({ caseRef: kase.ref, settled })).toMatchObject({
      action: 'none',
      at: '2026-03-13T09:00:00.000Z',
      key: 'owner-warning:2026-03-17',
    });
    expect(await store.all()).toEqual([
      { caseRef: kase.ref, at: '2026-03-13T09:00:00.000Z', key: 'owner-warning:2026-03-17' },
    ]);
    // Something due within the horizon is waited for in the execution as usual.
    expect(await tasks.plan({ caseRef: kase.ref, settled: [] })).toMatchObject({ action: 'acknowledge' });
  });

  it('names the execution ARN of a generation', () => {
    expect(executionArn('arn:aws:states:eu-west-2:123456789012:stateMachine:inbox-timers', 'HT-2026-000001-2')).toBe(
      'arn:aws:states:eu-west-2:123456789012:execution:inbox-timers:HT-2026-000001-2',
    );
  });
});
