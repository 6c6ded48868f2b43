import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ingestMessage } from '@housing-inbox/core';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import {
  InMemoryGenerationCounter,
  InMemoryWakeUpStore,
  type TimerPlan,
  type TimerState,
} from '@housing-inbox/timers/workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../src/lib/runtime.js';
import { createTimerRuntime, type TimerRuntime } from '../src/lib/timer-runtime.js';
import { createTimerActHandler } from '../src/timer-act.js';
import { createTimerPlanHandler } from '../src/timer-plan.js';
import {
  BUCKET_NAME,
  FROM_ADDRESS,
  invoke,
  lambdaContext,
  officers as officersOf,
  startTestbed,
  TABLE_NAME,
  type Testbed,
} from './support/testbed.js';

const resident = {
  name: 'Marta Kowalczyk',
  email: 'marta.kowalczyk@example.net',
  subject: 'Mould in the back bedroom',
  text: 'There is black mould spreading on the back bedroom wall of my flat.',
};

describe('timer steps (Step Functions → Lambda, by ARN)', () => {
  let bed: Testbed;
  let timers: TimerRuntime;
  let generations: InMemoryGenerationCounter;
  let plan: ReturnType<typeof createTimerPlanHandler>;
  let act: ReturnType<typeof createTimerActHandler>;
  let emails = 0;

  beforeAll(async () => {
    bed = await startTestbed();
    generations = new InMemoryGenerationCounter();
    // The testbed's runtime (local DynamoDB, SES mocked); the counter and wake-ups in memory (their DynamoDB side: the store).
    timers = createTimerRuntime(
      { TABLE_NAME },
      { runtime: bed.runtime, generations, wakeUps: new InMemoryWakeUpStore() },
    );
    plan = createTimerPlanHandler({ runtime: () => timers, logger: bed.logger });
    act = createTimerActHandler({ runtime: () => timers, logger: bed.logger });
  });
  afterEach(() => {
    bed.ses.resetHistory();
  });
  afterAll(async () => {
    await bed.stop();
  });

  /** A new email case from the resident, as ingest opens it (the testbed's runtime, a sender, unless given). */
  const newCase = async (
    ingest: Parameters<typeof ingestMessage>[0] = bed.runtime.services.ingest,
  ): Promise<string> => {
    const outcome = await ingestMessage(ingest, {
      channel: 'email',
      dedupeKey: `<timer-${++emails}@resident.example>`,
      receivedAt: '2026-12-01T10:00:00.000Z',
      from: { name: resident.name, email: resident.email },
      to: [FROM_ADDRESS],
      subject: resident.subject,
      text: resident.text,
    } as never);
    if (!('caseRef' in outcome) || !outcome.caseRef) throw new Error(`no case: ${outcome.outcome}`);
    // Opening emailed the owner routing chose (their notification): the timers' sends are what is counted.
    bed.ses.resetHistory();
    return outcome.caseRef;
  };
  const planStep = (input: unknown) => invoke<TimerPlan>(plan, input, lambdaContext('timer-plan'));
  const actStep = (input: unknown) => invoke<TimerState>(act, input, lambdaContext('timer-act'));

  it('plans the acknowledgement of a new case for now, and acting on it sends exactly one email', async () => {
    // Prepare
    const ref = await newCase();

    // Act: the state machine's Start → Plan → (WaitUntilDue) → Act, with its Parameters.
    const planned = await planStep({ caseRef: ref, settled: [], execution: `${ref}-1` });
    const state = await actStep({ caseRef: ref, settled: [], key: planned.key });

    // Assess
    expect(planned).toMatchObject({ action: 'acknowledge', key: 'acknowledgement' });
    expect(new Date(planned.at).getTime()).toBeLessThanOrEqual(bed.clock.now().getTime());
    expect(state).toMatchObject({
      caseRef: ref,
      settled: ['acknowledgement'],
      acted: { status: 'sent', plan: { action: 'acknowledge', key: 'acknowledgement' } },
    });
    expect(bed.ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(bed.ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: [resident.email] },
      Content: {
        Simple: expect.objectContaining({ Subject: { Data: expect.stringContaining(ref), Charset: 'UTF-8' } }),
      },
    });
    const history = await bed.runtime.repository.getCaseWithHistory(ref);
    expect(history?.timeline).toContainEqual(
      expect.objectContaining({ type: 'notice-sent', data: expect.objectContaining({ noticeKey: 'acknowledgement' }) }),
    );
  });

  it('sends nothing more when the step is retried, and plans the next thing for later', async () => {
    // Prepare
    const ref = await newCase();
    const planned = await planStep({ caseRef: ref, execution: `${ref}-1` });
    const first = await actStep({ caseRef: ref, settled: [], key: planned.key });

    // Act: Step Functions retries the same Act (a lost response), then plans again with the new data.
    const retried = await actStep({ caseRef: ref, settled: [], key: planned.key });
    const next = await planStep({ caseRef: ref, settled: first.settled, execution: `${ref}-1` });

    // Assess
    expect(bed.ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    // Acknowledged already: the re-plan inside Act finds the next thing, and it is not due yet.
    expect(retried.acted?.status).toBe('not-due');
    // The owner's warning is days away, beyond the wait horizon: parked for the sweep, the execution ends.
    expect(next).toMatchObject({ action: 'none', key: expect.stringMatching(/^owner-warning:/) });
    expect(new Date(next.at).getTime()).toBeGreaterThan(bed.clock.now().getTime() + timers.horizonMs);
    expect(await timers.wakeUps.all()).toContainEqual({ caseRef: ref, at: next.at, key: next.key });
  });

  it('ends a superseded execution at its plan: the case changed and <ref>-2 took over', async () => {
    const ref = await newCase();
    await generations.next(ref);

    const old = await planStep({ caseRef: ref, settled: [], execution: `${ref}-1` });
    const current = await planStep({ caseRef: ref, settled: [], execution: `${ref}-2` });

    expect(old).toMatchObject({ action: 'none', reason: expect.stringMatching(/newer execution/) });
    expect(current).toMatchObject({ action: 'acknowledge' });
  });

  it('clears the pending plan ingest left only from an execution started after the change, never from an older one', async () => {
    // Arrange: the timer runtime over the case table's own generation counter (as deployed), and
    // ingest announcing as the cloud does: not durable, so the plan step is the one to clear.
    const counter = new DynamoGenerationCounter({ tableName: TABLE_NAME, awsSdkV3Client: bed.runtime.dynamodb });
    const cloud = createTimerRuntime({ TABLE_NAME }, { runtime: bed.runtime, wakeUps: new InMemoryWakeUpStore() });
    const cloudPlan = (input: unknown) =>
      invoke<TimerPlan>(
        createTimerPlanHandler({ runtime: () => cloud, logger: bed.logger }),
        input,
        lambdaContext('timer-plan'),
      );
    let announceChanges = true;
    const events = {
      caseOpened: async () => {},
      caseChanged: async (ref: string) => {
        if (announceChanges) await counter.next(ref);
      },
      durable: false,
    };
    const ingest = { ...bed.runtime.services.ingest, events };
    const ref = await newCase(ingest);
    const pending = () => bed.runtime.repository.getPendingPlan(ref);

    // Act + Assess: the new case's pending plan outlives ingest; its first execution's plan clears it.
    expect(await pending()).toMatchObject({ caseRef: ref, change: 'opened' });
    await cloudPlan({ caseRef: ref, settled: [], execution: `${ref}-1` });
    expect(await pending()).toBeUndefined();

    // The resident replies and ingest stops after its write, before the timers hear of it: <ref>-1,
    // still current, plans (with the reply seen) but does not clear what its own start did not answer.
    announceChanges = false;
    const reply = await ingestMessage(ingest, {
      channel: 'email',
      dedupeKey: `<timer-${++emails}@resident.example>`,
      receivedAt: '2026-12-01T10:05:00.000Z',
      from: { name: resident.name, email: resident.email },
      to: [FROM_ADDRESS],
      subject: `Re: ${ref} ${resident.subject}`,
      text: 'The mould has spread to the ceiling.',
    } as never);
    expect(reply.outcome).toBe('threaded');
    await cloudPlan({ caseRef: ref, settled: ['acknowledgement'], execution: `${ref}-1` });
    expect(await pending()).toMatchObject({ caseRef: ref, change: 'changed' });

    // The change reaches the timers (the redelivery or the sweep): <ref>-2, named after it, clears it.
    await counter.next(ref);
    await cloudPlan({ caseRef: ref, settled: ['acknowledgement'], execution: `${ref}-2` });
    expect(await pending()).toBeUndefined();
  });

  it('plans nothing for a case that is not there, and sends nothing', async () => {
    const planned = await planStep({ caseRef: 'HT-2026-999999', settled: [], execution: 'HT-2026-999999-1' });
    const state = await actStep({ caseRef: 'HT-2026-999999', settled: [] });

    expect(planned.action).toBe('none');
    expect(state.acted?.status).toBe('nothing-to-do');
    expect(bed.ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('emails a new case’s owner from the first act step when the ingest function may not send', async () => {
    // Prepare: an ingest function as CDK makes it (no FROM_ADDRESS), on the same table, SES and clock.
    const ingestOnly = createRuntime(
      { TABLE_NAME, BUCKET_NAME, POLICY: 'hightown', MAIL_DOMAIN: 'inbox.hightown.example' },
      {
        dynamodb: bed.runtime.dynamodb,
        s3: bed.clients.s3,
        outboundClients: bed.clients,
        clock: bed.clock,
      },
    );
    const assigned = () =>
      bed.ses
        .commandCalls(SendEmailCommand)
        .filter((c) => /was assigned to you/.test(String(c.args[0].input.Content?.Simple?.Subject?.Data)));

    // Act: ingest opens the case; Start → Plan → Act → Act (a retry), as the state machine runs them.
    const ref = await newCase(ingestOnly.services.ingest);
    const owner = (await bed.runtime.repository.getCase(ref))?.ownerId as string;
    const inbox = await bed.runtime.repository.listNotifications(owner, { visible: () => true });
    const planned = await planStep({ caseRef: ref, settled: [], execution: `${ref}-1` });
    const state = await actStep({ caseRef: ref, settled: [], key: planned.key });
    await actStep({ caseRef: ref, settled: state.settled, key: planned.key });

    // Assess: in the owner's inbox with the case; one email to them, sent by act (a sender).
    expect(inbox.items).toContainEqual(expect.objectContaining({ kind: 'assigned', caseRef: ref }));
    expect(new Date(planned.at).getTime()).toBeLessThanOrEqual(bed.clock.now().getTime());
    expect(assigned()).toHaveLength(1);
    const email = officersOf.find((o) => o.id === owner)?.email;
    expect(assigned()[0]?.args[0].input.Destination?.ToAddresses).toEqual([email]);
    expect((await bed.runtime.repository.getCaseWithHistory(ref))?.officerEmailsDue).toBeUndefined();
  });

  it('throws on an event that is not the workflow’s data (a wiring fault: Retry, then the DLQ)', async () => {
    await expect(planStep({ settled: [] })).rejects.toThrow();
    await expect(actStep({ caseRef: 42 })).rejects.toThrow();
  });

  it('logs the case reference as correlation id, and no name, address or message text', async () => {
    const ref = await newCase();
    const planned = await planStep({ caseRef: ref, settled: [], execution: `${ref}-1` });
    await actStep({ caseRef: ref, settled: [], key: planned.key });

    const logs = bed.logs();
    expect(logs).toContain(`"correlation_id":"${ref}"`);
    expect(logs).toContain('"message":"timer-planned"');
    expect(logs).toContain('"message":"timer-acted"');
    // The message text, not the kind of case (`hazard-damp-mould` is no personal data).
    for (const personal of [resident.name, 'Kowalczyk', resident.email, 'black mould', 'spreading', 'bedroom']) {
      expect(logs).not.toContain(personal);
    }
  });
});
