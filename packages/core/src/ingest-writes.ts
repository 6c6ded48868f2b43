/**
 * What ingest writes and reads in one go (the `CaseRepository` port's write shapes): a new case,
 * a message added to a case, an opt-out, the delivery marker and pending plan they carry, and
 * the batch read ingest starts with. packages/store implements them in one transaction each.
 */

import type { Case, CaseLink, CaseMessage, ContactTimelineEntry, Officer, TimelineEntry } from './cases.js';
import type { Contact } from './model.js';
import type { OfficerNotification } from './notifications.js';
/** What an earlier delivery of the same message became. */
export interface DeliveryRecord {
  /** The delivery's identity (`ingest/identity.ts`): a marker is kept under it. */
  dedupeKey: string;
  /** Other identities of the same delivery (the transport's id): a marker under each. */
  aliases?: string[];
  caseRef?: string;
  messageId?: string;
  /** Cases the same message opened beside `caseRef` (its second clock): announced again with it. */
  alsoCaseRefs?: string[];
  /**
   * `opted-out` / `opted-in`: an SMS keyword recorded on the contact, no case;
   * `address-flagged`: an SES bounce or complaint flagged the contact's address.
   */
  outcome: 'created' | 'threaded' | 'automated' | 'opted-out' | 'opted-in' | 'address-flagged';
  contactId?: string;
  at: string;
  /** The raw payload this delivery kept (absent on markers written before it was recorded). */
  rawKey?: string;
  /**
   * A threaded message's timer generation: the one its write moved `caseRef` to (cloud,
   * `CaseEvents.numbered`), so a redelivery announces that execution again without moving
   * the counter (one request: the read that found this marker). Absent elsewhere and on
   * markers written before it was recorded (those move the counter again).
   */
  generation?: number;
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
  /**
   * What the timers are told (`caseOpened` or `caseChanged`). With `changed` the
   * store also notes, in the same transaction, the timer generation the case was
   * at (`changeBase` on its generation counter), so the cloud's plan step clears
   * the pending plan only from an execution named after the change was written.
   */
  change?: 'opened' | 'changed';
  /**
   * With `changed`, when ingest read the case's timer generation g (`IngestReads.timerGenerations`):
   * the generation this change moves it to (g + 1). The store then sets the counter to it and
   * `changeBase` to g in the same transaction, only if the counter still holds g (a re-plan
   * since makes the write a WriteConflictError: ingest reads again), and the timers are
   * told it (`CaseEvents.caseChanged(ref, why, generation)`). Not stored on the pending plan.
   */
  generation?: number;
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
  /** The contact as ingest read it, to diff its search tokens without reading it again; read when absent. */
  before?: Contact;
  /** True when the contact is new, so its email/phone keys must not exist yet. */
  isNew: boolean;
  /** Email and phone keys this write claims for the contact. */
  claimEmail?: string;
  claimPhone?: string;
}

/**
 * The case a text (or any message whose sender's phone claim ingest read) was filed on, noted on
 * the number's claim: a read hint only (`IngestReads.caseRefByPhone`), never trusted without the
 * contact's open cases read beside it.
 */
export interface NumberCase {
  phone: string;
  contactId: string;
  ref: string;
}

export interface OpenCaseWrite {
  case: Case;
  contact: ContactWrite;
  /** The case to note on the sender's phone claim (`NumberCase`). */
  numberCase?: NumberCase;
  message: CaseMessage;
  timeline: TimelineEntry[];
  delivery: DeliveryRecord;
  /** Email Message-IDs that should thread back to this case. */
  threadIds: string[];
  /** Cases the message quoted, each given a link back to this one. */
  links?: LinkWrite[];
  /** The timers must plan this case (always, for a new case). */
  pendingPlan?: PendingPlan;
  /**
   * Cases the same message opens beside this one, in the same transaction: the
   * second clock of a message that both complains and reports a repair or a
   * hazard (`classification.also`). Each is new, with its own copy of the
   * message, its timeline and its pending plan; the contact is written once.
   */
  also?: AlsoOpened[];
  /** Officers' inbox items written with the case ("assigned to you"), in the same transaction. */
  notifications?: OfficerNotification[];
  /** Of those, the ones whose email the timers send (`CaseWithHistory.officerEmailsDue`): ingest may not send. */
  officerEmailsDue?: OfficerNotification[];
}

/** A case opened beside another from the same message (`OpenCaseWrite.also`). */
export interface AlsoOpened {
  case: Case;
  message: CaseMessage;
  timeline: TimelineEntry[];
  pendingPlan: PendingPlan;
}

export interface AppendMessageWrite {
  caseRef: string;
  /**
   * The whole case as it must be after the write: counts and status, and for a
   * follow-up or an escalation request the new round, its targets and the
   * earlier round's outcome, agreed date and extension gone (`startRound`).
   */
  case: Case;
  /** The case's updatedAt that was read: the write fails if someone changed the case since. */
  expectedUpdatedAt: string;
  /**
   * The case as it was read (its updatedAt is `expectedUpdatedAt`), to rewrite only the lookup
   * items that change without reading it again; read when absent.
   */
  before?: Case;
  contact?: ContactWrite;
  /** The case to note on the sender's phone claim (`NumberCase`). */
  numberCase?: NumberCase;
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

/**
 * What ingest reads before filing a message, in one strongly consistent batch
 * (`CaseRepository.readForIngest`): every key it can name before reading anything.
 */
export interface IngestReadRequest {
  /** Delivery markers (the delivery's dedupe key and aliases). */
  deliveryKeys?: readonly string[];
  /** Contact claims of normalised email addresses and phone numbers. */
  emails?: readonly string[];
  phones?: readonly string[];
  contactIds?: readonly string[];
  caseRefs?: readonly string[];
  /** Email Message-IDs that may thread to a case. */
  threadIds?: readonly string[];
  /** The officer directory, when the store keeps it as one item. */
  officers?: boolean;
  /** Cases whose timer generation to read (`CaseEvents.numbered`). */
  timerGenerations?: readonly string[];
}

/** What `readForIngest` found; what it did not find is absent from the maps. */
export interface IngestReads {
  deliveries: Map<string, DeliveryRecord>;
  contactIdByEmail: Map<string, string>;
  contactIdByPhone: Map<string, string>;
  contacts: Map<string, Contact>;
  cases: Map<string, Case>;
  /** Thread id (lower case) → case reference. */
  threads: Map<string, string>;
  /** The whole officer directory; absent when asked but not kept as one item (read `listOfficers`). */
  officers?: Officer[];
  /** Case reference → its timer generation (1 when none is stored), for every case asked. */
  timerGenerations?: Map<string, number>;
  /** Phone number → the case its claim notes (`NumberCase`): where the number's last message was filed. */
  caseRefByPhone?: Map<string, string>;
  /** Contact id → its open cases, from its set of cases (read with each contact asked). */
  openCases?: Map<string, OpenCasesOfContact>;
}

/**
 * A contact's open cases as its set of cases holds them, kept in every case write's transaction.
 * `complete` only when the item was started with the contact (older contacts' items lack the
 * cases from before): otherwise the gsi4 Query answers.
 */
export interface OpenCasesOfContact {
  complete: boolean;
  /** The references of its open cases (which is most recently active is read from the cases). */
  open: string[];
}
