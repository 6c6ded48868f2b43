/**
 * A subject access export's human-readable part: what the landlord holds about
 * one contact, in plain text (UK GDPR Article 15: the data and, in
 * intelligible form, what it is). The JSON files beside it hold the same in full.
 */
import type { CaseWithHistory, ContactTimelineEntry } from '../cases.js';
import type { Contact } from '../model.js';
import type { SentCopy } from './ports.js';

/** Everything held about one contact, as gathered for an export. */
export interface ContactRecord {
  contact: Contact;
  contactTimeline: ContactTimelineEntry[];
  /** The contact's cases, each with its messages, timeline and requests. */
  cases: CaseWithHistory[];
  /** Copies of notices sent, kept outside the case (the local outbox). */
  sent: SentCopy[];
  /** The files in the export: attachments and letter scans, by path in the zip. */
  files: { path: string; caseRef: string; messageId: string; filename: string; contentType: string; size: number }[];
}

const line = (label: string, value: string | undefined | null) => (value ? `  ${label}: ${value}\n` : '');

/** The summary.txt of an export: the contact, then each case with its messages, notices and files. */
export function subjectAccessSummary(record: ContactRecord, landlord: string, generatedAt: string): string {
  const c = record.contact;
  let out = `Subject access export: everything ${landlord} holds about this contact\n`;
  out += `Generated ${generatedAt}. The JSON files beside this one hold the same in full.\n\n`;
  out += 'CONTACT\n';
  out += line('Reference', c.id);
  out += line('Name', c.name);
  out += line('Email', c.email);
  out += line('Phone', c.phone);
  out += line('Address', c.address);
  out += line('Postcode', c.postcode);
  out += line('Tenancy reference', c.tenancyRef);
  out += line('Preferred way to hear from us', c.preferredChannel);
  out += line('Communication needs', c.communicationNeeds);
  out += line('Large print', c.largePrint ? 'yes' : undefined);
  out += line('Channels not to use', c.channelsToAvoid?.join(', '));
  out += line('Unacceptable behaviour flag', c.unacceptableBehaviour?.reason);
  out += line('Legal hold', c.legalHold ? `${c.legalHold.reason} (since ${c.legalHold.at})` : undefined);
  out += line('Erased', c.erased ? `${c.erased.at}: ${c.erased.reason}` : undefined);
  for (const e of record.contactTimeline) out += `  ${e.at}  ${e.summary}\n`;
  out += `\nCASES (${record.cases.length})\n`;
  for (const found of record.cases) {
    const k = found.case;
    out += `\n${k.ref}: ${k.subject}\n`;
    out += line('Received', `${k.receivedAt} by ${k.channel}`);
    out += line('Kind', `${k.classification.category} (${k.kind})`);
    out += line('Status', k.status);
    out += line('Closed', k.closedAt);
    out += line('Restricted', k.restricted ? 'yes: only its owner and managers see it' : undefined);
    for (const d of k.disclosures ?? []) {
      out += line('Disclosed', `${d.at} to ${d.to}: ${d.what} (why: ${d.why}; lawful basis: ${d.lawfulBasis})`);
    }
    out += `  Messages (${found.messages.length}):\n`;
    for (const m of found.messages) {
      const who = m.direction === 'inbound' ? 'from the resident' : `sent by us (${m.purpose ?? 'message'})`;
      out += `    ${m.receivedAt} ${m.channel} ${who}${m.subject ? `: ${m.subject}` : ''}\n`;
      out += `${indent(m.text, '      ')}\n`;
      for (const f of record.files.filter((x) => x.messageId === m.id)) out += `      file: ${f.path}\n`;
    }
    if (found.requests.length) out += `  Questions to other departments (${found.requests.length}):\n`;
    for (const r of found.requests)
      out += `    ${r.askedAt} to ${r.department}: ${r.question}${r.answer ? ` — answer: ${r.answer}` : ''}\n`;
    out += `  What happened (${found.timeline.length}):\n`;
    for (const t of found.timeline) out += `    ${t.at}  ${t.summary}\n`;
    const sent = record.sent.filter((s) => s.caseRef === k.ref);
    if (sent.length) out += `  Notices sent (${sent.length}):\n`;
    for (const s of sent) out += `    ${s.sentAt} ${s.channel} to ${s.to} (${s.purpose}): ${s.subject}\n`;
  }
  return out;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');
}
