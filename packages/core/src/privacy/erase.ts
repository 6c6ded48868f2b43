/**
 * Erasure as pure functions: each takes an item as held and returns it with
 * the resident's personal data gone — names, addresses, numbers, emails, the
 * words they wrote and the words written about them — while what the reports
 * count stays: a case keeps its kind, channel, category, dates, targets,
 * met/missed and stage data; a message its direction, channel and time.
 * (UK GDPR Article 17; the counts are kept as anonymous statistics, Recital 26.)
 */
import type { Case, CaseMessage, ContactTimelineEntry, DepartmentRequest, TimelineEntry } from '../cases.js';
import type { Contact } from '../model.js';
import { ERASED, type Erasure } from './records.js';

/** Words in a value that read as an enum, an id, a reference or a date: kept; anything else (prose, numbers, addresses) goes. */
const CODE = /^(?=.*[a-z])[a-z0-9][a-z0-9_-]{0,63}$/i;
const INSTANT_OR_DATE = /^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:?\d\d))?$/;

/** A timeline entry's data without free text: codes, dates, numbers and yes/no kept. */
export function eraseData(value: unknown): unknown {
  if (typeof value === 'string') return CODE.test(value) || INSTANT_OR_DATE.test(value) ? value : ERASED;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map(eraseData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eraseData(v)]));
  }
  return undefined;
}

export function eraseCase(kase: Case, erasure: Erasure): Case {
  const { pendingDetails: _pending, ...rest } = kase;
  const c = kase.classification;
  return {
    ...rest,
    subject: ERASED,
    classification: {
      ...c,
      reason: ERASED,
      ...(c.hazard ? { hazard: { ...c.hazard, words: ERASED, ...(c.hazard.reason ? { reason: ERASED } : {}) } } : {}),
      ...(c.also
        ? {
            also: {
              ...c.also,
              reason: ERASED,
              ...(c.also.hazard ? { hazard: { ...c.also.hazard, words: ERASED } } : {}),
            },
          }
        : {}),
    },
    ...(kase.delayReason ? { delayReason: ERASED } : {}),
    ...(kase.extension ? { extension: { ...kase.extension, reason: ERASED } } : {}),
    ...(kase.complaintSummary ? { complaintSummary: { ...kase.complaintSummary, text: ERASED } } : {}),
    ...(kase.investigation ? { investigation: { ...kase.investigation, findings: ERASED } } : {}),
    ...(kase.milestones
      ? {
          milestones: Object.fromEntries(
            Object.entries(kase.milestones).map(([k, m]) => [k, m && { ...m, ...(m.note ? { note: ERASED } : {}) }]),
          ),
        }
      : {}),
    ...(kase.letterReading ? { letterReading: { ...kase.letterReading, text: ERASED } } : {}),
    ...(kase.disclosures ? { disclosures: kase.disclosures.map((d) => ({ ...d, what: ERASED, why: ERASED })) } : {}),
    erased: erasure,
  };
}

/** The blob keys a message holds (attachments, letter scans, the raw payload, a long body): the store deletes them. */
export function blobKeysOf(message: CaseMessage): string[] {
  return [
    ...message.attachments.map((a) => a.blobKey),
    ...(message.rawKey ? [message.rawKey] : []),
    ...(message.bodyKey ? [message.bodyKey] : []),
  ];
}

export function eraseMessage(message: CaseMessage): CaseMessage {
  const { html: _h, safeHtml: _s, replyTo: _r, rawKey: _raw, bodyKey: _body, subject, logged, scan, ...rest } = message;
  return {
    ...rest,
    from: {},
    to: [],
    ...(subject !== undefined ? { subject: ERASED } : {}),
    text: ERASED,
    attachments: [],
    threading: { inReplyTo: [], references: [] },
    ...(logged
      ? {
          logged: {
            kind: logged.kind,
            loggedBy: logged.loggedBy,
            ...(logged.calledAt ? { calledAt: logged.calledAt } : {}),
          },
        }
      : {}),
    ...(scan ? { scan: { method: scan.method, ...(scan.arrivedOn ? { arrivedOn: scan.arrivedOn } : {}) } } : {}),
  };
}

export function eraseTimelineEntry<T extends TimelineEntry | ContactTimelineEntry>(entry: T): T {
  return {
    ...entry,
    summary: `${entry.type}: ${ERASED}`,
    ...(entry.data ? { data: eraseData(entry.data) as Record<string, unknown> } : {}),
  };
}

export function eraseRequest(request: DepartmentRequest): DepartmentRequest {
  return {
    ...request,
    question: ERASED,
    ...(request.answer !== undefined ? { answer: ERASED } : {}),
    ...(request.moreTime ? { moreTime: { ...request.moreTime, reason: ERASED } } : {}),
    ...(request.closedReason ? { closedReason: ERASED } : {}),
  };
}

/** The contact keeps its id (the cases point at it) and the record of its erasure; nothing else. */
export function eraseContact(contact: Contact, erasure: Erasure): Contact {
  return { id: contact.id, erased: erasure };
}

/** The Message-IDs a message threads by: lookup keys that go with it. */
export function threadIdsOf(message: CaseMessage): string[] {
  const t = message.threading;
  return [...(t.messageId ? [t.messageId] : []), ...t.inReplyTo, ...t.references];
}
