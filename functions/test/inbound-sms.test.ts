import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundSmsHandler } from '../src/inbound-sms.js';
import { createIngestRuntime } from '../src/lib/ingest-runtime.js';
import { ingestLog } from '../src/lib/logging.js';
import { snsEvent, twoWaySms } from './support/events.js';
import { invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

describe('inbound SMS (two-way SMS → SNS → Lambda)', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createInboundSmsHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createInboundSmsHandler({ runtime: () => bed.runtime, logger: bed.logger });
  });
  afterAll(async () => {
    await bed.stop();
  });

  const deliver = (message: string, snsMessageId = 'b3e1ad0c-6d2f-5b8e-9a41-0c5d3f2e1a77') =>
    invoke(
      handler,
      snsEvent(message, { topic: 'housing-inbox-inbound-sms', messageId: snsMessageId }),
      lambdaContext(),
    );

  it('opens one case for a text, however often SNS delivers it', async () => {
    // Act
    await deliver(twoWaySms());
    await deliver(twoWaySms());
    await deliver(twoWaySms(), 'another-sns-delivery-of-the-same-text');

    // Assess
    const { items } = await bed.runtime.repository.listQueue({ queue: 'all' });
    expect(items.filter((c) => c.channel === 'sms')).toHaveLength(1);
    const history = await bed.runtime.repository.getCaseWithHistory(items[0]?.ref as string);
    expect(history?.contact).toMatchObject({ phone: '+447700900123' });
    expect(history?.case.receivedAt).toBe('2026-12-01T10:00:03.021Z');
  });

  it('files a text with the SMS function’s own runtime (ingest only) as with the full one', async () => {
    // Arrange: what the deployed function builds from its environment, over the same store.
    const { dynamodb, s3 } = bed.clients;
    const own = createIngestRuntime(bed.env, {
      dynamodb,
      s3,
      clock: bed.clock,
      log: ingestLog(bed.logger),
    });
    const lean = createInboundSmsHandler({ runtime: () => own, logger: bed.logger });
    const text = twoWaySms({
      originationNumber: '+447700900777',
      inboundMessageId: '0d1c5a8e-7f31-4e2b-b0a4-5e9c7d3f1a20',
      messageBody: 'The front door entry phone at 4 Rowan Court is broken',
    });

    // Act: the same text twice, once through each runtime.
    await invoke(lean, snsEvent(text, { topic: 'housing-inbox-inbound-sms', messageId: 'lean-1' }), lambdaContext());
    await deliver(text, 'full-1');

    // Assess: one case, the resident's, with its receipt and targets.
    const { items } = await bed.runtime.repository.listQueue({ queue: 'all' });
    const mine = [];
    for (const c of items) {
      const history = await bed.runtime.repository.getCaseWithHistory(c.ref);
      if (history?.contact?.phone === '+447700900777') mine.push(history);
    }
    expect(mine).toHaveLength(1);
    expect(mine[0]?.case).toMatchObject({ channel: 'sms', receivedAt: '2026-12-01T10:00:03.021Z' });
    expect(mine[0]?.case.targets.respondBy).toEqual(expect.any(String));
  });

  it('quarantines a message that is not two-way SMS JSON, and keeps it', async () => {
    // Act
    const result = deliver('{"originationNumber": "+447700900456", "messageBody": ', 'broken-1');

    // Assess
    await expect(result).resolves.toBeUndefined();
    const [entry] = (await bed.runtime.repository.listQuarantine()).items;
    expect(entry).toMatchObject({ channel: 'sms', reason: expect.stringMatching(/not JSON/) });
    expect(new TextDecoder().decode(bed.objects.get(entry?.rawKey as string)?.body)).toContain('+447700900456');
  });

  it('logs no phone number or message text', async () => {
    await deliver(twoWaySms({ inboundMessageId: 'privacy-sms-1', messageBody: 'Please call me about the damp' }));

    const logs = bed.logs();
    expect(logs).toContain('"channel":"sms"');
    for (const personal of ['+447700900123', '7700900123', 'damp', 'stairwell']) expect(logs).not.toContain(personal);
  });
});
