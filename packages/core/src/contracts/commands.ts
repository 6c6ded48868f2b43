/**
 * One schema per officer command: the command's typed input, the API's
 * request body and the OpenAPI document all come from here
 * (packages/api/COMMANDS.md lists who may run each one).
 */
import * as z from 'zod';
import { CONFIRMABLE_DETAILS, REPAIR_PRIORITIES } from '../cases.js';
import { CASE_CATEGORIES, HAZARD_KINDS, REPLY_CHANNELS } from '../model.js';
import { chosenId, localDate, optionalInstant, optionalText, reason, requiredText, yesNo } from './fields.js';
import { DisclosureInput, LegalHoldInput } from './privacy.js';
import { CloseInput, LinkInput, MergeInput } from './together.js';

export const TakeInput = z.object({}).meta({ id: 'TakeInput' });

export const ReassignInput = z
  .object({ ownerId: chosenId('Choose the officer who will own the case'), reason })
  .meta({ id: 'ReassignInput' });

export const DepartmentRequestInput = z
  .object({
    department: chosenId('Choose a department'),
    question: requiredText('Write the question for the department', 5000),
    dueBy: localDate('Choose the date the department should answer by'),
    /**
     * Only when the case is already past its target and `dueBy` is after it: the new
     * date the resident has been told to expect the reply by (on or after `dueBy`).
     */
    newReplyDate: localDate('Choose the new reply date you told the resident')
      .optional()
      .meta({ description: 'Overdue cases only: the reply date the resident was told (YYYY-MM-DD)' }),
  })
  .meta({ id: 'DepartmentRequestInput' });

export const AnswerRequestInput = z
  .object({ answer: requiredText('Write your department’s answer', 10_000) })
  .meta({ id: 'AnswerRequestInput' });

export const MoreTimeInput = z
  .object({ until: localDate('Choose the date you can answer by'), reason })
  .meta({ id: 'MoreTimeInput' });

export const CloseRequestInput = z.object({ reason }).meta({ id: 'CloseRequestInput' });

export const ReplyInput = z
  .object({
    body: requiredText('Write the reply', 20_000),
    subject: optionalText(300),
  })
  .meta({ id: 'ReplyInput' });

export const ReclassifyInput = z
  .object({
    category: z.enum(CASE_CATEGORIES, { error: 'Choose service request, complaint or repair' }),
    priority: z.enum(REPAIR_PRIORITIES, { error: 'Choose emergency, urgent, standard or programmed' }).optional(),
    reason,
    /** A complaint's stage: 2 sends a complex complaint straight to stage 2 where the policy allows it (SPSO). */
    stage: z.union([z.literal(1), z.literal(2)], { error: 'Choose stage 1 or 2' }).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.category === 'repair' && !input.priority) {
      ctx.addIssue({ code: 'custom', path: ['priority'], message: 'A repair needs a priority' });
    }
  })
  .meta({ id: 'ReclassifyInput' });

export const EscalateInput = z
  .object({
    reason: requiredText('Give a reason', 2000),
    /** The stage 2 owner; chosen by the routing rules when left out. */
    ownerId: optionalText(80),
    /** When the resident asked for stage 2 (its clock starts then); now when left out. */
    requestedAt: optionalInstant(),
  })
  .meta({ id: 'EscalateInput' });

export const AgreedDateInput = z
  .object({
    date: localDate('Choose the date agreed with the resident'),
    note: optionalText(1000),
  })
  .meta({ id: 'AgreedDateInput' });

export const DelayInput = z
  .object({
    reason: requiredText('Say why the answer is late, in words the resident will read', 1000),
    /** Complaints only, within the policy's limit (checked by the command). */
    extensionWorkingDays: z
      .number({ error: 'Enter the extension as a whole number of working days' })
      .int('Enter the extension as a whole number of working days')
      .min(1, 'An extension is at least 1 working day')
      .optional(),
  })
  .meta({ id: 'DelayInput' });

export const NoteInput = z.object({ text: requiredText('Write the note', 10_000) }).meta({ id: 'NoteInput' });

/** What an officer can log by hand: every contact with a resident is recorded. */
export const LOGGED_CONTACT_KINDS = ['phone-message', 'voicemail', 'visit'] as const;
export type LoggedContactKind = (typeof LOGGED_CONTACT_KINDS)[number];

export const LogContactInput = z
  .object({
    kind: z.enum(LOGGED_CONTACT_KINDS, { error: 'Choose phone message, voicemail or visit' }),
    summary: requiredText('Write down what the resident said', 10_000),
    /** When the call came in (a voicemail's clock starts then, not when it was logged); now when left out. */
    calledAt: optionalInstant(),
  })
  .meta({ id: 'LogContactInput' });

/** How a response was made in person: it meets (or misses) the target like a written reply. */
export const RESPONSE_METHODS_IN_PERSON = ['call-back', 'visit'] as const;

export const RespondedInput = z
  .object({
    how: z.enum(RESPONSE_METHODS_IN_PERSON, { error: 'Choose call back or visit' }),
    summary: requiredText('Write down what was said or done', 10_000),
    at: optionalInstant(),
  })
  .meta({ id: 'RespondedInput' });

const hazardKind = z.enum(HAZARD_KINDS, { error: 'Choose hazard-emergency or hazard-damp-mould' });

/** An officer confirms a likely hazard (or flags one the words missed); its clock runs from receipt. */
export const HazardConfirmInput = z.object({ kind: hazardKind.optional(), reason }).meta({ id: 'HazardConfirmInput' });

export const HazardRuleOutInput = z.object({ reason }).meta({ id: 'HazardRuleOutInput' });

export const InvestigationInput = z
  .object({
    findings: requiredText('Write down what the investigation found', 10_000),
    worksNeeded: yesNo('Say whether safety work or a repair is needed'),
    furtherWorksNeeded: z.boolean({ error: 'Say yes or no' }).optional(),
    at: optionalInstant(),
  })
  .meta({ id: 'InvestigationInput' });

/** A milestone done (summary sent, works started or completed): when, and a note. */
export const MilestoneInput = z
  .object({ at: optionalInstant(), note: optionalText(2000) })
  .meta({ id: 'MilestoneInput' });

export const WorksStartedInput = z
  .object({
    at: optionalInstant(),
    /** Supplementary (preventative) work rather than the safety work or repair. */
    further: z.boolean({ error: 'Say yes or no' }).optional(),
    note: optionalText(2000),
  })
  .meta({ id: 'WorksStartedInput' });

/** CONTRACTS.md `POST /api/cases/{ref}/repair-completed`: the repair or the hazard works are done. */
export const RepairCompletedInput = z
  .object({ at: optionalInstant(), note: optionalText(2000) })
  .meta({ id: 'RepairCompletedInput' });

export const AlternativeAccommodationInput = z
  .object({ note: requiredText('Say what was offered', 2000), at: optionalInstant() })
  .meta({ id: 'AlternativeAccommodationInput' });

/** The complaint as the landlord understands it, confirmed by an officer: the resident is sent it. */
export const ComplaintSummaryInput = z
  .object({ summary: requiredText('Write the complaint as you understand it', 5000) })
  .meta({ id: 'ComplaintSummaryInput' });

export const FlagInput = z.object({ reason }).meta({ id: 'FlagInput' });
export const UnflagInput = z.object({ reason }).meta({ id: 'UnflagInput' });

const replyChannel = z.enum(REPLY_CHANNELS, { error: 'Choose email, text message, letter or phone' });

export const ContactUpdateInput = z
  .object({
    preferredChannel: replyChannel.optional(),
    /** Empty clears them. */
    communicationNeeds: z.string().trim().max(1000, 'Keep it to 1000 characters or fewer').optional(),
    largePrint: z.boolean({ error: 'Say yes or no to large print' }).optional(),
    channelsToAvoid: z.array(replyChannel).max(REPLY_CHANNELS.length).optional(),
    /** Empty clears it. */
    address: z.string().trim().max(500, 'Keep the address to 500 characters or fewer').optional(),
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), {
    path: ['contact'],
    message: 'Change at least one of the contact’s details',
  })
  .meta({ id: 'ContactUpdateInput' });

/**
 * The contact details a web form, text or email gave that wait on the case
 * (`pendingDetails`): confirm them onto the contact, all or only `fields`, or
 * `discard` them. A stranger naming a resident's email or phone changes nothing
 * until an officer does this.
 */
export const ConfirmDetailsInput = z
  .object({
    fields: z
      .array(z.enum(CONFIRMABLE_DETAILS, { error: 'Choose details that are waiting to be confirmed' }))
      .max(CONFIRMABLE_DETAILS.length)
      .optional(),
    discard: z.boolean({ error: 'Say yes or no to discarding the details' }).optional(),
  })
  .meta({ id: 'ConfirmDetailsInput' });

/**
 * An officer's reading of a letter OCR could not read: the text as the
 * officer reads it on the scan, a subject, and the sender's details. At least
 * one way to reply, so the acknowledgement can go.
 */
export const LetterReadInput = z
  .object({
    text: requiredText('Type the letter’s text as you read it on the scan', 20_000),
    subject: requiredText('Give the letter a subject', 200),
    name: optionalText(200),
    address: optionalText(500),
    email: z
      .string()
      .trim()
      .max(254, 'Keep the email address to 254 characters or fewer')
      .refine((v) => v === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), 'Enter an email address like name@example.com')
      .optional(),
    phone: optionalText(30),
    tenancyRef: optionalText(50),
    /** The day the letter arrived in the post (its clock starts then where the policy says so), when the scan was late. */
    arrivedOn: localDate('Enter the day the letter arrived as YYYY-MM-DD').optional(),
  })
  .refine((input) => Boolean(input.address || input.email || input.phone), {
    path: ['address'],
    message: 'Enter the sender’s postal address, email address or phone number, so they can be answered',
  })
  .meta({ id: 'LetterReadInput' });

export const RestrictInput = z
  .object({
    restricted: z.boolean({ error: 'Say whether the case is restricted' }),
    reason,
  })
  .meta({ id: 'RestrictInput' });

export const ReopenInput = z.object({ reason }).meta({ id: 'ReopenInput' });

/** An officer's absence (`{}` clears every absence). */
export const AbsenceInput = z
  .object({
    from: localDate('Choose the first day of the absence').optional(),
    to: localDate('Choose the last day of the absence').optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.from === undefined) !== (input.to === undefined)) {
      const missing = input.from === undefined ? 'from' : 'to';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'Give both the first and the last day' });
    } else if (input.from && input.to && input.to < input.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day cannot be before the first' });
    }
  })
  .meta({ id: 'AbsenceInput' });

export const DeactivateInput = z.object({ reason }).meta({ id: 'DeactivateInput' });

/** A manager links an officer's cloud sign-in (the Cognito user's `sub`) to their directory entry. */
export const LinkSignInInput = z
  .object({
    cognitoSub: z
      .string({ error: 'Give the sign-in id (the Cognito user’s sub)' })
      .trim()
      .regex(
        /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
        'Give the sign-in id (the Cognito user’s sub)',
      )
      .meta({ description: 'The Cognito user’s `sub`, as the refused sign-in or the user pool shows it' }),
    replace: z
      .boolean({ error: 'Say yes or no to replacing the linked sign-in' })
      .optional()
      .meta({ description: 'Replace a sign-in already linked (an account recreated); refused (409) without it' }),
  })
  .meta({ id: 'LinkSignInInput' });

/**
 * `POST /api/cases/{ref}/<name>`: every command on a case, by its route name.
 * Adding a command is one entry here, one decision in core and one line in the router.
 */
export const CASE_COMMAND_INPUTS = {
  take: TakeInput,
  reassign: ReassignInput,
  requests: DepartmentRequestInput,
  reply: ReplyInput,
  reclassify: ReclassifyInput,
  escalate: EscalateInput,
  'agreed-date': AgreedDateInput,
  delay: DelayInput,
  notes: NoteInput,
  log: LogContactInput,
  flag: FlagInput,
  unflag: UnflagInput,
  contact: ContactUpdateInput,
  'confirm-details': ConfirmDetailsInput,
  'letter-read': LetterReadInput,
  restrict: RestrictInput,
  close: CloseInput,
  reopen: ReopenInput,
  responded: RespondedInput,
  'hazard-confirm': HazardConfirmInput,
  'hazard-rule-out': HazardRuleOutInput,
  'investigation-concluded': InvestigationInput,
  'summary-sent': MilestoneInput,
  'works-started': WorksStartedInput,
  'repair-completed': RepairCompletedInput,
  'alternative-accommodation': AlternativeAccommodationInput,
  'complaint-summary': ComplaintSummaryInput,
  'legal-hold': LegalHoldInput,
  disclosure: DisclosureInput,
  // Issue 14: cases that belong together.
  merge: MergeInput,
  link: LinkInput,
} as const;

/** `POST /api/cases/{ref}/requests/{id}/<name>`: commands on one department request. */
export const REQUEST_COMMAND_INPUTS = {
  answer: AnswerRequestInput,
  'more-time': MoreTimeInput,
  close: CloseRequestInput,
} as const;

export type CaseCommandName = keyof typeof CASE_COMMAND_INPUTS;
export type RequestCommandName = keyof typeof REQUEST_COMMAND_INPUTS;
/** The parsed (typed, trimmed) input of a command. */
export type CommandInput<N extends CaseCommandName> = z.output<(typeof CASE_COMMAND_INPUTS)[N]>;
export type RequestCommandInput<N extends RequestCommandName> = z.output<(typeof REQUEST_COMMAND_INPUTS)[N]>;
