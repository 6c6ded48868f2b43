import { type Attachment, type InboundMessage, UnparseableInput } from '@housing-inbox/core';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { clean, receivedInstant, sha256Key, validated } from '../validate.js';
import { detectAutomated } from './automated.js';
import { repairWindows1252 } from './charset.js';
import { htmlToText, sanitiseEmailHtml } from './html.js';

export interface ParseEmailOptions {
  /** ISO-8601 instant the landlord received it. */
  receivedAt: string;
  /**
   * The provider's id for this delivery (SES message id, SMTP session id).
   * Not used as the dedupe key: a per-connection id differs on every
   * redelivery, while the raw bytes of a redelivered message do not.
   */
  deliveryId?: string;
}

/**
 * An email from its raw MIME bytes. Thread ids (Message-ID, In-Reply-To,
 * References) are kept as the header writes them, angle brackets included, so
 * they compare equal to the Message-IDs we put on what we send.
 */
export async function parseEmail(raw: Uint8Array, opts: ParseEmailOptions): Promise<InboundMessage> {
  const receivedAt = receivedInstant('email', opts.receivedAt);
  if (raw.byteLength === 0) throw new UnparseableInput('the email is empty (0 bytes)', 'email');

  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (err) {
    throw new UnparseableInput(`the email cannot be read as MIME: ${(err as Error).message}`, 'email');
  }
  if (email.headers.length === 0) {
    throw new UnparseableInput('the email has no headers: it is not a MIME message', 'email');
  }
  const from = firstMailbox(email.from);
  if (!from?.address && !email.subject && !email.text && !email.html) {
    throw new UnparseableInput('the email has no sender, subject or body', 'email');
  }

  const messageId = singleId(email.messageId);
  const attachments = email.attachments.map(toAttachment);
  const html = repairWindows1252(email.html);
  const text = repairWindows1252(email.text) ?? (html ? htmlToText(html) : '');
  const subject = repairWindows1252(email.subject);

  return validated('email', {
    channel: 'email',
    dedupeKey: messageId ?? sha256Key(raw),
    receivedAt,
    from: {
      name: clean(repairWindows1252(from?.name)),
      email: clean(from?.address),
    },
    to: [...mailboxes(email.to), ...mailboxes(email.cc)],
    subject: clean(subject),
    text: text.replace(/\r\n?/g, '\n').trimEnd(),
    html,
    safeHtml: html === undefined ? undefined : sanitiseEmailHtml(html),
    attachments,
    threading: {
      messageId,
      // A bounce says which of our messages failed only in the copy it returns: thread on that.
      inReplyTo: ids(email.inReplyTo ?? returnedMessageId(email)),
      references: ids(email.references),
    },
    automated: detectAutomated({
      headers: email.headers.map((h) => ({ key: h.key, value: h.value })),
      fromAddress: from?.address,
      subject,
      partTypes: email.attachments.map((a) => a.mimeType),
      deliveryStatus: partText(email, 'message/delivery-status'),
    }),
  });
}

function partText(email: Email, mimeType: string): string | undefined {
  const part = email.attachments.find((a) => a.mimeType === mimeType);
  if (!part) return undefined;
  return typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content);
}

/** The Message-ID of the message a delivery report returns (its headers, or the whole message). */
function returnedMessageId(email: Email): string | undefined {
  const returned = partText(email, 'text/rfc822-headers') ?? partText(email, 'message/rfc822');
  return returned?.match(/^Message-ID:[ \t]*(<[^>\s]+>)/im)?.[1];
}

function firstMailbox(address: Address | undefined): { name: string; address: string } | undefined {
  if (!address) return undefined;
  if (address.group) return address.group[0];
  return { name: address.name, address: address.address };
}

function mailboxes(list: Address[] | undefined): string[] {
  return (list ?? []).flatMap((a) => (a.group ? a.group.map((m) => m.address) : [a.address])).filter(Boolean);
}

/** Message ids in a header, `<…>` each; bare ids (seen from some senders) are bracketed. */
function ids(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  if (bracketed) return [...new Set(bracketed)];
  return value
    .split(/[\s,]+/)
    .filter((id) => id.includes('@'))
    .map((id) => `<${id}>`);
}

function singleId(value: string | undefined): string | undefined {
  return ids(value)[0];
}

function toAttachment(part: Email['attachments'][number], index: number): Attachment {
  // With attachmentEncoding 'arraybuffer' the content is an ArrayBuffer; the other shapes are for safety.
  const content =
    typeof part.content === 'string'
      ? new TextEncoder().encode(part.content)
      : part.content instanceof ArrayBuffer
        ? new Uint8Array(part.content)
        : new Uint8Array(
            part.content.buffer.slice(
              part.content.byteOffset,
              part.content.byteOffset + part.content.byteLength,
            ) as ArrayBuffer,
          );
  const contentId = part.contentId?.replace(/^<|>$/g, '') || undefined;
  return {
    filename: clean(repairWindows1252(part.filename ?? undefined)) ?? defaultFilename(part.mimeType, index + 1),
    contentType: part.mimeType || 'application/octet-stream',
    size: content.byteLength,
    contentId,
    inline: part.disposition === 'inline' || part.related === true,
    content,
  };
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'text/plain': 'txt',
  'text/rfc822-headers': 'txt',
  'text/calendar': 'ics',
};

function defaultFilename(mimeType: string, n: number): string {
  return `attachment-${n}.${EXTENSIONS[mimeType] ?? 'bin'}`;
}
