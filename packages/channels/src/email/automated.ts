import type { InboundMessage } from '@housing-inbox/core';

export type Automated = NonNullable<InboundMessage['automated']>;

export interface AutomatedEvidence {
  /** Lower-case header names with their unfolded values, duplicates kept. */
  headers: { key: string; value: string }[];
  fromAddress?: string;
  subject?: string;
  /** MIME types of every leaf part, e.g. message/delivery-status. */
  partTypes: string[];
  /** The text of the message/delivery-status part, when there is one. */
  deliveryStatus?: string;
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECTS =
  /^\s*(undeliverable:|undelivered mail returned to sender|delivery status notification \((failure|delay)\)|mail delivery (failed|failure)|returned mail:|delivery failure|failure notice\b)/i;
const AUTO_REPLY_SUBJECTS =
  /^\s*(automatic reply|auto(matic)?[- ]?reply|auto[- ]?response|auto:|out of (the )?office(?! hours)|ooo\b|away from (the|my) office|on annual leave|on holiday)/i;
const AUTO_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk']);

/**
 * Auto-replies and bounces are recorded on the case they answer but never open
 * a case of their own: otherwise two auto-responders answer each other for ever.
 * Bounces are checked first, since a bounce is often also marked auto-submitted.
 */
export function detectAutomated(evidence: AutomatedEvidence): Automated | undefined {
  const header = (name: string) => evidence.headers.find((h) => h.key === name)?.value.trim();
  const contentType = header('content-type') ?? '';

  if (/^multipart\/report\b/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType)) {
    return { kind: 'bounce', reason: `delivery status notification${describeStatus(evidence.deliveryStatus)}` };
  }
  if (evidence.partTypes.includes('message/delivery-status')) {
    return { kind: 'bounce', reason: `contains a delivery status report${describeStatus(evidence.deliveryStatus)}` };
  }
  if (evidence.fromAddress && BOUNCE_SENDERS.test(evidence.fromAddress)) {
    return { kind: 'bounce', reason: `sent by the mail system (${evidence.fromAddress})` };
  }
  if (evidence.subject && BOUNCE_SUBJECTS.test(evidence.subject)) {
    return { kind: 'bounce', reason: `subject reads like a delivery failure ("${evidence.subject}")` };
  }

  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') {
    return { kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = header(name);
    if (value !== undefined) return { kind: 'auto-reply', reason: `${canonical(name)}: ${value || '(empty)'}` };
  }
  const precedence = header('precedence')?.toLowerCase();
  if (precedence && AUTO_PRECEDENCE.has(precedence)) {
    return { kind: 'auto-reply', reason: `Precedence: ${precedence}` };
  }
  if (evidence.subject && AUTO_REPLY_SUBJECTS.test(evidence.subject)) {
    return { kind: 'auto-reply', reason: `subject reads like an automatic reply ("${evidence.subject}")` };
  }
  return undefined;
}

function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** ": failed for k.brown@example.net (5.1.1 Recipient address rejected: …)" from an RFC 3464 report. */
function describeStatus(report: string | undefined): string {
  if (!report) return '';
  const unfolded = report.replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string) => unfolded.match(new RegExp(`^${name}:\\s*(.+)$`, 'im'))?.[1]?.trim();
  const recipient = field('Final-Recipient')?.replace(/^rfc822;\s*/i, '');
  const action = field('Action')?.toLowerCase();
  const status = field('Status');
  const diagnostic = field('Diagnostic-Code')
    ?.replace(/^smtp;\s*/i, '')
    .replace(/^\d{3}[ -]\d\.\d+\.\d+\s*/, '')
    .replace(/^<[^>]+>:\s*/, '');
  if (!recipient && !action) return '';
  const detail = [status, diagnostic].filter(Boolean).join(' ');
  return `: ${action ?? 'undelivered'} for ${recipient ?? 'a recipient'}${detail ? ` (${detail})` : ''}`;
}
