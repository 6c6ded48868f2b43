/**
 * Step Functions task failures: the deployed timer definition, run by aws-local-stepfunctions
 * (the local stack's runner), whose Act task (timer-act: sending the acknowledgement) throws as
 * a crashed or timed-out Lambda would. A failure that clears is retried by the definition and the
 * resident is acknowledged once; one that does not takes the failure path with the workflow data
 * (what the cloud puts on the timers' dead-letter queue: the case reference and the error), and
 * once the cause is fixed the sweep — or that dead letter replayed — sends the acknowledgement,
 * exactly once. Nothing accepted is left without its notice.
 */
import {
  createTimerTasks,
  InMemoryWakeUpStore,
  LocalTimerRunner,
  type SweepCursor,
  sweepTimers,
  type TimerTasks,
} from '@housing-inbox/timers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestBed, ingestBed } from './support/ingest.js';
import { rawEmail } from './support/mail.js';

describe('the timer workflow when its Act task fails', () => {
  let bed: IngestBed;
  beforeAll(async () => {
    bed = await ingestBed();
  });
  afterAll(async () => {
    await bed?.stop();
  });

  const caseFrom = async (who: string) => {
    const raw = rawEmail({
      id: who,
      subject: 'Damp',
      body: 'Mould in the bedroom again.',
      from: `<${who}@resident.example>`,
    });
    return ((await bed.email(raw)) as { caseRef: string }).caseRef;
  };

  /** The real plan and act on the bed's store and notice sender; Act throws while `failing` says so. */
  function timers(failing: (attempt: number) => boolean) {
    const { sender, sent } = bed.notices();
    const real = createTimerTasks({
      repository: bed.store.repository,
      policy: bed.deps.policy,
      clock: bed.clock,
      sender,
    });
    const state = { attempts: 0, failing };
    const tasks: TimerTasks = {
      plan: real.plan,
      act: async (input) => {
        state.attempts++;
        if (state.failing(state.attempts)) throw new Error('Task timed out after 120.00 seconds');
        return real.act(input);
      },
    };
    const wakeUps = new InMemoryWakeUpStore();
    const runner = new LocalTimerRunner({ tasks, store: wakeUps, clock: bed.clock, retryIntervalMs: 1 });
    const to = (who: string) => sent.filter((m) => m.to === `${who}@resident.example`).map((m) => m.purpose);
    return { runner, wakeUps, state, to };
  }

  it('retries an Act that fails twice and acknowledges the resident once', async () => {
    // Prepare
    const ref = await caseFrom('retried');
    const { runner, state, to } = timers((attempt) => attempt <= 2);

    // Act
    const outcome = await runner.replan(ref);

    // Assess
    expect(outcome.ended.state).not.toBe('failed');
    expect(state.attempts).toBe(3);
    expect(to('retried')).toEqual(['acknowledgement']);
    expect(runner.failures).toEqual([]);
    await runner.stop();
  });

  it('puts an Act that keeps failing on the failure path with what a replay needs; the sweep then acknowledges once', async () => {
    // Prepare
    const ref = await caseFrom('swept');
    const { runner, wakeUps, state, to } = timers(() => true);

    // Act: the definition's retries run out (1 attempt + 3 retries)
    const outcome = await runner.replan(ref);

    // Assess: the dead letter names the case and the error; nothing was sent
    expect(outcome.ended.state).toBe('failed');
    expect(state.attempts).toBe(4);
    const deadLetter = JSON.parse(JSON.stringify(runner.failures[0]?.data));
    expect(deadLetter).toMatchObject({ caseRef: ref, error: { Cause: expect.stringContaining('timed out') } });
    expect(await runner.status(ref)).toBe('FAILED');
    expect(to('swept')).toEqual([]);

    // Act: the cause is fixed; the sweep finds the failed timer (and runs again later)
    state.failing = () => false;
    let saved: string | undefined;
    const cursor: SweepCursor = {
      get: async () => saved,
      set: async (next) => {
        saved = next ?? undefined;
      },
    };
    const sweep = () =>
      sweepTimers({
        clock: bed.clock,
        events: { caseChanged: async (caseRef) => void (await runner.replan(caseRef)) },
        wakeUps,
        repository: bed.store.repository,
        inspector: runner,
        cursor,
        horizonMs: 24 * 3_600_000,
        limit: 200,
      });
    const report = await sweep();
    await sweep();

    // Assess
    expect(report.restarted).toContainEqual({ caseRef: ref, status: 'FAILED' });
    expect(to('swept')).toEqual(['acknowledgement']);
    await runner.stop();
  });

  it('acknowledges once when the dead letter is replayed, however often', async () => {
    // Prepare: a timer that failed for good, its dead letter as the queue keeps it (JSON)
    const ref = await caseFrom('replayed');
    const { runner, state, to } = timers(() => true);
    await runner.replan(ref);
    const body = JSON.stringify(runner.failures[0]?.data);
    state.failing = () => false;

    // Act: `inbox replay` hands the message to the timers (twice: a replay that timed out is replayed again)
    for (let i = 0; i < 2; i++) await runner.replan(JSON.parse(body).caseRef);

    // Assess
    expect(to('replayed')).toEqual(['acknowledgement']);
    await runner.stop();
  });
});
