import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundSmsHandler } from '../src/inbound-sms.js';
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
