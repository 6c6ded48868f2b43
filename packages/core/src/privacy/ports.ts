/** What data-protection work needs from the store and the outbox, beyond the case repository. */
import type { Case, ContactTimelineEntry, QuarantineEntry } from '../cases.js';
import type { Contact } from '../model.js';
import type { Erasure } from './records.js';

/** The store's side of subject access, erasure and retention (packages/store `PrivacyRecords`). */
export interface PrivacyStore {
  /** Every case of a contact, open and closed (the contact index), oldest first. */
  casesOfContact(contactId: string): Promise<Case[]>;
  /** Closed cases, a page at a time (retention looks at each). */
  closedCases(options?: { cursor?: string }): Promise<{ items: Case[]; next: string | null }>;
  /**
   * Overwrites every item of the case's partition with its erased form (core's
   * `eraseCase`, `eraseMessage`, `eraseTimelineEntry`, `eraseRequest`), keys and
   * report index kept, and removes its email thread ids. First it releases the
   * case's hold on each blob its messages name (attachments, scans, raw
   * payloads) and calls `deleteBlob` for each that no other case, automated
   * mail or quarantined delivery still holds; a blob another record may name
   * (shared, or named by a record from before references were counted) is kept.
   * Idempotent: erasing an erased case changes nothing.
   */
  eraseCase(
    ref: string,
    erasure: Erasure,
    deleteBlob: (key: string) => Promise<void>,
  ): Promise<{ blobsDeleted: number; blobsKept: number }>;
  /**
   * Counts the blob references of records written before references existed,
   * at most `pages` Scan pages a call, resuming where the last call stopped;
   * true once the whole table is counted (until then erasure keeps every blob
   * it cannot prove unshared).
   */
  countBlobReferences(pages: number): Promise<boolean>;
  /**
   * The contact erased (`eraseContact`), its email and phone claims removed, its own
   * timeline erased; the raw payloads its entries name (texted opt-outs) released
   * like a case's files, `deleteBlob` called for each no other record holds.
   */
  eraseContact(contactId: string, erasure: Erasure, deleteBlob: (key: string) => Promise<void>): Promise<void>;
  /**
   * Quarantine entries that arrived before `before` (ISO-8601 instant), oldest first, a
   * page at a time: a bounded Query on the quarantine's sort key, never a Scan.
   */
  quarantinedBefore(
    before: string,
    options?: { cursor?: string },
  ): Promise<{ items: QuarantineEntry[]; next: string | null }>;
  /**
   * Deletes a quarantine entry: first its holds on its raw payload and stored attachments,
   * `deleteBlob` called for each no other record holds; then the entry. Safe to repeat.
   */
  deleteQuarantined(entry: QuarantineEntry, deleteBlob: (key: string) => Promise<void>): Promise<void>;
  /** Puts a changed contact (a legal hold) with an entry on its own timeline. */
  recordContactChange(contact: Contact, entry: ContactTimelineEntry): Promise<void>;
}

/** One notice as sent (the local outbox keeps a copy of each; the cloud keeps it on the case only). */
export interface SentCopy {
  id: string;
  channel: string;
  to: string;
  subject: string;
  body: string;
  caseRef: string;
  purpose: string;
  sentAt: string;
}

/** Copies of what was sent, kept outside the case (the local outbox): read for an export, erased with the case. */
export interface SentCopies {
  list(caseRefs: string[]): Promise<SentCopy[]>;
  /** Replaces the recipient, subject and body of every copy for these cases; returns how many. */
  erase(caseRefs: string[]): Promise<number>;
}
