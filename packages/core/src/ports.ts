/**
 * Ports: what the domain needs from the case store, blob storage and the
 * timers, as interfaces (sending is in `outbound.ts`, the clock in `clock.ts`).
 * packages/store and packages/timers implement them; domain code sees only these.
 */
import type {
  Case,
  CaseMessage,
  CaseWithHistory,
  DepartmentRequest,
  Officer,
  QuarantineEntry,
  TimelineEntry,
} from './cases.js';
import type { Contact } from './model.js';

/** Raw payloads, attachments and letter scans: S3 in the cloud, files locally. */
export interface BlobStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
}

/** What an earlier delivery of the same message became. */
export interface DeliveryRecord {
  dedupeKey: string;
  caseRef?: string;
  messageId?: string;
  outcome: 'created' | 'threaded' | 'automated';
  at: string;
}

export interface ContactWrite {
  contact: Contact;
  /** True when the contact is new, so its email/phone keys must not exist yet. */
  isNew: boolean;
  /** Email and phone keys this write claims for the contact. */
  claimEmail?: string;
  claimPhone?: string;
}

export interface OpenCaseWrite {
  case: Case;
  contact: ContactWrite;
  message: CaseMessage;
  timeline: TimelineEntry[];
  delivery: DeliveryRecord;
  /** Email Message-IDs that should thread back to this case. */
  threadIds: string[];
}

export interface AppendMessageWrite {
  caseRef: string;
  /** The case as it must be after the write (status, lastMessageAt, counts; new targets for a follow-up). */
  caseUpdate: Pick<Case, 'status' | 'lastMessageAt' | 'messageCount' | 'updatedAt'> & {
    targets?: Case['targets'];
    /** A follow-up after our reply: the reply no longer answers the case. */
    clearResponse?: boolean;
  };
  /** The case's updatedAt that was read: the write fails if someone changed the case since. */
  expectedUpdatedAt: string;
  contact?: ContactWrite;
  message: CaseMessage;
  timeline: TimelineEntry[];
  delivery: DeliveryRecord;
  threadIds: string[];
}

export type QueueSelector = { queue: 'owner'; ownerId: string } | { queue: 'team'; teamId: string } | { queue: 'all' };

export interface QueuePage {
  items: Case[];
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null;
}

/** The same delivery was ingested before (its delivery marker exists): nothing is written twice. */
export class DuplicateDeliveryError extends Error {
  override name = 'DuplicateDeliveryError';
}
export class WriteConflictError extends Error {
  override name = 'WriteConflictError';
}

/** A change to a case: its new state, what the timeline says about it, and any messages. */
export interface CaseChange {
  case: Case;
  /** The case's updatedAt that was read: the write fails with WriteConflictError if it moved. */
  expectedUpdatedAt: string;
  timeline: TimelineEntry[];
  messages?: CaseMessage[];
  threadIds?: string[];
  /** Contact changes that go with it (flags, preferences). */
  contact?: Contact;
  /** Department requests created or changed with it. */
  requests?: DepartmentRequest[];
}

/** A month's activity as the report needs it: the cases received in it and every inbound message. */
export interface MonthActivity {
  cases: Pick<
    Case,
    | 'ref'
    | 'channel'
    | 'kind'
    | 'status'
    | 'classification'
    | 'targets'
    | 'receivedAt'
    | 'acknowledgedAt'
    | 'respondedAt'
    | 'responseOutcome'
    | 'agreedReplyDate'
    | 'extension'
  >[];
  messages: Pick<CaseMessage, 'caseRef' | 'channel' | 'receivedAt' | 'logged'>[];
}

export interface CaseRepository {
  nextCaseSequence(prefix: string, year: number): Promise<number>;
  findDelivery(dedupeKey: string): Promise<DeliveryRecord | undefined>;
  findCaseRefByThreadId(messageId: string): Promise<string | undefined>;
  getCase(ref: string): Promise<Case | undefined>;
  getCaseWithHistory(ref: string): Promise<CaseWithHistory | undefined>;
  getContact(id: string): Promise<Contact | undefined>;
  findContactByEmail(email: string): Promise<Contact | undefined>;
  findContactByPhone(phone: string): Promise<Contact | undefined>;
  /** The contact's most recently active open case. */
  findOpenCaseForContact(contactId: string): Promise<Case | undefined>;
  /** Case, contact, first message, timeline and delivery marker: all or nothing. */
  openCase(write: OpenCaseWrite): Promise<void>;
  appendMessage(write: AppendMessageWrite): Promise<void>;
  /** An auto-reply or bounce that belongs to no case: kept for operators, opens nothing. */
  recordUnmatchedAutomated(message: CaseMessage, delivery: DeliveryRecord): Promise<void>;
  quarantine(entry: QuarantineEntry): Promise<void>;
  listQuarantine(limit?: number): Promise<QuarantineEntry[]>;
  listQueue(
    selector: QueueSelector,
    options?: { limit?: number; cursor?: string; status?: 'open' | 'closed' },
  ): Promise<QueuePage>;
  countOpenCases(ownerId: string): Promise<number>;
  /** Open cases whose letter needs reading (`Case.needsReading`), nearest target first. */
  listLettersToRead(options?: { limit?: number; cursor?: string }): Promise<QueuePage>;
  /** Cases received and inbound messages in a local month (YYYY-MM). */
  listMonth(month: string): Promise<MonthActivity>;
  putOfficer(officer: Officer): Promise<void>;
  listOfficers(): Promise<Officer[]>;
  getOfficer(id: string): Promise<Officer | undefined>;
  /** Department requests waiting for a team, soonest due first. */
  listTeamRequests(department: string, status?: 'open' | 'done'): Promise<DepartmentRequest[]>;
  /** Case, timeline, messages and contact in one all-or-nothing write. */
  commitCaseChange(change: CaseChange): Promise<void>;
  /**
   * Claims the right to send a notice once: false when it was claimed before.
   * Makes timers and retries safe: the same notice never goes out twice.
   */
  claimNotice(caseRef: string, key: string, at: string): Promise<boolean>;
  /** Gives a claim back after a send that failed, so a later attempt may try again. */
  releaseNotice(caseRef: string, key: string): Promise<void>;
}

/** Told when cases open or change, so the timers (re)plan; `noCaseEvents` where no timers run. */
export interface CaseEvents {
  caseOpened(ref: string): Promise<void>;
  caseChanged(ref: string, why: string): Promise<void>;
}

export const noCaseEvents: CaseEvents = {
  caseOpened: async () => {},
  caseChanged: async () => {},
};
