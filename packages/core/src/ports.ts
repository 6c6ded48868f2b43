/**
 * Ports: what the domain needs from the case store, blob storage and the
 * timers, as interfaces (sending is in `outbound.ts`, the clock in `clock.ts`).
 * packages/store and packages/timers implement them; domain code sees only these.
 */

import type {
  Case,
  CaseLink,
  CaseMessage,
  CaseWithHistory,
  ContactTimelineEntry,
  DepartmentRequest,
  Officer,
  Page,
  PageOptions,
  PendingContactDetails,
  QuarantineEntry,
  TimelineEntry,
} from './cases.js';
import type { AutomatedCategory } from './inbound.js';
import type { Contact } from './model.js';
import type { QueueFilter, QueueSort, SearchPage } from './queue.js';

/** Raw payloads, attachments and letter scans: S3 in the cloud, files locally. */
export interface BlobStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
}

/** What an earlier delivery of the same message became. */
export interface DeliveryRecord {
  /** The delivery's identity (`ingest/identity.ts`): a marker is kept under it. */
  dedupeKey: string;
  /** Other identities of the same delivery (the transport's id): a marker under each. */
  aliases?: string[];
  caseRef?: string;
  messageId?: string;
  /** `opted-out` / `opted-in`: an SMS keyword recorded on the contact, no case. */
  outcome: 'created' | 'threaded' | 'automated' | 'opted-out' | 'opted-in';
  contactId?: string;
  at: string;
}

/**
 * A case whose timers must (re)plan: written in the same transaction as the
 * case change, cleared once the timers have it (`clearPendingPlan` with the
 * token), so a crash between the write and the timers' start loses nothing.
 */
export interface PendingPlan {
  caseRef: string;
  token: string;
  at: string;
}

/** Another case quoted by the message being filed: linked to it, never written into. */
export interface LinkWrite {
  /** The case quoted. */
  ref: string;
  /** Its updatedAt as read: the link is added only to the case as it was read. */
  expectedUpdatedAt: string;
  updatedAt: string;
  /** The link as the quoted case holds it (`mentioned-by`). */
  link: CaseLink;
  /** Its timeline entry, on the quoted case. */
  entry: TimelineEntry;
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
  /** Cases the message quoted, each given a link back to this one. */
  links?: LinkWrite[];
  /** The timers must plan this case (always, for a new case). */
  pendingPlan?: PendingPlan;
}

export interface AppendMessageWrite {
  caseRef: string;
  /** The case as it must be after the write (status, lastMessageAt, counts; new targets for a follow-up). */
  caseUpdate: Pick<Case, 'status' | 'lastMessageAt' | 'messageCount' | 'updatedAt'> & {
    targets?: Case['targets'];
    /** A follow-up after our reply: the reply no longer answers the case. */
    clearResponse?: boolean;
    /** Contact details waiting for an officer (replaces what was pending). */
    pendingDetails?: PendingContactDetails;
    /** The case's links after this message (when it quoted another case). */
    linked?: CaseLink[];
  };
  /** The case's updatedAt that was read: the write fails if someone changed the case since. */
  expectedUpdatedAt: string;
  contact?: ContactWrite;
  message: CaseMessage;
  timeline: TimelineEntry[];
  delivery: DeliveryRecord;
  threadIds: string[];
  links?: LinkWrite[];
  pendingPlan?: PendingPlan;
}

/** An SMS opt-out or opt-in: the contact changed, its own timeline, the open case's timeline and the marker, at once. */
export interface ContactRecordWrite {
  contact: ContactWrite;
  entries: ContactTimelineEntry[];
  /** Entries on the contact's open case, which does not otherwise change. */
  caseEntries?: TimelineEntry[];
  delivery: DeliveryRecord;
}

/** An address whose mail was recognised as automatic (a help desk, a list, a mailer): no automatic notices go to it. */
export interface AutomatedSender {
  address: string;
  category: AutomatedCategory | 'unknown';
  reason: string;
  firstSeenAt: string;
  lastSeenAt: string;
  count: number;
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
/**
 * The write lost a race (the case or contact changed since it was read): read again and retry.
 * `contactClaims`: it was an email or phone claim that another contact holds, which no retry changes.
 */
export class WriteConflictError extends Error {
  override name = 'WriteConflictError';
  constructor(
    message: string,
    readonly contactClaims = false,
  ) {
    super(message);
  }
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
  /** An email or number the contact takes with it (confirmed details): refused if another contact has it. */
  contactClaims?: { email?: string; phone?: string };
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
  /** Automatic mail that joined no case, newest first. */
  listUnmatchedAutomated(options?: PageOptions): Promise<Page<CaseMessage>>;
  /** Remembers (or sees again) an address that sends automatic mail. */
  rememberAutomatedSender(sender: Omit<AutomatedSender, 'firstSeenAt' | 'count'>): Promise<void>;
  getAutomatedSender(address: string): Promise<AutomatedSender | undefined>;
  /**
   * Takes one of an address's automatic notices for a local day: false when `limit`
   * were taken already (the loop guard between our acknowledgements and other help desks).
   */
  claimAutomaticNotice(address: string, day: string, limit: number, at: string): Promise<boolean>;
  /** An SMS opt-out or opt-in, recorded on the contact (and its open case) without opening a case. */
  recordContactEvent(write: ContactRecordWrite): Promise<void>;
  listContactTimeline(contactId: string): Promise<ContactTimelineEntry[]>;
  quarantine(entry: QuarantineEntry): Promise<void>;
  /** Quarantined deliveries, newest first, a page at a time. */
  listQuarantine(options?: PageOptions): Promise<Page<QuarantineEntry>>;
  getPendingPlan(caseRef: string): Promise<PendingPlan | undefined>;
  /** Cases whose timers have not yet taken their last change, a page at a time. */
  listPendingPlans(options?: PageOptions): Promise<Page<PendingPlan>>;
  /** Clears a pending plan if it is still the one with this token (a newer change keeps its own). */
  clearPendingPlan(caseRef: string, token: string): Promise<void>;
  /** Contacts by id, many at once (a page of queue rows); ids with no contact are absent. */
  getContacts(ids: readonly string[]): Promise<Map<string, Contact>>;
  /** A page of a queue in the order asked (nearest target first by default), narrowed by `filter`. */
  listQueue(
    selector: QueueSelector,
    options?: { limit?: number; cursor?: string; status?: 'open' | 'closed'; sort?: QueueSort; filter?: QueueFilter },
  ): Promise<QueuePage>;
  /**
   * Cases whose reference, contact (name, email, phone, postcode, address, tenancy
   * reference) or subject match `text`, best match then newest first; `visible` drops
   * the cases the caller may not see before a page is filled. A `RangeError` for a
   * cursor this store did not give out.
   */
  searchCases(
    text: string,
    options: { limit?: number; cursor?: string; visible: (kase: Case) => boolean },
  ): Promise<SearchPage>;
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
  /**
   * True when a resolved call means the timers hold the case durably (Step Functions
   * accepted the execution): ingest then clears the case's pending plan itself. Absent or
   * false when the timers plan later (the local runner): whoever plans clears it.
   */
  readonly durable?: boolean;
}

export const noCaseEvents: CaseEvents = {
  caseOpened: async () => {},
  caseChanged: async () => {},
  // No timers: nothing will ever plan, so nothing is left pending.
  durable: true,
};
