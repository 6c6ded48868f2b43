/**
 * Fewer round trips in the cloud (issue 16): the DynamoDB requests the inbound email
 * function makes, counted by SDK middleware on its DynamoDB client (bench/count-requests.ts),
 * with the timers wired as CDK wires them (`STATE_MACHINE_ARN`: Step Functions, mocked here,
 * and the case's timer generation kept in the case table). A threaded message moves the
 * generation inside its own transaction instead of with an UpdateItem after it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests, type RequestCounter } from '../../bench/count-requests.js';
import { createInboundEmailHandler } from '../src/inbound-email.js';
import { createInboundSmsHandler } from '../src/inbound-sms.js';
import { createIngestRuntime } from '../src/lib/ingest-runtime.js';
import { sesS3Notification, snsEvent, twoWaySms } from './support/events.js';
import {
  acceptingStepFunctions,
  invoke,
  lambdaContext,
  STATE_MACHINE,
  startTestbed,
  TABLE_NAME,
  type Testbed,
} from './support/testbed.js';

const mime = (id: string, headers: string[] = []) =>
  new TextEncoder().encode(
    [
      'MIME-Version: 1.0',
      'Date: Tue, 1 Dec 2026 09:59:41 +0000',
      `Message-ID: <${id}@mail.example.net>`,
      ...headers,
      'Subject: Mould in the bathroom',
      'From: Dev Anand <dev.anand@example.net>',
      'To: Hightown Housing <contact@hightown.example>',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'There is black mould spreading across the bathroom ceiling at 9 Elm Row.',
      '',
    ].join('\r\n'),
  );

describe('DynamoDB requests per inbound email, in the cloud function', () => {
  let bed: Testbed;
  let sizer: DynamoDBClient;
  let counter: RequestCounter;
  let handler: ReturnType<typeof createInboundEmailHandler>;
  let sms: ReturnType<typeof createInboundSmsHandler>;
  const { client: sfnClient, stub: sfn } = acceptingStepFunctions();

  beforeAll(async () => {
    bed = await startTestbed();
    const { dynamodb, s3 } = bed.clients;
    const endpoint = await dynamodb.config.endpoint?.();
    sizer = new DynamoDBClient({
      endpoint: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    counter = countRequests(dynamodb, sizer);
    // The inbound email function's own runtime, from the environment CDK gives it (no sender
    // settings: a new case's owner is emailed by its first timer step, not by ingest).
    const { TABLE_NAME: table, BUCKET_NAME, POLICY, MAIL_DOMAIN } = bed.env;
    const runtime = createIngestRuntime(
      { TABLE_NAME: table, BUCKET_NAME, POLICY, MAIL_DOMAIN, STATE_MACHINE_ARN: STATE_MACHINE },
      { dynamodb, s3, sfn: sfnClient, clock: bed.clock },
    );
    handler = createInboundEmailHandler({ runtime: () => runtime, logger: bed.logger });
    sms = createInboundSmsHandler({ runtime: () => runtime, logger: bed.logger });
  });
  afterAll(async () => {
    sfn.restore();
    sizer.destroy();
    await bed.stop();
  });

  const deliver = (sesMessageId: string, raw: Uint8Array) => {
    bed.objects.set(`inbound/email/${sesMessageId}`, { body: raw, contentType: 'application/octet-stream' });
    const event = snsEvent(sesS3Notification({ sesMessageId }), {
      topic: 'housing-inbox-inbound-email',
      subject: 'Amazon SES Email Receipt Notification',
    });
    return invoke(handler, event, lambdaContext('inbound-email'));
  };

  it('files a new case in at most 3 requests and a reply on it in at most 3, its timer re-planned as <ref>-2', async () => {
    // Act: a new resident's email, then their reply to it.
    const newCase = await counter.measure(() => deliver('m0u1l2d3n4e5w6c7a8s9e0', mime('mould-1')));
    const ref = (await bed.runtime.repository.listQueue({ queue: 'all' })).items[0]?.ref as string;
    const threaded = await counter.measure(() =>
      deliver('m0u1l2d3r4e5p6l7y8a9b0', mime('mould-2', ['In-Reply-To: <mould-1@mail.example.net>'])),
    );

    // Assess: the reply is on the case, one transaction each, and no write outside it.
    expect((await bed.runtime.repository.getCaseWithHistory(ref))?.messages).toHaveLength(2);
    expect(newCase.total).toBeLessThanOrEqual(3);
    expect(threaded.total).toBeLessThanOrEqual(3);
    // The reference: this process's first, so it reserves a block of numbers (one UpdateItem).
    expect(newCase.byOperation).toEqual({ BatchGetItem: 1, UpdateItem: 1, TransactWriteItems: 1 });
    expect(threaded.byOperation).toEqual({ BatchGetItem: 2, TransactWriteItems: 1 });
    // The timers: <ref>-1 started for the new case, <ref>-2 for the reply and <ref>-1 stopped.
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name)).toEqual([`${ref}-1`, `${ref}-2`]);
    expect(sfn.commandCalls(StopExecutionCommand).map((c) => c.args[0].input.executionArn)).toEqual([
      `${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:${ref}-1`,
    ]);
    // What the plan step reads: <ref>-2 is current (so <ref>-1 ends at its next plan), and may clear the pending plan.
    const generations = new DynamoGenerationCounter({ tableName: TABLE_NAME, awsSdkV3Client: bed.clients.dynamodb });
    expect([await generations.current(ref), await generations.changeBase(ref)]).toEqual([2, 1]);
  });

  const text = (id: string, messageBody: string) =>
    invoke(
      sms,
      snsEvent(twoWaySms({ originationNumber: '+447700900321', inboundMessageId: id, messageBody }), {
        topic: 'housing-inbox-inbound-sms',
        messageId: `sns-${id}`,
      }),
      lambdaContext('inbound-sms'),
    );

  it('files a text from a new number in at most 3 requests, the next text on its case in at most 3, and answers its redelivery in 1', async () => {
    // Act: a new resident's text, a second text within the reply window, then the second delivered again.
    const newCase = await counter.measure(() =>
      text('5e0c7a21-0000-4000-8000-000000000001', 'The lift at Birch House is stuck'),
    );
    const threaded = await counter.measure(() =>
      text('5e0c7a21-0000-4000-8000-000000000002', 'Still stuck, my mum cannot get out'),
    );
    const again = await counter.measure(() =>
      text('5e0c7a21-0000-4000-8000-000000000002', 'Still stuck, my mum cannot get out'),
    );

    // Assess: both texts on one case; the case found from the number's claim and the contact's
    // open cases, read with the contact, not by a Query; the timer generation moved in the write.
    const contact = await bed.runtime.repository.findContactByPhone('+447700900321');
    const cases = await bed.runtime.repository.listCasesOfContact(contact?.id as string);
    expect(cases).toHaveLength(1);
    expect((await bed.runtime.repository.getCaseWithHistory(cases[0]?.ref as string))?.messages).toHaveLength(2);
    expect(newCase.total).toBeLessThanOrEqual(3);
    expect(threaded.total).toBeLessThanOrEqual(3);
    expect(threaded.byOperation).toEqual({ BatchGetItem: 2, TransactWriteItems: 1 });
    // The redelivery files nothing from its one read, and announces again (in case the first
    // delivery stopped before the timers heard) the execution its first write named, <ref>-2,
    // from the generation on its marker: the counter is not moved a second time.
    expect(again.byOperation).toEqual({ BatchGetItem: 1 });
    const ref = cases[0]?.ref as string;
    const started = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);
    expect(started.filter((name) => name?.startsWith(`${ref}-`))).toEqual([`${ref}-1`, `${ref}-2`, `${ref}-2`]);
    const generations = new DynamoGenerationCounter({ tableName: TABLE_NAME, awsSdkV3Client: bed.clients.dynamodb });
    expect(await generations.current(ref)).toBe(2);
  });
});
