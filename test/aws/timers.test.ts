/**
 * A case's timer against moto: the Plan and Act steps (the functions Step
 * Functions invokes) run in-process on the case in moto's DynamoDB; the
 * acknowledgement goes out through moto's SES v2 SendEmail or SNS Publish,
 * which moto records; a change re-plans on moto's Step Functions
 * (StartExecution `<ref>-2`, StopExecution `<ref>-1`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests } from '../../bench/count-requests.js';
import { createInboundEmailHandler } from '../../functions/src/inbound-email.js';
import { createInboundSmsHandler } from '../../functions/src/inbound-sms.js';
import { createLogger } from '../../functions/src/lib/logging.js';
import type { Runtime } from '../../functions/src/lib/runtime.js';
import { createTimerRuntime } from '../../functions/src/lib/timer-runtime.js';
import { createTimerActHandler } from '../../functions/src/timer-act.js';
import { createTimerPlanHandler } from '../../functions/src/timer-plan.js';
import { sesS3Notification, snsEvent, twoWaySms } from '../../functions/test/support/events.js';
import { invoke, lambdaContext } from '../../functions/test/support/testbed.js';
import { clientConfig, type MotoBed, startMotoBed } from './support/moto.js';

describe('case timers on moto (Step Functions, SES v2, SNS)', () => {
  let bed: MotoBed;
  let runtime: Runtime;

  beforeAll(async () => {
    bed = await startMotoBed('timers');
    runtime = bed.runtime();
  });
  afterAll(() => bed.stop());

  /** One loop of the workflow as Step Functions runs it: Plan, then Act on the plan's key (the wait is due at once). */
  async function planAndAct(ref: string, generation = 1) {
    const timer = createTimerRuntime(bed.env, { runtime, dynamodb: bed.clients.dynamodb });
    const logger = createLogger();
    const plan = await invoke<{ action: string; key: string }>(
      createTimerPlanHandler({ runtime: () => timer, logger }),
      { caseRef: ref, settled: [], execution: `${ref}-${generation}` },
      lambdaContext('timer-plan'),
    );
    const state = await invoke<{ acted?: { status: string } }>(
      createTimerActHandler({ runtime: () => timer, logger }),
      { caseRef: ref, settled: [], key: plan.key },
      lambdaContext('timer-act'),
    );
    return { plan, acted: state.acted };
  }

  it('acknowledges an emailed case through SES v2 SendEmail from the landlord, with the case reference', async () => {
    // Arrange
    const sesMessageId = 'e1m2a3i4l5a6c7k8n9o0';
    await bed.putObject(
      `inbound/email/${sesMessageId}`,
      new TextEncoder().encode(
        [
          'Message-ID: <window-9@mail.example.net>',
          'Subject: Window will not close',
          'From: Sam Hughes <sam.hughes@example.org>',
          'To: contact@hightown.example',
          'Content-Type: text/plain; charset="UTF-8"',
          '',
          'The bedroom window at 4 Elm Row will not close.',
          '',
        ].join('\r\n'),
      ),
    );
    const event = snsEvent(sesS3Notification({ sesMessageId, bucketName: bed.names.bucket }), {
      topic: 'housing-inbox-inbound-email',
    });
    await invoke(createInboundEmailHandler({ runtime: () => runtime, logger: createLogger() }), event);
    const ref = (await runtime.repository.listQueue({ queue: 'all' })).items.find(
      (c) => c.subject === 'Window will not close',
    )?.ref as string;

    // Act
    const { plan, acted } = await planAndAct(ref);

    // Assert
    expect(plan).toMatchObject({ action: 'acknowledge', key: 'acknowledgement' });
    expect(acted?.status).toBe('sent');
    const sent = await bed.sentEmails('sam.hughes@example.org');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.source).toContain('contact@hightown.example');
    expect(sent[0]?.subject).toContain(ref);
    const timeline = (await runtime.repository.getCaseWithHistory(ref))?.timeline ?? [];
    expect(timeline.some((e) => e.type === 'notice-sent')).toBe(true);

    // Act: Step Functions retries the step (its answer was lost): the notice key is claimed once.
    const again = await planAndAct(ref);

    // Assert
    expect(again.plan.key).not.toBe('acknowledgement');
    expect(await bed.sentEmails('sam.hughes@example.org')).toHaveLength(1);
  });

  it('acknowledges a text by SNS Publish to the number, and a second text re-plans: <ref>-2 started, <ref>-1 stopped', async () => {
    // Arrange
    const handler = createInboundSmsHandler({ runtime: () => runtime, logger: createLogger() });
    const text = (id: string, body: string) =>
      snsEvent(twoWaySms({ originationNumber: '+447700900555', inboundMessageId: id, messageBody: body }), {
        topic: 'housing-inbox-inbound-sms',
        messageId: id,
      });
    await invoke(handler, text('4f0c1e2d-0000-4000-8000-000000000001', 'The lift at Birch House is stuck again'));
    const ref = (await runtime.repository.listQueue({ queue: 'all' })).items.find((c) =>
      c.subject?.includes('lift at Birch House'),
    )?.ref as string;

    // Act: the second text's DynamoDB requests counted on moto (issue 16: the case found from the
    // number's claim and the contact's open cases, no Query; the generation moved in its write).
    const { acted } = await planAndAct(ref);
    const sizer = new DynamoDBClient(clientConfig(bed.endpoint));
    const counted = await countRequests(bed.clients.dynamodb, sizer).measure(() =>
      invoke(handler, text('4f0c1e2d-0000-4000-8000-000000000002', 'Still stuck, my mum cannot get out')),
    );
    sizer.destroy();

    // Assert
    expect(acted?.status).toBe('sent');
    expect(counted.byOperation).toEqual({ BatchGetItem: 2, TransactWriteItems: 1 });
    const texts = await bed.sentTexts('+447700900555');
    expect(texts).toHaveLength(1);
    expect(texts[0]?.message).toContain(ref);
    const executions = (await bed.executions()).filter((e) => e.name?.startsWith(`${ref}-`));
    expect(Object.fromEntries(executions.map((e) => [e.name, e.status]))).toEqual({
      [`${ref}-1`]: 'ABORTED',
      [`${ref}-2`]: 'RUNNING',
    });
  });
});
