/**
 * Sending to residents: which channel, and the ports that send. Every notice is
 * recorded on the case's timeline with the provider's message id; a send that
 * still fails after retries is recorded as failed, never silently lost.
 */
import type { NoticePurpose } from './cases.js';
import type { Contact, ReplyChannel } from './model.js';

export type OutboundChannel = 'email' | 'sms' | 'letter';

interface OutboundBase {
  /** Our id for this message; also the idempotency key for the provider where it takes one. */
  id: string;
  caseRef: string;
  purpose: NoticePurpose;
  subject: string;
  /** Plain text; senders render it for their medium. */
  body: string;
}

export interface OutboundEmail extends OutboundBase {
  to: string;
  /** Our Message-ID, e.g. <id@inbox.hightown.example>: a reply's In-Reply-To finds the case by it. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

export interface OutboundSms extends OutboundBase {
  /** E.164 */
  to: string;
}

export interface OutboundLetter extends OutboundBase {
  /** Name and postal address lines. */
  to: { name?: string; address: string };
  largePrint: boolean;
}

export interface SendReceipt {
  providerMessageId: string;
  /** Where the rendered message is kept, if the sender keeps it (a letter's PDF). */
  blobKey?: string;
  /** Message-IDs a reply may quote in In-Reply-To, when the provider rewrites ours (SES does). */
  threadIds?: string[];
}

export interface Mailer {
  sendEmail(message: OutboundEmail): Promise<SendReceipt>;
}
export interface SmsSender {
  sendSms(message: OutboundSms): Promise<SendReceipt>;
}
export interface LetterPrinter {
  queueLetter(message: OutboundLetter): Promise<SendReceipt>;
}

export interface OutboundPorts {
  mailer: Mailer;
  sms: SmsSender;
  letters: LetterPrinter;
}

export type ChannelChoice =
  | { channel: OutboundChannel; to: string; reason: string }
  | { channel: null; reason: string };

function usable(contact: Contact, channel: OutboundChannel): boolean {
  if (contact.channelsToAvoid?.includes(channel)) return false;
  if (channel === 'email') return Boolean(contact.email);
  // Texts go to mobiles only (UK mobiles start +447).
  if (channel === 'sms') return Boolean(contact.phone?.startsWith('+447'));
  return Boolean(contact.address);
}

function addressFor(contact: Contact, channel: OutboundChannel): string {
  return channel === 'email'
    ? (contact.email as string)
    : channel === 'sms'
      ? (contact.phone as string)
      : (contact.address as string);
}

const FROM_CASE_CHANNEL: Record<string, OutboundChannel> = {
  email: 'email',
  sms: 'sms',
  letter: 'letter',
  'web-form': 'email',
  phone: 'sms',
  'in-person': 'letter',
};

/**
 * The channel to write to: the resident's preference, else the channel they
 * used, else whatever we can reach them on; never a channel they asked us to
 * avoid. A preference for phone means an officer calls: written notices then
 * follow the channel they used.
 */
export function chooseReplyChannel(contact: Contact, caseChannel: string): ChannelChoice {
  const preferred = contact.preferredChannel as ReplyChannel | undefined;
  const order: [OutboundChannel, string][] = [];
  if (preferred && preferred !== 'phone') order.push([preferred, 'the resident’s preferred channel']);
  const used = FROM_CASE_CHANNEL[caseChannel];
  if (used) order.push([used, 'the channel the resident used']);
  for (const c of ['email', 'sms', 'letter'] as const) order.push([c, 'the only way we can reach the resident']);
  for (const [channel, reason] of order) {
    if (usable(contact, channel)) return { channel, to: addressFor(contact, channel), reason };
  }
  return { channel: null, reason: 'no email address, mobile number or postal address we may use' };
}

/** Text messages longer than this are split by the sender; much longer ones point to a letter or email instead. */
export const SMS_SEGMENT_CHARS = 153;
export const SMS_MAX_SEGMENTS = 6;
