/**
 * What every sender checks before it sends, the cloud adapters and the local
 * outbox alike, so a message the cloud would refuse is refused locally too.
 */
import {
  isOwnMessageId,
  type OutboundChannel,
  type OutboundEmail,
  type OutboundLetter,
  type OutboundSms,
} from '@housing-inbox/core';

/** A send that did not happen. The caller (core notices) retries it and records it on the case if it keeps failing. */
export class OutboundSendError extends Error {
  override name = 'OutboundSendError';
  readonly channel: OutboundChannel;
  constructor(channel: OutboundChannel, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.channel = channel;
  }
}

/** SNS takes at most this many characters in one Publish to a phone number; it splits them into parts itself. */
export const SNS_SMS_MAX_CHARS = 1600;

const E164 = /^\+[1-9]\d{6,14}$/;
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
/** Our ids become file names and object keys. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function refuse(channel: OutboundChannel, message: { id: string; caseRef: string }, problem: string): never {
  throw new OutboundSendError(channel, `${channel} ${message.id} for case ${message.caseRef} not sent: ${problem}`);
}

function checkCommon(channel: OutboundChannel, message: { id: string; caseRef: string; body: string }): void {
  if (!SAFE_ID.test(message.id)) {
    refuse(channel, message, `its id "${message.id}" may only use letters, digits, ".", "_" and "-"`);
  }
  if (!message.caseRef.trim()) refuse(channel, message, 'it names no case reference');
  if (!message.body.trim()) refuse(channel, message, 'the message is empty');
}

export function isE164(phone: string): boolean {
  return E164.test(phone);
}

export function checkEmail(message: OutboundEmail): void {
  checkCommon('email', message);
  if (!ADDRESS.test(message.to)) refuse('email', message, `"${message.to}" is not an email address`);
  if (!isOwnMessageId(message.messageId)) {
    refuse('email', message, `its Message-ID "${message.messageId}" is not of the form <id@domain>`);
  }
  // The ids of the thread it answers are the resident's mail client's: one we cannot put in a
  // header is left out of it (emailHeaders), never a reason to leave the resident unanswered.
}

export function checkSms(message: OutboundSms): void {
  checkCommon('sms', message);
  if (!isE164(message.to)) refuse('sms', message, `"${message.to}" is not a phone number in E.164 form (+447…)`);
  const length = smsLength(message.body);
  if (length > SNS_SMS_MAX_CHARS) {
    refuse(
      'sms',
      message,
      `the text is ${length} characters and one SMS send takes at most ${SNS_SMS_MAX_CHARS}; split it or send a link`,
    );
  }
}

export function checkLetter(message: OutboundLetter): void {
  checkCommon('letter', message);
  if (!message.to.address.trim()) refuse('letter', message, 'there is no postal address');
}

/** Characters as a phone shows them (code points, not UTF-16 units). */
export function smsLength(text: string): number {
  return [...text].length;
}

/** The error's own words, for the message the caller records on the case. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
