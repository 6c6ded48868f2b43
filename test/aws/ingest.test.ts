/**
 * Inbound email against moto: the SES notification's MIME sits in moto's S3,
 * the handler writes the case to moto's DynamoDB through real conditional
 * TransactWriteItems and starts the case's timer on moto's Step Functions.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundEmailHandler } from '../../functions/src/inbound-email.js';
import { createLogger } from '../../functions/src/lib/logging.js';
import type { Runtime } from '../../functions/src/lib/runtime.js';
import { sesS3Notification, snsEvent } from '../../functions/test/support/events.js';
import { invoke, lambdaContext } from '../../functions/test/support/testbed.js';
import { before as justBefore, throttle } from './support/faults.js';
import { clientConfig, type MotoBed, startMotoBed } from './support/moto.js';

const mime = (id: string, subject: string, from = 'priya.sharma@example.net') =>
  new TextEncoder().encode(
    [
      'MIME-Version: 1.0',
      'Date: Tue, 1 Dec 2026 09:59:41 +0000',
      `Message-ID: <${id}@mail.example.net>`,
      `Subject: ${subject}`,
      `From: Resident <${from}>`,
      'To: Hightown Housing <contact@hightown.example>',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      `${subject}: please send someone. My mobile is 07700 900214.`,
      '',
    ].join('\r\n'),
  );

describe('inbound email on moto (S3 → DynamoDB → Step Functions)', () => {
  let bed: MotoBed;

  beforeAll(async () => {
    bed = await startMotoBed('ingest');
  });
  afterAll(() => bed.stop());

  function handlerOn(runtime: Runtime) {
    return createInboundEmailHandler({ runtime: () => runtime, logger: createLogger() });
  }

  async function store(sesMessageId: string, subject: string) {
    await bed.putObject(`inbound/email/${sesMessageId}`, mime(sesMessageId, subject));
    return snsEvent(sesS3Notification({ sesMessageId, bucketName: bed.names.bucket }), {
      topic: 'housing-inbox-inbound-email',
      subject: 'Amazon SES Email Receipt Notification',
    });
  }

  async function casesWithSubject(runtime: Runtime, subject: string) {
    const { items } = await runtime.repository.listQueue({ queue: 'all' }, { limit: 100 });
    return items.filter((c) => c.subject === subject);
  }

  async function executionsOf(ref: string) {
    return (await bed.executions()).filter((e) => e.name?.startsWith(`${ref}-`));
  }

  it('turns the stored MIME into one case and starts its timer, and a redelivered notification changes nothing', async () => {
    // Arrange
    const runtime = bed.runtime();
    const handler = handlerOn(runtime);
    const event = await store('a1b2c3d4e5f6g7h8i9j0', 'Broken front door lock');

    // Act
    await invoke(handler, event, lambdaContext('inbound-email'));
    await invoke(handler, event, lambdaContext('inbound-email'));

    // Assert
    const cases = await casesWithSubject(runtime, 'Broken front door lock');
    expect(cases).toHaveLength(1);
    const ref = cases[0]?.ref as string;
    const history = await runtime.repository.getCaseWithHistory(ref);
    expect(history?.contact?.email).toBe('priya.sharma@example.net');
    expect(history?.messages).toHaveLength(1);
    const executions = await executionsOf(ref);
    expect(executions.map((e) => [e.name, e.status])).toEqual([[`${ref}-1`, 'RUNNING']]);
    // Left for the execution's plan step to clear (functions/test/timer-handlers.test.ts; moto runs no task).
    expect(await runtime.repository.getPendingPlan(ref)).toMatchObject({ caseRef: ref, change: 'opened' });
  });

  it('files the message once when a concurrent delivery of it wins the write (TransactionCanceledException)', async () => {
    // Arrange: SNS delivers the notification twice at once; the second copy writes first.
    const runtime = bed.runtime();
    const handler = handlerOn(runtime);
    const event = await store('k9l8m7n6o5p4q3r2s1t0', 'Damp in the back bedroom');
    const race = justBefore(bed.clients.dynamodb, /TransactWrite/, () =>
      invoke(handler, event, lambdaContext('inbound-email')),
    );

    // Act
    await invoke(handler, event, lambdaContext('inbound-email')).finally(() => race.remove());

    // Assert: moto refused the late write, and the loser dropped its copy as a duplicate.
    expect(race.errors).toContain('TransactionCanceledException');
    const cases = await casesWithSubject(runtime, 'Damp in the back bedroom');
    expect(cases).toHaveLength(1);
    expect((await runtime.repository.getCaseWithHistory(cases[0]?.ref as string))?.messages).toHaveLength(1);
  });

  it("retries a throttled StartExecution with the SDK's backoff: one invocation, one case, its timer running", async () => {
    // Arrange: Step Functions answers the first StartExecution with ThrottlingException.
    const sfn = new SFNClient(clientConfig(bed.endpoint));
    const fault = throttle(sfn, 'StartExecutionCommand', 1);
    const runtime = bed.runtime({ sfn });
    const event = await store('t1h2r3o4t5t6l7e8d9a0', 'Overflowing communal bins');

    // Act
    await invoke(handlerOn(runtime), event, lambdaContext('inbound-email'));

    // Assert
    expect([fault.injected, fault.passed]).toEqual([1, 1]);
    const [kase] = await casesWithSubject(runtime, 'Overflowing communal bins');
    expect((await executionsOf(kase?.ref as string)).map((e) => e.status)).toEqual(['RUNNING']);
    sfn.destroy();
  });

  it("keeps the case and its pending plan when StartExecution stays throttled, so Lambda's retry of the event starts the timer", async () => {
    // Arrange: throttled on every attempt the SDK makes (3) in the first invocation.
    const sfn = new SFNClient(clientConfig(bed.endpoint));
    const fault = throttle(sfn, 'StartExecutionCommand', 3);
    const runtime = bed.runtime({ sfn });
    const handler = handlerOn(runtime);
    const event = await store('s2t3a4y5s6t7h8r9o0t1', 'No hot water since Friday');

    // Act: the first invocation fails (Lambda retries an async event twice, then the function's DLQ keeps it).
    const first = invoke(handler, event, lambdaContext('inbound-email'));

    // Assert
    await expect(first).rejects.toMatchObject({ name: 'ThrottlingException' });
    const [kase] = await casesWithSubject(runtime, 'No hot water since Friday');
    const ref = kase?.ref as string;
    expect(await executionsOf(ref)).toEqual([]);
    expect(await runtime.repository.getPendingPlan(ref)).toMatchObject({ caseRef: ref });

    // Act: Lambda's retry delivers the same event.
    await invoke(handler, event, lambdaContext('inbound-email'));

    // Assert: no second case or message; the timer runs (its plan step clears the pending plan).
    expect(fault.injected).toBe(3);
    expect(await casesWithSubject(runtime, 'No hot water since Friday')).toHaveLength(1);
    expect((await runtime.repository.getCaseWithHistory(ref))?.messages).toHaveLength(1);
    expect((await executionsOf(ref)).map((e) => [e.name, e.status])).toEqual([[`${ref}-1`, 'RUNNING']]);
    sfn.destroy();
  });

  it('moves a reply’s timer generation in its own transaction, reading again when an officer re-planned the case in between', async () => {
    // Arrange: a case, then an officer's change re-plans it (<ref>-2) just before the reply's write.
    const runtime = bed.runtime();
    const handler = handlerOn(runtime);
    await invoke(
      handler,
      await store('r1e2p3l4a5n6c7a8s9e0', 'Cracked bathroom window'),
      lambdaContext('inbound-email'),
    );
    const [kase] = await casesWithSubject(runtime, 'Cracked bathroom window');
    const ref = kase?.ref as string;
    const race = justBefore(bed.clients.dynamodb, /TransactWrite/, () =>
      runtime.events.caseChanged(ref, 'owner-changed'),
    );

    // Act: the resident replies quoting the reference.
    const reply = await store('r1e2p3l4a5n6r7e8p9l0', `Re: ${ref} Cracked bathroom window`);
    await invoke(handler, reply, lambdaContext('inbound-email')).finally(() => race.remove());

    // Assert: moto refused the write made over generation 1; the retry moved it from 2 to 3.
    expect(race.errors).toContain('TransactionCanceledException');
    expect((await runtime.repository.getCaseWithHistory(ref))?.messages).toHaveLength(2);
    const status = new Map((await executionsOf(ref)).map((e) => [e.name, e.status]));
    expect(Object.fromEntries(status)).toEqual({
      [`${ref}-1`]: 'ABORTED',
      [`${ref}-2`]: 'ABORTED',
      [`${ref}-3`]: 'RUNNING',
    });
    const generations = new DynamoGenerationCounter({
      tableName: bed.names.table,
      awsSdkV3Client: bed.clients.dynamodb,
    });
    expect([await generations.current(ref), await generations.changeBase(ref)]).toEqual([3, 2]);
  });
});
