/** Turning an outbound email into what goes on the wire: subject, HTML alternative, headers. */
import { isHeaderSafeMessageId, type OutboundEmail } from '@housing-inbox/core';

/** The header that names the case on every email we send; bounces and auto-replies quote it back. */
export const CASE_HEADER = 'X-Housing-Inbox-Case';

/** Longest header line SES accepts (name and value together: 996). Leave room for the name. */
const MAX_HEADER_VALUE = 900;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** The subject on one line, naming the case (the caller's subject normally does already). */
export function emailSubject(message: Pick<OutboundEmail, 'subject' | 'caseRef'>): string {
  const subject = message.subject.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return subject.includes(message.caseRef) ? subject : `${subject} [${message.caseRef}]`.trim();
}

/**
 * A plain HTML alternative to the text: every character escaped, paragraphs at
 * blank lines, line breaks kept. No images, links or tracking.
 */
export function renderEmailHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>\n')}</p>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"></head>',
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #111;">',
    ...paragraphs,
    '</body>',
    '</html>',
  ].join('\n');
}

/** `"Name" <address>`; a name that is not plain ASCII as an RFC 2047 encoded word, as SES asks. */
export function formatFromAddress(address: string, name?: string): string {
  const display = name?.replace(/[\r\n]+/g, ' ').trim();
  if (!display) return address;
  if (/^[\x20-\x7e]*$/.test(display)) return `"${display.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `=?UTF-8?B?${Buffer.from(display, 'utf8').toString('base64')}?= <${address}>`;
}

/**
 * References: the thread so far, then our own Message-ID. SES replaces our
 * Message-ID with its own, but leaves References alone, and a reply's client
 * copies References forward: so a reply carries our id even when In-Reply-To
 * only has the SES one. Kept under SES's header length by dropping middle ids
 * (RFC 5322 §3.6.4 keeps the first and the most recent).
 */
export function referencesHeader(message: Pick<OutboundEmail, 'messageId' | 'references' | 'inReplyTo'>): string {
  const ids: string[] = [];
  for (const id of [...(message.references ?? []), message.inReplyTo, message.messageId]) {
    if (id && isHeaderSafeMessageId(id) && !ids.includes(id)) ids.push(id);
  }
  while (ids.length > 2 && ids.join(' ').length > MAX_HEADER_VALUE) ids.splice(1, 1);
  return ids.join(' ');
}

/** Purposes sent by timers rather than a person: marked so auto-responders do not answer them (RFC 3834). */
const AUTOMATIC_PURPOSES = new Set<OutboundEmail['purpose']>(['acknowledgement', 'delay-update']);

export function emailHeaders(message: OutboundEmail): { Name: string; Value: string }[] {
  const headers = [{ Name: CASE_HEADER, Value: message.caseRef }];
  if (message.inReplyTo && isHeaderSafeMessageId(message.inReplyTo)) {
    headers.push({ Name: 'In-Reply-To', Value: message.inReplyTo });
  }
  headers.push({ Name: 'References', Value: referencesHeader(message) });
  if (AUTOMATIC_PURPOSES.has(message.purpose)) headers.push({ Name: 'Auto-Submitted', Value: 'auto-generated' });
  for (const h of headers) {
    if (!/^[\x20-\x7e]+$/.test(h.Value)) {
      throw new RangeError(`the ${h.Name} header may hold printable ASCII only, not "${h.Value}"`);
    }
  }
  return headers;
}
