import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendingEventsHandler } from '../src/sending-events.js';
import { residentForm, snsEvent } from './support/events.js';
import { invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

/** What SES event publishing puts on the topic (abridged to the fields SES always sends). */
let sent = 0;
function sesEvent(kind: 'Bounce' | 'Complaint' | 'Delivery', address: string, bounceType = 'Permanent'): string {
  sent += 1;
  const messageId = `0102018f3a9c4b2e-${kind.toLowerCase()}-${sent}-000000`;
  const mail = { timestamp: '2026-12-01T10:05:00.000Z', messageId, destination: [address] };
  const at = '2026-12-01T10:05:02.000Z';
  if (kind === 'Bounce') {
    return JSON.stringify({
      eventType: 'Bounce',
      mail,
      bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }], timestamp: at },
    });
  }
  if (kind === 'Complaint') {
    return JSON.stringify({
      eventType: 'Complaint',
      mail,
      complaint: { complainedRecipients: [{ emailAddress: address }], timestamp: at, feedbackId: 'f-1' },
    });
  }
  return JSON.stringify({ eventType: 'Delivery', mail, delivery: { timestamp: at, recipients: [address] } });
}

describe('SES sending events (configuration set → SNS → Lambda)', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createSendingEventsHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createSendingEventsHandler({ runtime: () => bed.runtime, logger: bed.logger });
  });
  afterAll(async () => {
    await bed.stop();
  });

  const deliver = (message: string, messageId: string) =>
    invoke(handler, snsEvent(message, { topic: 'housing-inbox-sending-events', messageId }), lambdaContext());

  const resident = async (email: string) => {
    const fields = {
      ...residentForm,
      email,
      phone: '',
      preferredChannel: 'email',
      message: `About my rent (${email})`,
    };
    const body = new TextEncoder().encode(JSON.stringify(fields));
    const result = await bed.runtime.services.submitContact(fields, { raw: body, contentType: 'application/json' });
    if (!result.ok || !('ref' in result)) throw new Error('the form was not filed');
    const contact = await bed.runtime.repository.findContactByEmail(email);
    return { ref: result.ref, contactId: contact?.id as string };
  };

  it.each([
    ['a permanent bounce', 'Bounce', 'gone@example.net', 'email-bounced'],
    ['a complaint', 'Complaint', 'annoyed@example.net', 'email-complained'],
  ] as const)(
    'on %s flags the address and records it on the contact and the open case, once',
    async (_l, kind, email, type) => {
      const { ref, contactId } = await resident(email);

      const event = sesEvent(kind, email);
      await deliver(event, `sns-${kind}`);
      await deliver(event, `sns-${kind}-again`);

      const contact = await bed.runtime.repository.getContact(contactId);
      expect(contact?.channelsToAvoid).toContain('email');
      const contactTimeline = await bed.runtime.repository.listContactTimeline(contactId);
      expect(contactTimeline.filter((e) => e.type === type)).toHaveLength(1);
      const history = await bed.runtime.repository.getCaseWithHistory(ref);
      expect(history?.timeline.filter((e) => e.type === type)).toHaveLength(1);
    },
  );

  it('sends no more automatic email to a bounced address: the notice goes by post instead', async () => {
    const email = 'bounced.then.acknowledged@example.net';
    const { ref } = await resident(email);
    await deliver(sesEvent('Bounce', email), 'sns-bounce-before-notice');
    bed.ses.reset();
    bed.sns.reset();

    const result = await bed.runtime.services.notices.send({
      caseRef: ref,
      audience: 'resident',
      purpose: 'acknowledgement',
      subject: 'We have your message',
      body: 'Thank you.',
      key: 'acknowledgement-after-bounce',
      sentBy: 'system',
    });

    expect(result).toMatchObject({ status: 'sent', channel: 'letter' });
    const toThatAddress = bed.ses
      .commandCalls(SendEmailCommand)
      .filter((c) => c.args[0].input.Destination?.ToAddresses?.includes(email));
    expect(toThatAddress).toHaveLength(0);
    expect(bed.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('leaves the address alone on a transient bounce or a delivery', async () => {
    const email = 'mailbox.full@example.net';
    const { contactId } = await resident(email);

    await deliver(sesEvent('Bounce', email, 'Transient'), 'sns-transient');
    await deliver(sesEvent('Delivery', email), 'sns-delivery');

    expect((await bed.runtime.repository.getContact(contactId))?.channelsToAvoid ?? []).not.toContain('email');
  });

  it('drops a message that is not an SES event, and logs no address', async () => {
    await expect(deliver('{"hello": "world"}', 'sns-not-ses')).resolves.toBeUndefined();

    const logs = bed.logs();
    expect(logs).toContain('sending-event');
    for (const personal of ['gone@example.net', 'annoyed@example.net', 'mailbox.full', 'Tomasz']) {
      expect(logs).not.toContain(personal);
    }
  });
});
