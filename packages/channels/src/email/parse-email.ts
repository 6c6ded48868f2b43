import { type Attachment, type InboundMessage, UnparseableInput } from '@housing-inbox/core';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { clean, receivedInstant, sha256Hex, validated } from '../validate.js';
import { detectAutomated } from './automated.js';
import { repairWindows1252 } from './charset.js';
import { normaliseEncodedWordRuns } from './encoded-words.js';
import { contentDigest } from './identity.js';
import { repairBrokenMultipart } from './mime-repair.js';
import { isTnef, unpackTnef } from './tnef.js';

export interface ParseEmailOptions {
  /** ISO-8601 instant the landlord received it. */
  receivedAt: string;
  /**
   * The transport's id for this delivery (SES message id, SMTP session id),
   * kept as `transportId`. Not the dedupe key: a resend by the sender's server
   * gets a new one, while the Message-ID and content do not change.
   */
  deliveryId?: string;
}

/**
 * An email from its raw MIME bytes. Thread ids (Message-ID, In-Reply-To,
 * References) are kept as the header writes them, angle brackets included, so
 * they compare equal to the Message-IDs we put on what we send.
 *
 * Anything about the bytes that stops them being read as an email throws
 * `UnparseableInput`, whatever part of the parsing found it.
 */
export async function parseEmail(raw: Uint8Array, opts: ParseEmailOptions): Promise<InboundMessage> {
  const receivedAt = receivedInstant('email', opts.receivedAt);
  if (!(raw instanceof Uint8Array)) throw new UnparseableInput('the email is not a sequence of bytes', 'email');
  if (raw.byteLength === 0) throw new UnparseableInput('the email is empty (0 bytes)', 'email');
  try {
    return await readEmail(raw, opts, receivedAt);
  } catch (err) {
    if (err instanceof UnparseableInput) throw err;
    throw new UnparseableInput(`the email cannot be read: ${(err as Error)?.message ?? String(err)}`, 'email');
  }
}

async function readEmail(raw: Uint8Array, opts: ParseEmailOptions, receivedAt: string): Promise<InboundMessage> {
  const bytes = normaliseEncodedWordRuns(raw);
  let email = await readMime(bytes);
  email = (await repairBrokenMultipart(bytes, email, readMime))?.email ?? email;
  if (email.headers.length === 0) {
    throw new UnparseableInput('the email has no headers: it is not a MIME message', 'email');
  }
  const from = firstMailbox(email.from);
  if (!from?.address && !email.subject && !email.text && !email.html) {
    throw new UnparseableInput('the email has no sender, subject or body', 'email');
  }

  const messageId = singleId(email.messageId);
  const attachments = await unpackWinmail(email.attachments.map(toAttachment));
  const html = repairWindows1252(email.html);
  // The HTML libraries (sanitize-html, htmlparser2 and its entity table) load with the first HTML body.
  const htmlTools = html === undefined ? undefined : await import('./html.js');
  const plain = repairWindows1252(email.text) ?? (html && htmlTools ? htmlTools.htmlToText(html) : '');
  const text = plain.replace(/\r\n?/g, '\n').trimEnd();
  const subject = repairWindows1252(email.subject);
  const fromName = repairWindows1252(from?.name);
  const replyTo = firstMailbox(email.replyTo?.[0]);
  const digest = contentDigest({
    fromAddress: from?.address,
    fromName,
    date: email.date,
    subject,
    text,
    html,
    attachmentHashes: attachments.map((a) => a.sha256 ?? ''),
  });

  return validated('email', {
    channel: 'email',
    // A Message-ID alone is not an identity: some clients reuse one for different messages.
    dedupeKey: messageId ? `${messageId}#${digest}` : `sha256:${digest}`,
    transportId: clean(opts.deliveryId),
    contentDigest: digest,
    receivedAt,
    from: { name: clean(fromName), email: clean(from?.address) },
    replyTo: replyTo?.address
      ? { name: clean(repairWindows1252(replyTo.name)), email: replyTo.address.trim() }
      : undefined,
    to: [...mailboxes(email.to), ...mailboxes(email.cc)],
    subject: clean(subject),
    text,
    html,
    safeHtml: html === undefined ? undefined : htmlTools?.sanitiseEmailHtml(html),
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
      replyToAddress: replyTo?.address,
      subject,
      text,
      partTypes: email.attachments.map((a) => a.mimeType),
      deliveryStatus: partText(email, 'message/delivery-status'),
    }),
  });
}

async function readMime(raw: Uint8Array): Promise<Email> {
  try {
    return await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (err) {
    throw new UnparseableInput(`the email cannot be read as MIME: ${(err as Error).message}`, 'email');
  }
}

/**
 * Outlook's winmail.dat gives way to the files inside it; it stays as well when
 * some could not be taken out, and alone when none could.
 */
async function unpackWinmail(attachments: Attachment[]): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const attachment of attachments) {
    const content = attachment.content;
    if (!content || !isTnef(attachment.contentType, attachment.filename, content)) {
      out.push(attachment);
      continue;
    }
    const unpacked = await unpackTnef(content);
    if (!unpacked?.complete) out.push(attachment);
    for (const file of unpacked?.files ?? []) {
      out.push({
        filename: file.filename,
        contentType: file.contentType,
        size: file.content.byteLength,
        inline: false,
        content: file.content,
        sha256: sha256Hex(file.content),
      });
    }
  }
  return out;
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
    sha256: sha256Hex(content),
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
