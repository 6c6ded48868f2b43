/**
 * Text messages through Amazon SNS (Publish to a phone number), sent as
 * Transactional so they are routed for delivery rather than cost.
 */
import {
  type MessageAttributeValue,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
  type SNSClientConfig,
} from '@aws-sdk/client-sns';
import type { OutboundSms, SendReceipt, SmsSender } from '@housing-inbox/core';
import { checkSms, describeError, isE164, OutboundSendError } from './checks.js';

export interface SnsSmsSenderOptions {
  /** Alphanumeric sender shown on the phone (UK: up to 11 letters and digits, e.g. "Hightown"). Residents cannot reply to it. */
  senderId?: string;
  /** A number of ours in E.164 form to send from, e.g. the two-way SMS number residents can answer. */
  originationNumber?: string;
  awsSdkV3Client?: SNSClient;
  clientConfig?: SNSClientConfig;
}

const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

export class SnsSmsSender implements SmsSender {
  readonly #sns: SNSClient;
  readonly #attributes: Record<string, MessageAttributeValue>;

  constructor(options: SnsSmsSenderOptions = {}) {
    if (options.senderId !== undefined && !SENDER_ID.test(options.senderId)) {
      throw new RangeError(
        `SMS sender ID "${options.senderId}" must be 1 to 11 letters and digits, with at least one letter`,
      );
    }
    if (options.originationNumber !== undefined && !isE164(options.originationNumber)) {
      throw new RangeError(`SMS origination number "${options.originationNumber}" is not in E.164 form (+44…)`);
    }
    this.#sns = options.awsSdkV3Client ?? new SNSClient(options.clientConfig ?? {});
    this.#attributes = {
      'AWS.SNS.SMS.SMSType': text('Transactional'),
      ...(options.senderId ? { 'AWS.SNS.SMS.SenderID': text(options.senderId) } : {}),
      ...(options.originationNumber ? { 'AWS.MM.SMS.OriginationNumber': text(options.originationNumber) } : {}),
    };
  }

  commandInput(message: OutboundSms): PublishCommandInput {
    return { PhoneNumber: message.to, Message: message.body, MessageAttributes: { ...this.#attributes } };
  }

  async sendSms(message: OutboundSms): Promise<SendReceipt> {
    checkSms(message);
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.#sns.send(new PublishCommand(this.commandInput(message))));
    } catch (err) {
      throw new OutboundSendError(
        'sms',
        `SNS did not send text ${message.id} for case ${message.caseRef}: ${describeError(err)}`,
        { cause: err },
      );
    }
    if (!messageId) {
      throw new OutboundSendError('sms', `SNS gave no message id for text ${message.id} (case ${message.caseRef})`);
    }
    return { providerMessageId: messageId };
  }
}
