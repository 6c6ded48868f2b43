import type { InboundMessage } from '@housing-inbox/core';
import {
  DO_NOT_REPLY_BODY,
  folded,
  outOfOfficeBody,
  outOfOfficeSubject,
  TICKET_BODY,
  TICKET_SUBJECT,
} from './auto-reply-phrases.js';
import { splitQuotedReply } from './quoted.js';

export type Automated = NonNullable<InboundMessage['automated']>;

export interface AutomatedEvidence {
  /** Lower-case header names with their unfolded values, duplicates kept. */
  headers: { key: string; value: string }[];
  fromAddress?: string;
  /** The first Reply-To address, when there is one. */
  replyToAddress?: string;
  subject?: string;
  /** The plain text body: only what the sender wrote this time is looked at, not a quoted history. */
  text?: string;
  /** MIME types of every leaf part, e.g. message/delivery-status. */
  partTypes: string[];
  /** The text of the message/delivery-status part, when there is one. */
  deliveryStatus?: string;
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECTS =
  /^\s*(undeliverable:|undelivered mail returned to sender|delivery status notification \((failure|delay)\)|mail delivery (failed|failure)|returned mail:|delivery failure|failure notice\b)/i;
const AUTORESPONDER_HEADERS = [
  'x-autoreply',
  'x-autorespond',
  'x-autoresponder',
  'x-autoreply-from',
  'x-mail-autoreply',
];
const HELP_DESK_SENDERS =
  /^(support|help|helpdesk|help-desk|servicedesk|service-desk|service|tickets?|no-?reply|do-?not-?reply)\b/i;

/**
 * Auto-replies and bounces are recorded on the case they answer but never open
 * a case of their own: otherwise two auto-responders answer each other for ever.
 *
 * Headers decide on their own (RFC 3834 and what Exchange, Gmail and list
 * servers send). Words decide only in pairs, so that a resident whose subject
 * happens to start "Auto:" or "Out of office hours" is never swallowed: an
 * out-of-office subject counts only with a second sign (it answers another
 * message, Exchange's Thread-Topic shape, or an out-of-office body); a help
 * desk's "ticket opened" only when its body says so and its subject or sender
 * looks like a help desk.
 */
export function detectAutomated(evidence: AutomatedEvidence): Automated | undefined {
  return detectBounce(evidence) ?? detectByHeaders(evidence) ?? detectByWords(evidence);
}

function detectBounce(evidence: AutomatedEvidence): Automated | undefined {
  const contentType = header(evidence, 'content-type') ?? '';
  const bounce = (reason: string): Automated => ({ kind: 'bounce', category: 'delivery-failure', reason });
  if (/^multipart\/report\b/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType)) {
    return bounce(`delivery status notification${describeStatus(evidence.deliveryStatus)}`);
  }
  if (evidence.partTypes.includes('message/delivery-status')) {
    return bounce(`contains a delivery status report${describeStatus(evidence.deliveryStatus)}`);
  }
  if (evidence.fromAddress && BOUNCE_SENDERS.test(evidence.fromAddress)) {
    return bounce(`sent by the mail system (${evidence.fromAddress})`);
  }
  if (evidence.subject && BOUNCE_SUBJECTS.test(evidence.subject)) {
    return bounce(`subject reads like a delivery failure ("${evidence.subject}")`);
  }
  return undefined;
}

function detectByHeaders(evidence: AutomatedEvidence): Automated | undefined {
  const found = (reason: string, category?: Automated['category']): Automated => ({
    kind: 'auto-reply',
    category: category ?? contentCategory(evidence),
    reason,
  });
  const autoSubmitted = header(evidence, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase().split(/[;\s]/)[0] !== 'no') {
    return found(`Auto-Submitted: ${autoSubmitted}`);
  }
  for (const name of AUTORESPONDER_HEADERS) {
    const value = header(evidence, name);
    if (value !== undefined) return found(`${canonical(name)}: ${value || '(empty)'}`);
  }
  const suppress = header(evidence, 'x-auto-response-suppress');
  if (suppress) return found(`X-Auto-Response-Suppress: ${suppress} (Exchange marks its automatic replies so)`);
  const rulesLoop = header(evidence, 'x-ms-exchange-inbox-rules-loop');
  if (rulesLoop) return found(`X-MS-Exchange-Inbox-Rules-Loop: ${rulesLoop} (sent by a mailbox rule)`);

  const precedence = header(evidence, 'precedence')?.toLowerCase();
  if (precedence === 'auto_reply') return found('Precedence: auto_reply');
  if (precedence === 'bulk' || precedence === 'junk') return found(`Precedence: ${precedence}`, 'bulk');
  if (precedence === 'list') return found('Precedence: list', 'mailing-list');
  const listId = header(evidence, 'list-id');
  if (listId) return found(`List-Id: ${listId}`, 'mailing-list');
  // A web-form relay may add List-Unsubscribe too; its Reply-To names the resident, so that shape is not bulk.
  const unsubscribe = header(evidence, 'list-unsubscribe');
  const relayed =
    evidence.replyToAddress && evidence.replyToAddress.toLowerCase() !== evidence.fromAddress?.toLowerCase();
  if (unsubscribe && !relayed) return found('List-Unsubscribe present (bulk or list mail)', 'bulk');

  const returnPath = header(evidence, 'return-path');
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath)) {
    return found('null return path (Return-Path: <>), as RFC 3834 asks of automatic replies');
  }
  return undefined;
}

function detectByWords(evidence: AutomatedEvidence): Automated | undefined {
  const subject = evidence.subject ?? '';
  const fresh = freshText(evidence);
  const language = subject ? outOfOfficeSubject(subject) : undefined;
  if (language) {
    const support = outOfOfficeSupport(evidence, fresh);
    if (support) {
      return {
        kind: 'auto-reply',
        category: 'out-of-office',
        reason: `subject "${subject}" is an out-of-office reply (${language}) and ${support}`,
      };
    }
  }
  const ticket = ticketAcknowledgement(evidence, fresh);
  if (ticket) return { kind: 'auto-reply', category: 'ticket-acknowledgement', reason: ticket };
  return undefined;
}

/** The second sign an out-of-office subject needs. */
function outOfOfficeSupport(evidence: AutomatedEvidence, fresh: string): string | undefined {
  const subject = evidence.subject ?? '';
  const topic = header(evidence, 'thread-topic');
  if (topic && folded(subject).endsWith(folded(topic)) && folded(subject) !== folded(topic)) {
    return 'it carries the Thread-Topic of the message it answers, as Exchange does';
  }
  if (header(evidence, 'in-reply-to') || header(evidence, 'references')) {
    return 'it answers another message (In-Reply-To/References)';
  }
  const body = outOfOfficeBody(fresh);
  if (body) return `its text reads as one (${body})`;
  return undefined;
}

function ticketAcknowledgement(evidence: AutomatedEvidence, fresh: string): string | undefined {
  const body = folded(fresh);
  const said = TICKET_BODY.find((p) => p.test(body));
  if (!said) return undefined;
  const subject = folded(evidence.subject ?? '').replace(/^(?:re|fwd?|aw|sv|antw)\s*:\s*/, '');
  const local = evidence.fromAddress?.split('@')[0] ?? '';
  const second = TICKET_SUBJECT.some((p) => p.test(subject))
    ? `its subject ("${evidence.subject}") is a help desk's`
    : HELP_DESK_SENDERS.test(local)
      ? `it comes from a help desk address (${evidence.fromAddress})`
      : DO_NOT_REPLY_BODY.test(body)
        ? 'it asks not to be replied to'
        : undefined;
  if (!second) return undefined;
  return `a help desk's ticket acknowledgement: the text says "${body.match(said)?.[0]}" and ${second}`;
}

/** Out-of-office, help-desk ticket, or a plain automatic reply: what the content says it is. */
function contentCategory(evidence: AutomatedEvidence): Automated['category'] {
  const fresh = freshText(evidence);
  if ((evidence.subject && outOfOfficeSubject(evidence.subject)) || outOfOfficeBody(fresh)) return 'out-of-office';
  if (TICKET_BODY.some((p) => p.test(folded(fresh)))) return 'ticket-acknowledgement';
  return 'auto-reply';
}

/** What the sender wrote this time: a quoted copy of our own words must not count as theirs. */
function freshText(evidence: AutomatedEvidence): string {
  const text = (evidence.text ?? '').slice(0, 4_000);
  return splitQuotedReply(text, {})
    .text.split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}

function header(evidence: AutomatedEvidence, name: string): string | undefined {
  return evidence.headers.find((h) => h.key === name)?.value.trim();
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
