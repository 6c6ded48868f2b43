/**
 * What a resident receives for a notice, exactly: the channel and address
 * (`chooseReplyChannel`), the subject line as sent (naming the case), the text,
 * a letter's large print, a text message's length in the network's units, and
 * the pointer by text when a reply is too long for one. The notice sender
 * sends these parts and the reply preview shows them, so the preview is what
 * goes out.
 */
import type { Case } from './cases.js';
import type { Contact } from './model.js';
import { chooseReplyChannel, SMS_MAX_SEGMENTS } from './outbound.js';
import type { LandlordPolicy } from './policy.js';
import { type SmsLength, smsLength } from './sms.js';

export interface EmailPart {
  channel: 'email';
  to: string;
  /** On one line, with the case reference (added in brackets when the subject lacks it). */
  subject: string;
  body: string;
}
export interface SmsPart {
  channel: 'sms';
  /** E.164 */
  to: string;
  /** The notice's subject, kept for the record; a text message has none. */
  subject: string;
  body: string;
  length: SmsLength;
}
export interface LetterPart {
  channel: 'letter';
  to: { name?: string; address: string };
  subject: string;
  body: string;
  largePrint: boolean;
}
export type OutboundPart = EmailPart | SmsPart | LetterPart;

/** `parts[0]` is the notice itself; a second part is the text pointing to it when it went in writing. */
export type ResidentDelivery = { reason: string; parts: [OutboundPart, ...OutboundPart[]] } | { skipped: string };

/** Large print for letters: asked for directly, or in the communication needs the resident gave. */
export function wantsLargePrint(contact: Contact): boolean {
  return (
    Boolean(contact.largePrint) ||
    /large\s*print|partially sighted|visual(ly)? impair/i.test(contact.communicationNeeds ?? '')
  );
}

/** The subject as sent: one line, naming the case. */
export function subjectNaming(subject: string, ref: string): string {
  const line = subject.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return line.includes(ref) ? line : `${line} [${ref}]`.trim();
}

export function addressOf(part: OutboundPart): string {
  return part.channel === 'letter' ? part.to.address : part.to;
}

/**
 * The parts a resident is sent for a notice of `subject` and `body`, or why
 * none can go. A text over `SMS_MAX_SEGMENTS` parts goes by email or post
 * instead (never on a channel the resident asked us to avoid), with a short
 * text saying so.
 */
export function residentDelivery(
  policy: Pick<LandlordPolicy, 'name'>,
  kase: Pick<Case, 'ref' | 'channel'>,
  contact: Contact | undefined,
  notice: { subject: string; body: string },
): ResidentDelivery {
  if (!contact) return { skipped: 'the case has no contact' };
  const choice = chooseReplyChannel(contact, kase.channel);
  if (!choice.channel) return { skipped: choice.reason };
  const subject = subjectNaming(notice.subject, kase.ref);
  if (choice.channel === 'email') {
    return { reason: choice.reason, parts: [{ channel: 'email', to: choice.to, subject, body: notice.body }] };
  }
  if (choice.channel === 'letter') {
    return {
      reason: choice.reason,
      parts: [
        {
          channel: 'letter',
          to: { name: contact.name, address: choice.to },
          subject,
          body: notice.body,
          largePrint: wantsLargePrint(contact),
        },
      ],
    };
  }
  const text = notice.body.trim();
  const length = smsLength(text);
  if (length.segments > SMS_MAX_SEGMENTS) {
    const written = chooseReplyChannel(
      { ...contact, preferredChannel: undefined, channelsToAvoid: [...(contact.channelsToAvoid ?? []), 'sms'] },
      'letter',
    );
    if (written.channel) {
      const inWriting = residentDelivery(policy, kase, { ...contact, preferredChannel: written.channel }, notice);
      if ('parts' in inWriting) {
        const pointer = `${policy.name}: our reply about ${kase.ref} is too long for a text, so we have sent it by ${written.channel === 'email' ? 'email' : 'post'}.`;
        return {
          reason: `${length.segments} texts would be too long (${SMS_MAX_SEGMENTS} at most), so in writing`,
          parts: [
            inWriting.parts[0],
            { channel: 'sms', to: choice.to, subject, body: pointer, length: smsLength(pointer) },
          ],
        };
      }
    }
  }
  return { reason: choice.reason, parts: [{ channel: 'sms', to: choice.to, subject, body: text, length }] };
}
