/**
 * What the officer API answers: one schema per response shape. The API's
 * mapping functions are typed by these (so a view cannot drift from its
 * schema), the OpenAPI document is generated from them and the console reads
 * its types from here.
 */
import * as z from 'zod';
import {
  ACTIVITY_KINDS,
  CASE_STATUSES,
  CONFIRMABLE_DETAILS,
  LINK_RELATIONS,
  NOTICE_PURPOSES,
  type OfficerRole,
  REPAIR_PRIORITIES,
  REQUEST_STATUSES,
} from '../cases.js';
import { CASE_CATEGORIES, CASE_KINDS, CHANNELS, HAZARD_KINDS, REPLY_CHANNELS } from '../model.js';
import { MILESTONE_EVENTS } from '../policy-duties.js';

export const OFFICER_ROLES = [
  'officer',
  'contributor',
  'manager',
  'reception',
] as const satisfies readonly OfficerRole[];

import { DisclosureView, ErasureRecordView, LegalHoldView } from './privacy.js';
import { automatedView, date, instant, nextCursor, orNull, target } from './shapes.js';

/** Who a case is about, as a queue shows it. */
export const ContactSummaryView = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    postcode: z.string().nullable(),
    preferredChannel: z.enum(REPLY_CHANNELS).nullable(),
    unacceptableBehaviour: z.boolean(),
  })
  .meta({ id: 'ContactSummary' });

/** Everything held about the contact, as the case page shows it. */
export const ContactView = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional().meta({ description: 'E.164' }),
    address: z.string().optional(),
    postcode: z.string().optional(),
    tenancyRef: z.string().optional(),
    preferredChannel: z.enum(REPLY_CHANNELS).optional(),
    communicationNeeds: z.string().optional(),
    largePrint: z.boolean().optional(),
    channelsToAvoid: z.array(z.enum(REPLY_CHANNELS)).optional(),
    unacceptableBehaviour: z.object({ setBy: z.string(), setAt: instant, reason: z.string() }).optional(),
    legalHold: LegalHoldView.optional(),
    erased: ErasureRecordView.optional(),
  })
  .meta({ id: 'Contact' });

export const CaseListItemView = z
  .object({
    ref: z.string().meta({ examples: ['HT-2026-000123'] }),
    channel: z.enum(CHANNELS),
    kind: z.enum(CASE_KINDS).meta({ description: 'The kind its target is counted by' }),
    workKind: z.enum(CASE_KINDS).meta({
      description: 'What the case is worked as: a standing hazard, a repair by priority (`repair-urgent`), else `kind`',
    }),
    priority: z.enum(REPAIR_PRIORITIES).nullable().meta({ description: 'A repair’s priority' }),
    hazardKind: z
      .enum(HAZARD_KINDS)
      .nullable()
      .meta({ description: 'A hazard suspected or confirmed (not ruled out)' }),
    status: z.enum(CASE_STATUSES),
    ownerId: z.string().nullable(),
    teamId: z.string(),
    contact: orNull(ContactSummaryView),
    subject: z.string(),
    receivedAt: instant,
    targets: z.object({ acknowledgeBy: date.nullable(), respondBy: target }),
    category: z.enum(CASE_CATEGORIES),
    restricted: z.boolean(),
    acknowledgedAt: instant.nullable(),
    respondedAt: instant.nullable(),
    effectiveRespondBy: target.meta({ description: 'The response target that applies now (agreed date, extension)' }),
    workingDaysLeft: z.number().int().nullable().meta({ description: 'Negative when overdue; null once answered' }),
    hoursLeft: z.number().int().optional().meta({ description: 'Hours targets (emergency repairs) only' }),
    overdue: z.boolean(),
    activity: z
      .array(z.enum(ACTIVITY_KINDS))
      .optional()
      .meta({ description: 'New activity its owner has not seen yet (shown to the owner only)' }),
  })
  .meta({ id: 'CaseListItem' });

export const CaseListView = z
  .object({
    items: z.array(CaseListItemView),
    next: nextCursor,
  })
  .meta({ id: 'CaseList' });

export const AttachmentView = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  blobKey: z.string(),
  inline: z.boolean(),
  contentId: z.string().optional(),
});

/** One contact on a case, inbound or outbound (never the HTML as received: only the sanitised copy). */
export const MessageView = z
  .object({
    id: z.string(),
    caseRef: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    channel: z.enum(CHANNELS),
    receivedAt: instant,
    from: z.object({
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      address: z.string().optional(),
    }),
    replyTo: z.object({ name: z.string().optional(), email: z.string() }).optional(),
    to: z.array(z.string()),
    subject: z.string().optional(),
    text: z.string(),
    safeHtml: z.string().optional(),
    attachments: z.array(AttachmentView),
    rawKey: z.string().optional(),
    threading: z.object({
      messageId: z.string().optional(),
      inReplyTo: z.array(z.string()),
      references: z.array(z.string()),
    }),
    automated: automatedView.optional(),
    logged: z.object({ kind: z.enum(['phone-message', 'voicemail', 'visit']), loggedBy: z.string() }).optional(),
    scan: z
      .object({
        method: z.enum(['pdf-text', 'ocr', 'textract']),
        confidence: z.number().optional(),
        engine: z.string().optional(),
        preparation: z.array(z.string()).optional(),
        needsReading: z.object({ reasons: z.array(z.string()) }).optional(),
      })
      .optional(),
    purpose: z.enum(NOTICE_PURPOSES).optional(),
    sentBy: z.string().optional(),
    providerMessageId: z.string().optional(),
  })
  .meta({ id: 'Message' });

export const TimelineEntryView = z
  .object({
    id: z.string(),
    caseRef: z.string(),
    at: instant,
    type: z.string(),
    actor: z.string().meta({ description: "An officer id, 'system' or 'resident'" }),
    summary: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'TimelineEntry' });

export const DepartmentRequestView = z
  .object({
    id: z.string(),
    caseRef: z.string(),
    department: z.string(),
    question: z.string(),
    dueBy: date,
    status: z.enum(REQUEST_STATUSES),
    askedBy: z.string(),
    askedAt: instant,
    answer: z.string().optional(),
    answeredBy: z.string().optional(),
    answeredAt: instant.optional(),
    moreTime: z.object({ until: date, reason: z.string(), askedBy: z.string(), at: instant }).optional(),
    closedReason: z.string().optional(),
    closedBy: z.string().optional(),
  })
  .meta({ id: 'DepartmentRequest' });

/** Another case this one is linked to (only those the caller may see are listed). */
export const CaseLinkView = z
  .object({
    ref: z.string(),
    relation: z.enum(LINK_RELATIONS).meta({
      description:
        '`mentions`: this case’s message quoted `ref`; `mentioned-by`: a message on `ref` quoted this case; `same-message`: one message opened both (its complaint and its repair or hazard each run their own clock); `related`: an officer linked them; `same-resident`: the resident has the other case open too (a possible duplicate); `merged-from`/`merged-into` and `duplicate-of`/`duplicated-by`: a merge or a close as duplicate',
    }),
    via: z.enum(['reference', 'email-thread', 'contact', 'officer', 'same-message']),
    at: instant,
    messageId: z.string().optional(),
    by: z.string().optional(),
  })
  .meta({ id: 'CaseLink' });

/** Contact details an unauthenticated channel gave, waiting for `confirm-details`. */
export const PendingDetailsView = z
  .object({
    details: z.object({
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      address: z.string().optional(),
      tenancyRef: z.string().optional(),
      preferredChannel: z.enum(REPLY_CHANNELS).optional(),
      communicationNeeds: z.string().optional(),
    }),
    conflicts: z.partialRecord(z.enum(CONFIRMABLE_DETAILS), z.string()).optional(),
    channel: z.enum(CHANNELS),
    messageId: z.string(),
    at: instant,
  })
  .meta({ id: 'PendingDetails' });

/** A case with its history: what every command answers with. */
export const CaseView = CaseListItemView.extend({
  classification: z.object({
    category: z.enum(CASE_CATEGORIES),
    priority: z.enum(REPAIR_PRIORITIES).optional(),
    kind: z.enum(CASE_KINDS),
    reason: z.string(),
    decidedBy: z.string(),
  }),
  targets: z.object({ clockStarts: target, acknowledgeBy: date.nullable(), respondBy: target }),
  agreedReplyDate: date.nullable(),
  /** The date the resident was last told to expect their answer by, and how (null before anything was said). */
  lastPromised: z
    .object({ date: target, source: z.enum(['target', 'agreed-date', 'extension', 'told-with-request']), at: instant })
    .nullable(),
  delayReason: z.string().nullable(),
  extension: z
    .object({ workingDays: z.number().int(), reason: z.string(), respondBy: date, grantedBy: z.string(), at: instant })
    .nullable(),
  stageOneOwnerId: z.string().nullable(),
  /** Earlier answers kept whole: complaint stages an escalation closed, rounds a follow-up closed (oldest first). */
  previousAnswers: z.array(
    z.object({
      kind: z.enum(CASE_KINDS),
      because: z.enum(['first', 'follow-up', 'escalation']),
      receivedAt: instant,
      respondBy: target,
      acknowledgedAt: instant.nullable(),
      respondedAt: instant.nullable(),
      responseOutcome: z.enum(['met', 'missed']).nullable(),
      endedAt: instant,
    }),
  ),
  closedAt: instant.nullable(),
  responseOutcome: z.enum(['met', 'missed']).nullable(),
  /** A likely or confirmed hazard (null when the message flagged none). */
  hazard: z
    .object({
      kind: z.enum(HAZARD_KINDS),
      sign: z.string(),
      words: z.string(),
      status: z.enum(['suspected', 'confirmed', 'ruled-out']),
      decidedBy: z.string().nullable(),
      decidedAt: instant.nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
  /** The hazard investigation's conclusion, once recorded. */
  investigation: z
    .object({
      concludedAt: instant,
      findings: z.string(),
      worksNeeded: z.boolean(),
      furtherWorksNeeded: z.boolean(),
      by: z.string(),
    })
    .nullable(),
  /** The statutory milestones the investigation's findings call for, each with its due date and whether it is done. */
  milestones: z.array(
    z.object({
      id: z.string(),
      promise: z.string(),
      due: date,
      metBy: z.enum(MILESTONE_EVENTS),
      bestEffort: z.boolean(),
      basis: z.string(),
      doneAt: instant.nullable(),
      note: z.string().nullable(),
    }),
  ),
  needsReading: z
    .object({ reasons: z.array(z.string()) })
    .nullable()
    .meta({ description: 'A letter waiting for an officer to read it; its acknowledgement waits too' }),
  letterReading: z
    .object({
      messageId: z.string(),
      text: z.string(),
      readBy: z.string(),
      readAt: instant,
      ocrConfidence: z.number().optional(),
      reasons: z.array(z.string()),
    })
    .nullable()
    .meta({ description: 'The letter as an officer read it from the scan' }),
  contact: orNull(ContactView),
  legalHold: orNull(LegalHoldView).meta({ description: 'While held, neither erasure nor retention touches the case' }),
  disclosures: z.array(DisclosureView).meta({ description: 'Information passed to outside bodies, and on what basis' }),
  erased: orNull(ErasureRecordView),
  linked: z.array(CaseLinkView),
  mergedInto: z.string().nullable().meta({ description: 'Merged into this case: its reference threads there' }),
  merging: z
    .object({ from: z.string(), by: z.string(), at: instant })
    .nullable()
    .meta({ description: 'A merge into this case that has not finished moving (run merge again to finish it)' }),
  closedAs: z.enum(['merged', 'duplicate']).nullable(),
  pendingDetails: orNull(PendingDetailsView),
  messages: z.array(MessageView),
  timeline: z.array(TimelineEntryView),
  requests: z.array(DepartmentRequestView),
}).meta({ id: 'Case' });

/** An officer as the console sees them: never their tokens or anything private. */
export const OfficerView = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(OFFICER_ROLES),
    teamId: z.string(),
    lineManagerId: z.string().nullable(),
    active: z.boolean(),
    absences: z.array(z.object({ from: date, to: date, setBy: z.string() })),
    patches: z.array(z.string()),
  })
  .meta({ id: 'Officer' });

export const OfficerListView = z.object({ items: z.array(OfficerView) }).meta({ id: 'OfficerList' });

export const MeView = z
  .object({
    officer: orNull(OfficerView),
    role: z.enum(OFFICER_ROLES),
    teamId: z.string(),
    landlord: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'Me' });

export const DepartmentsView = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string() })),
    categories: z.array(
      z.object({ id: z.string(), label: z.string(), department: z.string(), treatAs: z.enum(CASE_CATEGORIES) }),
    ),
  })
  .meta({ id: 'Departments' });

export const RequestListView = z.object({ items: z.array(DepartmentRequestView) }).meta({ id: 'RequestList' });

export const DeactivatedView = z
  .object({ officer: OfficerView, moved: z.array(z.string()).meta({ description: 'The cases moved to reception' }) })
  .meta({ id: 'Deactivated' });

export const LoggedContactView = z
  .object({
    ref: z.string(),
    outcome: z.string().meta({ description: 'created, or threaded onto the contact’s open case' }),
  })
  .meta({ id: 'LoggedContact' });

export type ContactSummaryView = z.infer<typeof ContactSummaryView>;
export type CaseListItemView = z.infer<typeof CaseListItemView>;
export type CaseListView = z.infer<typeof CaseListView>;
export type CaseView = z.infer<typeof CaseView>;
export type OfficerView = z.infer<typeof OfficerView>;
export type MeView = z.infer<typeof MeView>;
export type DepartmentsView = z.infer<typeof DepartmentsView>;
