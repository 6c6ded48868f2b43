import 'aws-sdk-client-mock-vitest/extend';
import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import { InvalidParameterException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { OutboundSms } from '@housing-inbox/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboundSendError, SNS_SMS_MAX_CHARS, SnsSmsSender } from '../src/index.js';

const text: OutboundSms = {
  id: 'c1d2-ack',
  caseRef: 'HT-2026-00043',
  purpose: 'acknowledgement',
  subject: 'We have your message [HT-2026-00043]',
  body: 'Hightown Housing: we have your message, reference HT-2026-00043. We will reply by 7 December.',
  to: '+447700900123',
};

describe('SnsSmsSender', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => sns.reset());

  it.each<{ label: string; options: object; attributes: Record<string, MessageAttributeValue> }>([
    {
      label: 'with a sender ID',
      options: { senderId: 'Hightown' },
      attributes: { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Hightown' } },
    },
    {
      label: 'from our two-way number',
      options: { originationNumber: '+447700900999' },
      attributes: { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+447700900999' } },
    },
    { label: 'with neither', options: {}, attributes: {} },
  ])('publishes one transactional text to the phone number, $label', async ({ options, attributes }) => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'sns-msg-1' });
    const sender = new SnsSmsSender({ ...options, awsSdkV3Client: new SNSClient({ region: 'eu-west-2' }) });

    // Act
    const receipt = await sender.sendSms(text);

    // Assess
    const expected = {
      PhoneNumber: '+447700900123',
      Message: text.body,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        ...attributes,
      },
    };
    expect(sns).toHaveReceivedCommandExactlyOnceWith(PublishCommand, expected);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toStrictEqual(expected);
    expect(receipt).toEqual({ providerMessageId: 'sns-msg-1' });
  });

  it('sends a text of exactly 1600 characters and refuses a longer one without calling SNS', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-msg-2' });
    const sender = new SnsSmsSender({ awsSdkV3Client: new SNSClient({}) });
    await sender.sendSms({ ...text, body: 'a'.repeat(SNS_SMS_MAX_CHARS) });
    await expect(sender.sendSms({ ...text, body: 'a'.repeat(SNS_SMS_MAX_CHARS + 1) })).rejects.toThrow(
      'sms c1d2-ack for case HT-2026-00043 not sent: the text is 1601 characters and one SMS send takes at most 1600; split it or send a link',
    );
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('counts characters as the phone shows them, not UTF-16 units', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-msg-3' });
    const sender = new SnsSmsSender({ awsSdkV3Client: new SNSClient({}) });
    await expect(sender.sendSms({ ...text, body: '🏠'.repeat(SNS_SMS_MAX_CHARS) })).resolves.toBeTruthy();
  });

  it.each([
    { label: 'a national number', to: '07700900123' },
    { label: 'spaces', to: '+44 7700 900123' },
    { label: 'nothing', to: '' },
  ])('refuses a number that is not E.164 ($label)', async ({ to }) => {
    const sender = new SnsSmsSender({ awsSdkV3Client: new SNSClient({}) });
    await expect(sender.sendSms({ ...text, to })).rejects.toThrow('is not a phone number in E.164 form');
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it.each([
    { label: 'a sender ID over 11 characters', options: { senderId: 'HightownHousing' } },
    { label: 'a sender ID of digits only', options: { senderId: '12345' } },
    { label: 'a sender ID with a space', options: { senderId: 'Hi Town' } },
    { label: 'an origination number that is not E.164', options: { originationNumber: '07700900999' } },
  ])('will not be built with $label', ({ options }) => {
    expect(() => new SnsSmsSender(options)).toThrow(RangeError);
  });

  it('throws a clear error when SNS refuses', async () => {
    sns.on(PublishCommand).rejects(new InvalidParameterException({ message: 'Invalid phone number', $metadata: {} }));
    const sending = new SnsSmsSender({ awsSdkV3Client: new SNSClient({}) }).sendSms(text);
    await expect(sending).rejects.toThrow(OutboundSendError);
    await expect(sending).rejects.toThrow(
      'SNS did not send text c1d2-ack for case HT-2026-00043: InvalidParameterException: Invalid phone number',
    );
  });
});
