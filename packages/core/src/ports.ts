/**
 * Ports: what the domain needs from the case store, blob storage and the
 * timers, as interfaces (sending is in `outbound.ts`, the clock in `clock.ts`).
 * packages/store and packages/timers implement them; domain code sees only these.
 */

import type { CallRecord } from './calls.js';
import type {
  Case,
  CaseMessage,
  CaseWithHistory,
  ContactTimelineEntry,
  DepartmentRequest,
  Officer,
  Page,
  PageOptions,
  QuarantineEntry,
  TimelineEntry,
} from './cases.js';
import type { AutomatedCategory } from './inbound.js';
import type {
  AppendMessageWrite,
  ContactRecordWrite,
  DeliveryRecord,
  IngestReadRequest,
  IngestReads,
  OpenCaseWrite,
  PendingPlan,
} from './ingest-writes.js';
import type { Contact } from './model.js';
import type { OfficerNotification } from './notifications.js';
import type { QueueFilter, QueueSort, SearchPage } from './queue.js';

// Ingest's write and read shapes live beside (ingest-writes.ts); domain code imports them from here.
export type {
  AlsoOpened,
  AppendMessageWrite,
  ContactRecordWrite,
  ContactWrite,
  DeliveryRecord,
  IngestReadRequest,
  IngestReads,
  LinkWrite,
  NumberCase,
  OpenCasesOfContact,
  OpenCaseWrite,
  PendingPlan,
} from './ingest-writes.js';

/** Raw payloads, attachments and letter scans: S3 in the cloud, files locally. */
export interface BlobStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
  /** Erasure: removes the blob; a key that is not there is not an error. */
  delete(key: string): Promise<void>;
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
  /**
   * The page's contacts by id, when the store read them with the cases (a queue page read
   * through its queue entries: one BatchGetItem for both); absent ones are read by the caller.
   */
  contacts?: ReadonlyMap<string, Contact>;
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

/**
 * An ingest write named a blob an erasure is deleting or has deleted since ingest stored it
 * (its tombstone, `BLOB#<key>` / `#GONE`, stood): store the bytes again (`restoreBlob`) and
 * retry. A conflict, so a caller that only retries conflicts still retries.
 */
export class BlobGoneError extends WriteConflictError {
  override name = 'BlobGoneError';
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

/**
 * A month's activity as the reports need it, read from the month index a page
 * at a time: every case received in the month or with an answer, a stage, a
 * repair completed or a closure in it (whole records, so each answer counts in
 * its own month); the inbound messages received; the delay updates and
 * extensions sent; and the switchboard's calls.
 */
export interface MonthActivity {
  cases: Case[];
  messages: Pick<CaseMessage, 'caseRef' | 'channel' | 'receivedAt' | 'logged'>[];
  /** Delay updates and extension notices sent in the month (`at`: UTC instant). */
  sent: { caseRef: string; purpose: 'delay-update' | 'extension'; at: string }[];
  calls: CallRecord[];
  /**
   * Cases open now and received before the month ended (the open-cases queue,
   * read a page at a time): with `cases`, every case that can have been open at
   * the month's end (`reports/month-end.ts`). Absent where only the year's
   * figures are wanted.
   */
  stillOpen?: Case[];
}

/** One page of the month-index backfill: cases rebuilt, markers written, and where to go on (null: done). */
export interface BackfillPage {
  cases: number;
  markers: number;
  next: string | null;
}

export interface CaseRepository {
  /**
   * Many of ingest's lookups in one round trip (DynamoDB: one strongly consistent
   * BatchGetItem of at most 100 keys). Optional: without it ingest reads one at a time.
   */
  readForIngest?(request: IngestReadRequest): Promise<IngestReads>;
  /** Takes an officer's email left for the timers (`officerEmailsDue`): false when another step took it. */
  claimOfficerEmail?(caseRef: string, id: string): Promise<boolean>;
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
  /** One quarantined delivery by its id, or undefined. */
  getQuarantined(id: string): Promise<QuarantineEntry | undefined>;
  /**
   * Rewrites an entry that exists (a release or a failed retry); its id and payload stay. An
   * entry not yet released holds (blob references) its raw payload and `attachmentKeys`.
   */
  updateQuarantined(entry: QuarantineEntry): Promise<void>;
  /**
   * Lets go of a released entry's hold on its raw payload and attachments: each blob that no
   * other record (the case the release filed, another case, automated mail) holds is deleted
   * through `deleteBlob`. Safe to repeat.
   */
  releaseQuarantineHolds(entry: QuarantineEntry, deleteBlob: (key: string) => Promise<void>): Promise<void>;
  /**
   * Deletes a blob ingest stored that no record holds (a duplicate delivery's own raw copy,
   * in bytes unlike the first's): true when it was deleted, false when a record holds it.
   */
  dropUnheldBlob(blobKey: string, deleteBlob: (key: string) => Promise<void>): Promise<boolean>;
  /**
   * After a `BlobGoneError`: unless an erasure is deleting the blob right now (false: try
   * again shortly), stores it again through `put` and lifts its tombstone, so the write
   * that names it can go through (true).
   */
  restoreBlob(blobKey: string, put: () => Promise<void>): Promise<boolean>;
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
  /** A local month's activity (YYYY-MM), from the month index in bounded pages (never a Scan). */
  /** A month's activity; with `monthEnd`, also `stillOpen` for the month-end figures. */
  listMonth(month: string, options?: { monthEnd?: boolean }): Promise<MonthActivity>;
  /**
   * A case's month-index markers rebuilt from the case itself, by the function
   * every write uses (`countedInItems`), and its own and its messages' month
   * keys set again: for records written before the markers were. Idempotent;
   * returns the markers written (0 for no such case).
   */
  rebuildMonthIndex(ref: string): Promise<number>;
  /** One bounded page of `rebuildMonthIndex` over every case (received from `from`, YYYY-MM, when given). */
  backfillMonthIndex(options?: { from?: string; cursor?: string; limit?: number }): Promise<BackfillPage>;
  /** Keeps the phone system's call records: one item per callId (importing again replaces it). */
  putCalls(calls: CallRecord[]): Promise<void>;
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

  // ── issue 14: the whole resident, merged cases, activity, officers' notifications ──
  /** Every case of a contact (open and closed), newest activity first: one bounded Query. */
  listCasesOfContact(contactId: string): Promise<Case[]>;
  /** Changes to several cases in one all-or-nothing write (each conditional on its `expectedUpdatedAt`). */
  commitCaseChanges(changes: CaseChange[]): Promise<void>;
  /**
   * Merges one case into another: first, at once, both cases' new state (the survivor with its
   * `merging` marker, the other closed with `mergedInto`) and their timeline entries; then the
   * other case's messages, timeline and department requests move to the survivor in batches
   * (each batch one transaction, under DynamoDB's 100-item limit); last the marker goes. A crash
   * part-way leaves the marker: `finishMerge` (run again by the merge command) completes it.
   */
  mergeCases(write: CaseMergeWrite): Promise<void>;
  /** Completes a merge into `survivorRef` whose `merging` marker is still there; nothing if none. */
  finishMerge(survivorRef: string): Promise<void>;
  /** The owner opened the case: its new-activity markers go (if still those seen at `seenAt`). */
  clearActivity(ref: string, seenAt: string): Promise<void>;
  putNotifications(items: OfficerNotification[]): Promise<void>;
  /**
   * An officer's inbox: unread first, then the latest read, at most `limit` (50; 1–200); only
   * notifications whose case `visible` lets the reader open are listed, and `unread` counts
   * only those (a case restricted, moved or erased since drops out of the badge).
   */
  listNotifications(
    officerId: string,
    options: { limit?: number; visible: (kase: Case) => boolean },
  ): Promise<{ items: OfficerNotification[]; unread: number }>;
  /** Marks the officer's notifications read (every unread one when `ids` is left out). */
  markNotificationsRead(officerId: string, at: string, ids?: readonly string[]): Promise<void>;
}

/** A merge, as `mergeCases` writes it. */
export interface CaseMergeWrite {
  /** The survivor's new state, carrying `merging`, conditional on the updatedAt read. */
  survivor: CaseChange;
  /** The merged-away case: closed, `mergedInto` the survivor. */
  merged: CaseChange;
}

/** Told when cases open or change, so the timers (re)plan; `noCaseEvents` where no timers run. */
export interface CaseEvents {
  caseOpened(ref: string): Promise<void>;
  /**
   * `generation`: the timer generation the change's own write already moved the case to
   * (`PendingPlan.generation`, only from an adapter that is `numbered`): the adapter then
   * starts that generation without moving the counter itself. Absent: it moves it.
   */
  caseChanged(ref: string, why: string, generation?: number): Promise<void>;
  /**
   * True when the timers number each case's re-plans with a generation kept beside the
   * case (the cloud's Step Functions executions `<ref>-<n>`): ingest then reads it with the
   * case and moves it in the case's own transaction (`PendingPlan.generation`), one
   * request fewer than the adapter moving it after the write. Absent or false elsewhere.
   */
  readonly numbered?: boolean;
  /**
   * True when a resolved call means the timers hold the case durably and nothing else
   * will clear the pending plan: ingest then clears it itself. Absent or false when
   * whoever plans clears it (the local runner; the cloud's plan step, so a threaded
   * message or a new case costs ingest no DeleteItem).
   */
  readonly durable?: boolean;
}

export const noCaseEvents: CaseEvents = {
  caseOpened: async () => {},
  caseChanged: async () => {},
  // No timers: nothing will ever plan, so nothing is left pending.
  durable: true,
};
