import { UnparseableInput } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { parseSms, parseSmsEvent } from '../src/index.js';
import { RECEIVED } from './fixtures.js';

// The shape AWS End User Messaging SMS publishes to the two-way SNS topic.
const inbound = {
  originationNumber: '+447700900123',
  destinationNumber: '+447700900999',
  messageKeyword: 'KEYWORD_123456789012',
  messageBody: ' Hi its Ann at 4 Birch Row, the boiler is leaking again ',
  inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
  previousPublishedMessageId: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const notification = {
  Type: 'Notification',
  MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
  TopicArn: 'arn:aws:sns:eu-west-2:123456789012:housing-inbox-inbound-sms',
  Subject: null,
  Message: JSON.stringify(inbound),
  Timestamp: '2026-03-16T09:29:58.123Z',
  SignatureVersion: '1',
  Signature: 'EXAMPLE',
  SigningCertUrl: 'EXAMPLE',
  UnsubscribeUrl: 'EXAMPLE',
  MessageAttributes: {},
};

const lambdaEvent = (...messages: object[]) => ({
  Records: messages.map((m) => ({
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:eu-west-2:123456789012:housing-inbox-inbound-sms:0b1c',
    Sns: { ...notification, Message: JSON.stringify(m) },
  })),
});

describe('parseSms', () => {
  it.each([
    ['the two-way SMS JSON (POST /local/sms)', inbound],
    ['the same JSON as a string', JSON.stringify(inbound)],
    ['an SNS notification carrying it', notification],
    ['a Lambda SNS event', lambdaEvent(inbound)],
  ])('reads %s', (_label, payload) => {
    const message = parseSms(payload, { receivedAt: RECEIVED });

    expect(message).toMatchObject({
      channel: 'sms',
      dedupeKey: 'cae173d2-66b9-564c-8309-21f858e9fb84',
      receivedAt: RECEIVED,
      from: { phone: '+447700900123' },
      to: ['+447700900999'],
      text: 'Hi its Ann at 4 Birch Row, the boiler is leaking again',
      threading: {
        messageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
        inReplyTo: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
        references: [],
      },
    });
  });

  it('reads a first text, which answers nothing of ours', () => {
    const { previousPublishedMessageId: _, messageKeyword: __, ...first } = inbound;
    expect(parseSms(first, { receivedAt: RECEIVED }).threading.inReplyTo).toEqual([]);
  });

  it('reads every record of an event with several', () => {
    const second = { ...inbound, inboundMessageId: 'b2', messageBody: 'Sorry, 4 Birch Row not 4 Beech Row' };
    const messages = parseSmsEvent(lambdaEvent(inbound, second), { receivedAt: RECEIVED });
    expect(messages.map((m) => m.text)).toEqual([
      'Hi its Ann at 4 Birch Row, the boiler is leaking again',
      'Sorry, 4 Birch Row not 4 Beech Row',
    ]);
    expect(() => parseSms(lambdaEvent(inbound, second), { receivedAt: RECEIVED })).toThrow(
      'expected one SNS record, got 2',
    );
  });

  it.each([
    ['text that is not JSON', 'hello', 'SMS payload is not JSON'],
    ['an SNS message that is not JSON', { ...notification, Message: 'Hello from SNS!' }, 'SMS payload is not JSON'],
    [
      'a payload without a sender',
      { ...inbound, originationNumber: '' },
      'originationNumber: originationNumber (the sender) is missing',
    ],
    ['a payload without an id', { ...inbound, inboundMessageId: undefined }, 'inboundMessageId'],
    ['a payload without a body', { ...inbound, messageBody: undefined }, 'messageBody'],
    ['an SES notification', { notificationType: 'Received', mail: {} }, 'not a two-way SMS message'],
  ])('refuses %s with a reason', (_label, payload, reason) => {
    const attempt = () => parseSms(payload, { receivedAt: RECEIVED });
    expect(attempt).toThrow(UnparseableInput);
    expect(attempt).toThrow(reason);
  });
});
