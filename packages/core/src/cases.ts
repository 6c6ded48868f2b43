/**
 * Cases, the messages on them and their timeline: the record of every contact
 * and decision, which the store keeps and the console shows.
 */
import type { CaseActivity } from './activity.js';
import type { CaseLink } from './case-links.js';
import type { DepartmentRequest } from './department-requests.js';

export { ACTIVITY_KINDS, type ActivityKind, type CaseActivity, withActivity } from './activity.js';
export { type CaseLink, LINK_RELATIONS, type LinkRelation } from './case-links.js';
export {
  type DepartmentRequest,
  REQUEST_STATUSES,
  type RequestStatus,
} from './department-requests.js';
export { type QuarantineEntry, type QuarantineRelease, quarantineBlobKeys } from './quarantine.js';
export { type Absence, isAway, type Officer, type OfficerRole } from './staff.js';

import type { LocalDate } from './dates.js';
import type { InboundMessage, LetterNeedsReading } from './inbound.js';
import type { CaseCategory, CaseKind, Channel, Contact, HazardKind, Targets } from './model.js';
import type { OfficerNotification } from './notifications.js';
import type { MilestoneEvent } from './policy-duties.js';
import type { Disclosure, Erasure, LegalHold } from './privacy/records.js';

export const CASE_STATUSES = ['new', 'in-progress', 'awaiting-departments', 'answered', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export function isOpenStatus(status: CaseStatus): boolean {
  return status !== 'closed';
}

export const REPAIR_PRIORITIES = ['emergency', 'urgent', 'standard', 'programmed'] as const;
export type RepairPriority = (typeof REPAIR_PRIORITIES)[number];

/** A likely hazard, recognised by the policy's words: an officer confirms it or rules it out with a reason. */
export interface HazardFlag {
  kind: HazardKind;
  /** The policy's sign ("gas", "damp or mould") and the words that matched. */
  sign: string;
  words: string;
  status: 'suspected' | 'confirmed' | 'ruled-out';
  /** What the case is without the hazard: where a rule-out returns it. */
  otherwise: { category: CaseCategory; priority?: RepairPriority; kind: CaseKind; reason: string };
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

/** A second clock the same message starts (a complaint that also reports a repair or hazard). */
export interface AlsoRuns {
  category: CaseCategory;
  priority?: RepairPriority;
  kind: CaseKind;
  reason: string;
  hazard?: Omit<HazardFlag, 'otherwise' | 'status'>;
}

/** What the product decided a contact is, and why: an officer can see and override it. */
export interface Classification {
  category: CaseCategory;
  priority?: RepairPriority;
  kind: CaseKind;
  reason: string;
  /** 'system' for the automatic first pass, otherwise the officer who changed it. */
  decidedBy: string;
  /** A likely hazard (the case's kind is then the hazard's, its clock from receipt). */
  hazard?: HazardFlag;
  /**
   * Safety first: when a message reports an emergency or a hazard AND
   * complains (or complains AND asks for a repair), the case takes the safety
   * clock and `also` names the other one, which runs too (ingest opens it).
   */
  also?: AlsoRuns;
}

/** A hazard investigation's conclusion (the `investigation-concluded` command). */
export interface Investigation {
  concludedAt: string;
  findings: string;
  /** Safety work or the repair. */
  worksNeeded: boolean;
  /** Supplementary (preventative) work. */
  furtherWorksNeeded: boolean;
  by: string;
}

/** One recorded milestone: when it happened (as the officer gives it), who recorded it, a note. */
export interface MilestoneRecord {
  at: string;
  by: string;
  note?: string;
}

/** The contact whose clock runs now: round 1 is the first message; a follow-up after our reply starts the next. */
export interface CaseRound {
  n: number;
  /** The rule the round's targets are counted by. */
  kind: CaseKind;
  /** The instant its clock counts from. */
  startedAt: string;
  because: 'follow-up' | 'escalation';
}

/**
 * One answer owed to the resident, as it stood when the case moved on: the
 * first contact, a follow-up round, or a complaint stage. Times are UTC
 * instants; `respondBy` is the target that applied (a local date, or an
 * instant for an hours target).
 */
export interface AnswerRecord {
  /** The rule the answer was counted by (`complaint-stage-1`, `email`, `repair-urgent`…). */
  kind: CaseKind;
  /** What began it: the first contact, a follow-up after our reply, or an escalation. */
  because: 'first' | CaseRound['because'];
  /** When its clock counts from (the stage's or round's receipt). */
  receivedAt: string;
  targets: Targets;
  /** The response target that applied (agreed date, valid extension or the policy's, recounted from the acknowledgement). */
  respondBy: string;
  ownerId?: string;
  acknowledgedAt?: string;
  respondedAt?: string;
  responseOutcome?: 'met' | 'missed';
  responseMethod?: ResponseMethod;
  agreedReplyDate?: LocalDate;
  extension?: Case['extension'];
  complaintSummary?: Case['complaintSummary'];
  /** When the next stage or round replaced it. */
  endedAt: string;
}

/** How a response was made when it was not a written reply. */
export type ResponseMethod = 'reply' | 'call-back' | 'visit' | 'works-completed' | 'investigation' | 'made-safe';

export interface Case {
  ref: string;
  policyId: string;
  /** The channel of the first contact. */
  channel: Channel;
  kind: CaseKind;
  classification: Classification;
  status: CaseStatus;
  /** The one officer responsible for collating the answer. */
  ownerId?: string;
  /** The department (team) the case belongs to. */
  teamId: string;
  contactId: string;
  subject: string;
  receivedAt: string;
  targets: Targets;
  /** Only the owner and managers may see a restricted case. */
  restricted: boolean;
  lastMessageAt: string;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** When the acknowledgement went out (it stops the acknowledgement target). */
  acknowledgedAt?: string;
  /** When the collated reply went out (it stops the response target). */
  respondedAt?: string;
  /** Whether the response target was met, recorded when the reply is sent. */
  responseOutcome?: 'met' | 'missed';
  /** What met (or missed) it: a written reply, a call back, a visit, the works, the investigation. */
  responseMethod?: ResponseMethod;
  /** When the agreed reply date was agreed (an earlier round's date does not carry over). */
  agreedReplyAt?: string;
  /** A reply date agreed with the resident; it replaces the response target. */
  agreedReplyDate?: LocalDate;
  /**
   * A new reply date the resident was told after the target had passed (with a department
   * request due after it): what they now expect. It does not move the missed target.
   */
  promisedReplyDate?: LocalDate;
  promisedReplyAt?: string;
  /** Why the answer is late, in words the resident will be sent. */
  delayReason?: string;
  /** A complaint extension within the regulator's limits. */
  extension?: { workingDays: number; reason: string; respondBy: LocalDate; grantedBy: string; at: string };
  /** Complaints: the stage 1 owner, who may not own stage 2 (policy `complaints.independentStageTwo`). */
  stageOneOwnerId?: string;
  /**
   * Cases this one is linked to: a reference (or reply) to another resident's case from
   * someone who is not its contact opens a case of its own, linked both ways for staff.
   */
  linked?: CaseLink[];
  /** Details an unauthenticated channel gave for the contact, waiting for an officer to confirm. */
  pendingDetails?: PendingContactDetails;
  /** Complaints: the complaint as the landlord understands it, confirmed by an officer. */
  complaintSummary?: { text: string; by: string; at: string };
  /** Hazards: the investigation's conclusion, and each milestone since. */
  investigation?: Investigation;
  milestones?: Partial<Record<MilestoneEvent, MilestoneRecord>>;
  /** The current round, once a follow-up after our reply has started one (absent: round 1). */
  round?: CaseRound;
  /**
   * Complaints: when the current stage's clock started — stage 2, when the resident
   * asked to escalate (absent: at `receivedAt`, or on records from before it was kept).
   */
  stageStartedAt?: string;
  /**
   * Every earlier answer on this case, oldest first: a round a follow-up closed, a
   * complaint stage an escalation closed. Kept whole (received, acknowledged, target,
   * response, outcome) so reports count each answer once and escalation never erases
   * stage 1 (`answers.ts`).
   */
  previousAnswers?: AnswerRecord[];
  /**
   * A letter OCR read poorly, or with no way to reply (ingest copies the
   * message's `scan.needsReading`): the case is in the "letters to read"
   * queue and its acknowledgement waits until an officer has read it.
   */
  needsReading?: LetterNeedsReading;
  /** The letter as an officer read it (`letter-read`): the text beside the scan, who read it and when. */
  letterReading?: LetterReading;
  /** Data protection: a legal hold stops erasure and retention; disclosures made; the erasure, once done. */
  legalHold?: LegalHold;
  disclosures?: Disclosure[];
  erased?: Erasure;
  /** Merged into another case (`merge`): this reference threads to that one forever. */
  mergedInto?: string;
  /** A merge into this case still moving the other case's history (`merge.ts`): finished by running merge again. */
  merging?: { from: string; by: string; at: string };
  /** How the case was closed when not with an answer: merged away, or a duplicate of another case. */
  closedAs?: 'merged' | 'duplicate';
  /** Closed as a duplicate of this case (no reply recorded, not counted as answered). */
  duplicateOf?: string;
  /** New activity the owner has not seen yet (queue-row markers), cleared when the owner opens the case. */
  activity?: CaseActivity;
}

export interface LetterReading {
  /** The message whose scan was read. */
  messageId: string;
  text: string;
  readBy: string;
  readAt: string;
  /** What OCR had made of it, and why it needed reading: kept for the record. */
  ocrConfidence?: number;
  reasons: string[];
}

/** The contact details a resident may change only through an officer: what ingest compares and holds. */
export const CONFIRMABLE_DETAILS = [
  'name',
  'email',
  'phone',
  'address',
  'tenancyRef',
  'preferredChannel',
  'communicationNeeds',
] as const;
export type ConfirmableDetail = (typeof CONFIRMABLE_DETAILS)[number];

/**
 * New or different contact details from a web form, a text or an email, held on
 * the case until an officer confirms them: a stranger naming a resident's email
 * or phone must not rewrite that resident's record.
 */
export interface PendingContactDetails {
  details: Partial<Pick<Contact, ConfirmableDetail>>;
  /** Details that cannot be taken as given, and why (an email or number that is another contact's). */
  conflicts?: Partial<Record<ConfirmableDetail, string>>;
  channel: Channel;
  messageId: string;
  at: string;
}

export type MessageDirection = 'inbound' | 'outbound';

/** One contact on a case, inbound or outbound, as the officer reads it. */
export interface CaseMessage {
  id: string;
  caseRef: string;
  direction: MessageDirection;
  channel: Channel;
  receivedAt: string;
  from: InboundMessage['from'];
  /** Email: the Reply-To mailbox, when there was one (a relay's resident). */
  replyTo?: InboundMessage['replyTo'];
  to: string[];
  subject?: string;
  text: string;
  html?: string;
  safeHtml?: string;
  attachments: {
    filename: string;
    contentType: string;
    size: number;
    blobKey: string;
    inline: boolean;
    contentId?: string;
  }[];
  /** The payload exactly as delivered. */
  rawKey?: string;
  /**
   * A long body kept in the blob store (`message-bodies.ts`): `text` is then its first lines and
   * `html`/`safeHtml` are absent; `withMessageBodies` reads it back.
   */
  bodyKey?: string;
  threading: InboundMessage['threading'];
  automated?: InboundMessage['automated'];
  logged?: InboundMessage['logged'];
  scan?: InboundMessage['scan'];
  /** Outbound only: why it was sent, who sent it, and the provider's id for it. */
  purpose?: NoticePurpose;
  sentBy?: string;
  providerMessageId?: string;
}

/** Why something was sent to a resident (CONTRACTS.md outbox `purpose`). */
export const NOTICE_PURPOSES = ['acknowledgement', 'reply', 'delay-update', 'extension', 'other'] as const;
export type NoticePurpose = (typeof NOTICE_PURPOSES)[number];

export const TIMELINE_TYPES = [
  'case-opened',
  'message-received',
  'automated-message-received',
  'classified',
  'assigned',
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number] | (string & {});

/** An append-only record of something that happened on a case. */
export interface TimelineEntry {
  id: string;
  caseRef: string;
  at: string;
  type: TimelineType;
  /** Officer id, or 'system', or 'resident'. */
  actor: string;
  summary: string;
  data?: Record<string, unknown>;
}

/** A page of a listing, newest first; `next` is an opaque cursor, or null at the end. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface PageOptions {
  limit?: number;
  cursor?: string;
}

/** An append-only record of something that happened to a contact outside any case (an SMS opt-out). */
export interface ContactTimelineEntry {
  id: string;
  contactId: string;
  at: string;
  type: string;
  actor: string;
  summary: string;
  data?: Record<string, unknown>;
}

export interface CaseWithHistory {
  case: Case;
  contact?: Contact;
  messages: CaseMessage[];
  timeline: TimelineEntry[];
  requests: DepartmentRequest[];
  /**
   * Officers' emails a function that may not send left for the timers (a new case's
   * "assigned to you" written by cloud ingest): the timers' act step sends each once.
   */
  officerEmailsDue?: OfficerNotification[];
}

/**
 * The case reference residents quote: prefix, year, sequence zero-padded to six
 * digits, growing to seven after the year's 999,999th case, so a million and
 * more cases a year fit (up to 9,999,999) and the references already printed
 * on letters keep their form.
 */
export function formatCaseRef(prefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9_999_999) {
    throw new RangeError(`case sequence ${sequence} is outside 1–9,999,999 for ${prefix}-${year}`);
  }
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

const CASE_REF = /\b([A-Z]{2,4})-(\d{4})-(\d{6,7})\b/g;

/** Case references quoted in free text (a subject line, a letter), in order of appearance. */
export function findCaseRefs(text: string, prefix: string): string[] {
  const refs: string[] = [];
  for (const m of text.toUpperCase().matchAll(CASE_REF)) {
    if (m[1] === prefix) refs.push(m[0]);
  }
  return refs;
}
