/**
 * The timers' sweep against moto: its EventBridge Scheduler schedule, parked
 * cases restarted when their step comes within the wait horizon, a change
 * whose StartExecution never got through, and open cases whose timer was
 * aborted or never started — each re-planned on moto's Step Functions.
 */
import { CreateScheduleCommand, GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { noCaseEvents } from '@housing-inbox/core';
import { executionArn, type SweepReport, TIMER_SWEEP_SCHEDULE } from '@housing-inbox/timers/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundEmailHandler } from '../../functions/src/inbound-email.js';
import { createLogger } from '../../functions/src/lib/logging.js';
import type { Runtime } from '../../functions/src/lib/runtime.js';
import { createTimerRuntime, type TimerRuntime } from '../../functions/src/lib/timer-runtime.js';
import { createTimerActHandler } from '../../functions/src/timer-act.js';
import { createTimerPlanHandler } from '../../functions/src/timer-plan.js';
import { createTimerSweepHandler } from '../../functions/src/timer-sweep.js';
import { sesS3Notification, snsEvent } from '../../functions/test/support/events.js';
import { invoke, lambdaContext } from '../../functions/test/support/testbed.js';
import { throttle } from './support/faults.js';
import { ACCOUNT, clientConfig, type MotoBed, startMotoBed } from './support/moto.js';

const HOUR = 3_600_000;

describe('the timers sweep on moto (EventBridge Scheduler, DynamoDB, Step Functions)', () => {
  let bed: MotoBed;
  let runtime: Runtime;
  let timers: TimerRuntime;
  let mail = 0;

  beforeAll(async () => {
    bed = await startMotoBed('sweep');
    runtime = bed.runtime();
    timers = createTimerRuntime(bed.env, { runtime, dynamodb: bed.clients.dynamodb });
  });
  afterAll(() => bed.stop());

  const sweep = () =>
    invoke<SweepReport>(
      createTimerSweepHandler({ runtime: () => timers, logger: createLogger(), sfn: bed.clients.sfn, env: bed.env }),
      { source: 'scheduler' },
      lambdaContext('timer-sweep'),
    );

  /** A new emailed case, through the inbound-email handler on `on` (default: the bed's runtime). */
  async function emailCase(subject: string, on: Runtime = runtime): Promise<string> {
    mail += 1;
    const sesMessageId = `sweep${mail}aaaabbbbccccdddd`;
    await bed.putObject(
      `inbound/email/${sesMessageId}`,
      new TextEncoder().encode(
        [
          `Message-ID: <sweep-${mail}@mail.example.net>`,
          `Subject: ${subject}`,
          `From: Resident <resident${mail}@example.org>`,
          'To: contact@hightown.example',
          'Content-Type: text/plain; charset="UTF-8"',
          '',
          `${subject}, at 12 Ash Grove.`,
          '',
        ].join('\r\n'),
      ),
    );
    const event = snsEvent(sesS3Notification({ sesMessageId, bucketName: bed.names.bucket }), { topic: 'inbound' });
    await invoke(createInboundEmailHandler({ runtime: () => on, logger: createLogger() }), event).catch(() => {});
    const { items } = await runtime.repository.listQueue({ queue: 'all' }, { limit: 100 });
    return items.find((c) => c.subject === subject)?.ref as string;
  }

  const statuses = async (ref: string) =>
    Object.fromEntries(
      (await bed.executions()).filter((e) => e.name?.startsWith(`${ref}-`)).map((e) => [e.name, e.status]),
    );

  it('is scheduled every 15 minutes on EventBridge Scheduler, invoking the sweep function', async () => {
    // Act
    const target = `arn:aws:lambda:eu-west-2:${ACCOUNT}:function:timer-sweep-${bed.names.table}`;
    await bed.clients.scheduler.send(
      new CreateScheduleCommand({
        Name: `${bed.names.table}-timer-sweep`,
        ScheduleExpression: TIMER_SWEEP_SCHEDULE.expression,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: target,
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/timer-sweep-scheduler`,
          RetryPolicy: {
            MaximumRetryAttempts: TIMER_SWEEP_SCHEDULE.retryAttempts,
            MaximumEventAgeInSeconds: TIMER_SWEEP_SCHEDULE.maximumEventAgeSeconds,
          },
        },
      }),
    );

    // Assert
    const schedule = await bed.clients.scheduler.send(
      new GetScheduleCommand({ Name: `${bed.names.table}-timer-sweep` }),
    );
    expect(schedule).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: { Arn: target, RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
  });

  it('parks a step beyond the wait horizon, and restarts the case when the sweep finds it within reach', async () => {
    // Arrange: acknowledged; the owner's warning is days away, so the plan parks it and the execution ends.
    const ref = await emailCase('Fence blown down');
    const logger = createLogger();
    const planStep = createTimerPlanHandler({ runtime: () => timers, logger });
    const actStep = createTimerActHandler({ runtime: () => timers, logger });
    const first = await invoke<{ key: string }>(planStep, { caseRef: ref, settled: [], execution: `${ref}-1` });
    const acted = await invoke<{ settled: string[] }>(actStep, { caseRef: ref, settled: [], key: first.key });
    const parked = await invoke<{ action: string; at: string; key: string }>(planStep, {
      caseRef: ref,
      settled: acted.settled,
      execution: `${ref}-1`,
    });
    expect(parked).toMatchObject({ action: 'none', key: expect.stringMatching(/^owner-warning:/) });
    expect(await timers.wakeUps.all()).toContainEqual({ caseRef: ref, at: parked.at, key: parked.key });

    // Act: a sweep too early leaves it parked; one within the horizon restarts it.
    const early = await sweep();
    bed.clock.set(new Date(new Date(parked.at).getTime() - timers.horizonMs + HOUR));
    const due = await sweep();

    // Assert
    expect(early.woken).not.toContain(ref);
    expect(due.woken).toContain(ref);
    expect(await statuses(ref)).toMatchObject({ [`${ref}-1`]: 'ABORTED', [`${ref}-2`]: 'RUNNING' });
    expect((await timers.wakeUps.all()).map((w) => w.caseRef)).not.toContain(ref);
    bed.clock.set('2026-12-01T10:00:05Z');
  });

  it('re-plans a change whose StartExecution never got through (pending plan), once the grace period is over', async () => {
    // Arrange: every StartExecution attempt throttled, and the event's retries ran out (it sits in the DLQ).
    const sfn = new SFNClient(clientConfig(bed.endpoint));
    throttle(sfn, 'StartExecutionCommand', 3);
    const ref = await emailCase('Gutter hanging off', bed.runtime({ sfn }));
    expect(await runtime.repository.getPendingPlan(ref)).toBeDefined();
    expect(await statuses(ref)).toEqual({});

    // Act
    const soon = await sweep();
    bed.clock.set(new Date(bed.clock.now().getTime() + 10 * 60_000));
    const later = await sweep();

    // Assert
    expect(soon.announced).not.toContain(ref);
    expect(later.announced).toContain(ref);
    expect(await statuses(ref)).toEqual({ [`${ref}-2`]: 'RUNNING' });
    expect(await runtime.repository.getPendingPlan(ref)).toBeUndefined();
    sfn.destroy();
    bed.clock.set('2026-12-01T10:00:05Z');
  });

  it('restarts open cases whose timer was aborted or never started, and leaves running ones alone', async () => {
    // Arrange
    // Each started execution's first plan step (moto runs no task): it clears the pending plan ingest left.
    const firstPlan = (ref: string) => timers.tasks.plan({ caseRef: ref, settled: [], execution: `${ref}-1` });
    const aborted = await emailCase('Broken stair rail');
    await firstPlan(aborted);
    await bed.clients.sfn.send(
      new StopExecutionCommand({ executionArn: executionArn(bed.stateMachineArn, `${aborted}-1`) }),
    );
    const missing = await emailCase('Smoke alarm beeping', bed.runtime({ events: noCaseEvents }));
    const running = await emailCase('Bathroom extractor fan');
    await firstPlan(running);

    // Act
    const report = await sweep();

    // Assert
    expect(report.restarted).toEqual(
      expect.arrayContaining([
        { caseRef: aborted, status: 'ABORTED' },
        { caseRef: missing, status: 'MISSING' },
      ]),
    );
    expect(report.restarted.map((r) => r.caseRef)).not.toContain(running);
    expect(await statuses(aborted)).toMatchObject({ [`${aborted}-2`]: 'RUNNING' });
    expect(await statuses(missing)).toEqual({ [`${missing}-2`]: 'RUNNING' });
    expect(await statuses(running)).toEqual({ [`${running}-1`]: 'RUNNING' });
  });

  it('restarts a case at once when its timers dead letter is replayed into the sweep function', async () => {
    // Arrange: a timer that failed for good, and the message its failure path left on the queue
    const ref = await emailCase('Cracked window pane');
    await bed.clients.sfn.send(
      new StopExecutionCommand({ executionArn: executionArn(bed.stateMachineArn, `${ref}-1`) }),
    );
    const deadLetter = JSON.parse(
      JSON.stringify({ caseRef: ref, settled: [], error: { Error: 'States.Timeout', Cause: 'Task timed out' } }),
    );

    // Act: what `npx inbox replay --queue <TimersDeadLetterQueueUrl> --function <timer-sweep>` invokes
    const report = await invoke<SweepReport>(
      createTimerSweepHandler({ runtime: () => timers, logger: createLogger(), sfn: bed.clients.sfn, env: bed.env }),
      deadLetter,
      lambdaContext('timer-sweep'),
    );

    // Assert
    expect(report.restarted).toEqual([{ caseRef: ref, status: 'FAILED' }]);
    expect(await statuses(ref)).toMatchObject({ [`${ref}-2`]: 'RUNNING' });
  });
});
