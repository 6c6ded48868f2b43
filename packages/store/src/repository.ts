/**
 * The case store on DynamoDB (lib-dynamodb): core's `CaseRepository` port,
 * composed of one part per area (cases and their history, contacts, officers,
 * quarantine, queues, the month index). Keys come from keys.ts; README.md
 * lists every item and access pattern.
 */
import type {
  AppendMessageWrite,
  AutomatedSender,
  BackfillPage,
  CallRecord,
  Case,
  CaseChange,
  CaseMergeWrite,
  CaseMessage,
  CaseRepository,
  CaseWithHistory,
  Contact,
  ContactRecordWrite,
  ContactTimelineEntry,
  DeliveryRecord,
  DepartmentRequest,
  IngestReadRequest,
  IngestReads,
  MonthActivity,
  Officer,
  OfficerNotification,
  OpenCaseWrite,
  Page,
  PageOptions,
  PendingPlan,
  QuarantineEntry,
  QueueFilter,
  QueuePage,
  QueueSelector,
  QueueSort,
  SearchPage,
} from '@housing-inbox/core';
import { AuditLog } from './audit.js';
import { Automated } from './automated.js';
import { BlobReferences } from './blob-refs.js';
import { getContacts } from './case-reads.js';
import { Cases } from './cases.js';
import { Contacts } from './contacts.js';
import { readForIngest } from './ingest-reads.js';
import { LettersToRead } from './letters.js';
import { Merges } from './merge.js';
import { Months } from './month.js';
import { MonthBackfill } from './month-backfill.js';
import { callItem } from './month-keys.js';
import { NoticeClaims } from './notice-claims.js';
import { Notifications } from './notifications.js';
import { Officers } from './officers.js';
import { PendingPlans } from './plans.js';
import { PrivacyRecords } from './privacy.js';
import { Quarantine } from './quarantine.js';
import { Queues } from './queues.js';
import { Reindex, type ReindexCounts, type ReindexOptions } from './reindex.js';
import { Search } from './search.js';
import { Table, type TableOptions } from './table.js';

export interface DynamoCaseRepositoryOptions extends TableOptions {
  /** The landlord's time zone: reports count by local month of receipt. */
  timeZone?: string;
  /**
   * The most case reference numbers this repository reserves at once (`references.ts`: blocks of
   * 1, 2, 4 … up to this; default 32). 1: one atomic increment per new case, no number ever skipped.
   */
  maxReferenceBlock?: number;
}

export class DynamoCaseRepository implements CaseRepository {
  readonly #cases: Cases;
  readonly #notices: NoticeClaims;
  readonly #contacts: Contacts;
  readonly #officers: Officers;
  readonly #quarantine: Quarantine;
  readonly #blobRefs: BlobReferences;
  readonly #queues: Queues;
  readonly #months: Months;
  readonly #backfill: MonthBackfill;
  readonly #automated: Automated;
  readonly #plans: PendingPlans;
  /** Who looked at which confidential case, when: append-only (`audit.ts`). */
  readonly audit: AuditLog;
  /** Subject access, erasure and retention (`privacy.ts`). */
  readonly privacy: PrivacyRecords;
  readonly #table: Table;
  readonly #timeZone: string;
  readonly #merges: Merges;
  readonly #notifications: Notifications;

  constructor(options: DynamoCaseRepositoryOptions) {
    const table = new Table(options);
    this.#table = table;
    this.#timeZone = options.timeZone ?? 'Europe/London';
    this.#contacts = new Contacts(table);
    const blobRefs = new BlobReferences(table);
    this.#notices = new NoticeClaims(table);
    this.#blobRefs = blobRefs;
    this.#cases = new Cases(
      table,
      this.#contacts,
      options.timeZone ?? 'Europe/London',
      blobRefs,
      options.maxReferenceBlock,
    );
    this.#officers = new Officers(table);
    this.#quarantine = new Quarantine(table, blobRefs);
    this.#queues = new Queues(table);
    this.#months = new Months(table);
    this.#backfill = new MonthBackfill(table, this.#timeZone);
    this.#automated = new Automated(table);
    this.#plans = new PendingPlans(table);
    this.audit = new AuditLog(table);
    this.#merges = new Merges(table, this.#cases, blobRefs);
    this.#notifications = new Notifications(table);
    this.privacy = new PrivacyRecords(table, this.#contacts, blobRefs, this.#quarantine);
  }

  // ── cases and their history ──────────────────────────────────────────────

  claimOfficerEmail(caseRef: string, id: string): Promise<boolean> {
    return this.#notices.claimOfficerEmail(caseRef, id);
  }

  readForIngest(request: IngestReadRequest): Promise<IngestReads> {
    return readForIngest(this.#table, request);
  }

  nextCaseSequence(prefix: string, year: number): Promise<number> {
    return this.#cases.nextCaseSequence(prefix, year);
  }

  findDelivery(dedupeKey: string): Promise<DeliveryRecord | undefined> {
    return this.#cases.findDelivery(dedupeKey);
  }

  findCaseRefByThreadId(messageId: string): Promise<string | undefined> {
    return this.#cases.findCaseRefByThreadId(messageId);
  }

  getCase(ref: string): Promise<Case | undefined> {
    return this.#cases.getCase(ref);
  }

  getCaseWithHistory(ref: string): Promise<CaseWithHistory | undefined> {
    return this.#cases.getCaseWithHistory(ref);
  }

  openCase(write: OpenCaseWrite): Promise<void> {
    return this.#cases.openCase(write);
  }

  appendMessage(write: AppendMessageWrite): Promise<void> {
    return this.#cases.appendMessage(write);
  }

  recordUnmatchedAutomated(message: CaseMessage, delivery: DeliveryRecord): Promise<void> {
    return this.#cases.recordUnmatchedAutomated(message, delivery);
  }

  recordContactEvent(write: ContactRecordWrite): Promise<void> {
    return this.#cases.recordContactEvent(write);
  }

  commitCaseChange(change: CaseChange): Promise<void> {
    return this.#cases.commitCaseChange(change);
  }

  claimNotice(caseRef: string, key: string, at: string): Promise<boolean> {
    return this.#notices.claimNotice(caseRef, key, at);
  }

  releaseNotice(caseRef: string, key: string): Promise<void> {
    return this.#notices.releaseNotice(caseRef, key);
  }

  /** Not a port method: the local stack's start releases claims a crash left unsettled. */
  listNoticeClaims(caseRef: string): Promise<{ key: string; at: string }[]> {
    return this.#notices.listNoticeClaims(caseRef);
  }

  // ── timers' pending plans ────────────────────────────────────────────────

  getPendingPlan(caseRef: string): Promise<PendingPlan | undefined> {
    return this.#plans.get(caseRef);
  }

  listPendingPlans(options?: PageOptions): Promise<Page<PendingPlan>> {
    return this.#plans.list(options);
  }

  clearPendingPlan(caseRef: string, token: string): Promise<void> {
    return this.#plans.clear(caseRef, token);
  }

  // ── automatic mail ───────────────────────────────────────────────────────

  listUnmatchedAutomated(options?: PageOptions): Promise<Page<CaseMessage>> {
    return this.#automated.listUnmatched(options);
  }

  rememberAutomatedSender(sender: Omit<AutomatedSender, 'firstSeenAt' | 'count'>): Promise<void> {
    return this.#automated.rememberSender(sender);
  }

  getAutomatedSender(address: string): Promise<AutomatedSender | undefined> {
    return this.#automated.getSender(address);
  }

  claimAutomaticNotice(address: string, day: string, limit: number, at: string): Promise<boolean> {
    return this.#automated.claimNotice(address, day, limit, at);
  }

  // ── contacts ─────────────────────────────────────────────────────────────

  getContact(id: string): Promise<Contact | undefined> {
    return this.#contacts.getContact(id);
  }

  getContacts(ids: readonly string[]): Promise<Map<string, Contact>> {
    return getContacts(this.#table, ids);
  }

  findContactByEmail(email: string): Promise<Contact | undefined> {
    return this.#contacts.findContactByEmail(email);
  }

  findContactByPhone(phone: string): Promise<Contact | undefined> {
    return this.#contacts.findContactByPhone(phone);
  }

  findOpenCaseForContact(contactId: string): Promise<Case | undefined> {
    return this.#contacts.findOpenCaseForContact(contactId);
  }

  listContactTimeline(contactId: string): Promise<ContactTimelineEntry[]> {
    return this.#contacts.listContactTimeline(contactId);
  }

  // ── officers ─────────────────────────────────────────────────────────────

  putOfficer(officer: Officer): Promise<void> {
    return this.#officers.putOfficer(officer);
  }

  getOfficer(id: string): Promise<Officer | undefined> {
    return this.#officers.getOfficer(id);
  }

  listOfficers(): Promise<Officer[]> {
    return this.#officers.listOfficers();
  }

  // ── quarantine ───────────────────────────────────────────────────────────

  quarantine(entry: QuarantineEntry): Promise<void> {
    return this.#quarantine.quarantine(entry);
  }

  listQuarantine(options?: PageOptions): Promise<Page<QuarantineEntry>> {
    return this.#quarantine.listQuarantine(options);
  }

  getQuarantined(id: string): Promise<QuarantineEntry | undefined> {
    return this.#quarantine.getQuarantined(id);
  }

  updateQuarantined(entry: QuarantineEntry): Promise<void> {
    return this.#quarantine.updateQuarantined(entry);
  }

  releaseQuarantineHolds(entry: QuarantineEntry, deleteBlob: (key: string) => Promise<void>): Promise<void> {
    return this.#quarantine.releaseHolds(entry, deleteBlob);
  }

  dropUnheldBlob(blobKey: string, deleteBlob: (key: string) => Promise<void>): Promise<boolean> {
    return this.#blobRefs.dropUnheld(blobKey, deleteBlob);
  }

  restoreBlob(blobKey: string, put: () => Promise<void>): Promise<boolean> {
    return this.#blobRefs.restore(blobKey, put);
  }

  // ── queues and reports ───────────────────────────────────────────────────

  listQueue(
    selector: QueueSelector,
    options?: { limit?: number; cursor?: string; status?: 'open' | 'closed'; sort?: QueueSort; filter?: QueueFilter },
  ): Promise<QueuePage> {
    return this.#queues.listQueue(selector, options);
  }

  searchCases(
    text: string,
    options: { limit?: number; cursor?: string; visible: (kase: Case) => boolean },
  ): Promise<SearchPage> {
    // A Lambda bundle of a function that never searches leaves the search and its phone parser out
    // (infra/src/bundling.ts SEARCHERS, `definesOf`); unbundled, the variable is unset.
    return process.env.INBOX_BUILD_SEARCH === 'off'
      ? Promise.reject(new Error('search is not bundled in this function (infra/src/bundling.ts SEARCHERS)'))
      : new Search(this.#table).searchCases(text, options);
  }

  countOpenCases(ownerId: string): Promise<number> {
    return this.#queues.countOpenCases(ownerId);
  }

  listTeamRequests(department: string, status?: 'open' | 'done'): Promise<DepartmentRequest[]> {
    return this.#queues.listTeamRequests(department, status);
  }

  listMonth(month: string, options: { monthEnd?: boolean } = {}): Promise<MonthActivity> {
    return this.#months.listMonth(month, { ...options, timeZone: this.#timeZone });
  }

  rebuildMonthIndex(ref: string): Promise<number> {
    return this.#backfill.rebuildMonthIndex(ref);
  }

  backfillMonthIndex(options: { from?: string; cursor?: string; limit?: number } = {}): Promise<BackfillPage> {
    return this.#backfill.page(options);
  }

  /** Call records, 25 to a BatchWriteItem; the same callId again replaces its item (idempotent import). */
  putCalls(calls: CallRecord[]): Promise<void> {
    return this.#table.putMany(calls.map((c) => callItem(c, this.#timeZone)));
  }

  listLettersToRead(options?: { limit?: number; cursor?: string }): Promise<QueuePage> {
    // Built per call: the one method this file gains for letters (src/letters.ts).
    return new LettersToRead(this.#table).list(options);
  }

  // ── issue 14: the whole resident, merges, activity markers, notifications ──

  listCasesOfContact(contactId: string): Promise<Case[]> {
    return this.#contacts.listCasesOfContact(contactId);
  }

  commitCaseChanges(changes: CaseChange[]): Promise<void> {
    return this.#cases.commitCaseChanges(changes);
  }

  mergeCases(write: CaseMergeWrite): Promise<void> {
    return this.#merges.mergeCases(write);
  }

  finishMerge(survivorRef: string): Promise<void> {
    return this.#merges.finishMerge(survivorRef);
  }

  clearActivity(ref: string, seenAt: string): Promise<void> {
    return this.#notifications.clearActivity(ref, seenAt);
  }

  putNotifications(items: OfficerNotification[]): Promise<void> {
    return this.#notifications.put(items);
  }

  listNotifications(
    officerId: string,
    options: { limit?: number; visible: (kase: Case) => boolean },
  ): Promise<{ items: OfficerNotification[]; unread: number }> {
    return this.#notifications.list(officerId, options);
  }

  markNotificationsRead(officerId: string, at: string, ids?: readonly string[]): Promise<void> {
    return this.#notifications.markRead(officerId, at, ids);
  }

  // ── maintenance ──────────────────────────────────────────────────────────

  /** Rewrites every case's and contact's search tokens and queue entries where they differ (`reindex.ts`). */
  reindexLookups(options: ReindexOptions = {}): Promise<ReindexCounts> {
    return new Reindex(this.#table, options.timeZone ?? this.#timeZone).run(options);
  }
}
