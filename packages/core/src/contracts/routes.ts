/**
 * What the routes take besides a command's body: path segments, query
 * strings, the resident contact form and the officer's logged contact, and
 * the one error body every route answers with.
 */
import * as z from 'zod';
import { CASE_STATUSES, REPAIR_PRIORITIES } from '../cases.js';
import { CASE_KINDS, CHANNELS, HAZARD_KINDS, REPLY_CHANNELS } from '../model.js';
import { QUEUE_SORTS } from '../queue.js';
import { LOGGED_CONTACT_KINDS } from './commands.js';
import { optionalInstant, optionalText, requiredText } from './fields.js';

/** `{ error: { code, message, fields? } }`: 4xx and 5xx alike, never with internals. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ examples: ['invalid', 'forbidden', 'not-found', 'conflict', 'unauthorised'] }),
      message: z.string().meta({ description: 'One line, in plain words' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'What is wrong with each field, keyed by the field’s name' }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A path segment: an id or reference (anything else is no route, 404). */
const segment = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);

export const CaseRefParams = z.object({ ref: segment.meta({ examples: ['HT-2026-000123'] }) });
export const RequestParams = CaseRefParams.extend({ id: segment });
export const OfficerParams = z.object({ id: segment });
export const AttachmentParams = CaseRefParams.extend({
  messageId: segment,
  index: z
    .string()
    .regex(/^\d{1,3}$/)
    .meta({ description: 'The attachment’s position on the message, from 0' }),
});

const PAGE_SIZE = 'Give the page size as a whole number from 1 to 200';

/** How many a listing answers at once: 1 to 200. */
const pageSize = (fallback: number) =>
  z.coerce.number({ error: PAGE_SIZE }).int(PAGE_SIZE).min(1, PAGE_SIZE).max(200, PAGE_SIZE).default(fallback);

export const CASE_QUEUES = ['mine', 'team', 'all'] as const;

/** A queue's order and filters, applied by the store as it reads (so paging stays right). */
const QUEUE_FILTERS = {
  sort: z.enum(QUEUE_SORTS, { error: 'Sort by due date, received, last activity or priority' }).default('due').meta({
    description: '`due` nearest target first; `received` and `activity` newest first; `priority` most pressing first',
  }),
  kind: z.enum(CASE_KINDS, { error: 'Choose a kind of case from the list' }).optional().meta({
    description: 'What the case is worked as (`workKind`): `repair-urgent` finds urgent repairs whatever their clock',
  }),
  priority: z.enum(REPAIR_PRIORITIES, { error: 'Choose a repair priority from the list' }).optional(),
  hazard: z
    .enum(['any', ...HAZARD_KINDS], { error: 'Choose a hazard from the list' })
    .optional()
    .meta({ description: '`any`: a hazard suspected or confirmed' }),
  channel: z.enum(CHANNELS, { error: 'Choose a channel from the list' }).optional(),
  team: z.string().max(80).optional().meta({ description: 'A team’s queue (its department id)' }),
  owner: z.string().max(80).optional().meta({ description: 'One officer’s cases (their id)' }),
};

export const CaseListQuery = z.object({
  queue: z
    .enum(CASE_QUEUES, { error: 'Choose the queue: mine, team or all' })
    .default('mine')
    .meta({ description: '`all` is for managers; `mine` includes the cases of direct reports away today' }),
  status: z
    .enum(['open', ...CASE_STATUSES] as const, { error: 'Choose open or closed cases, or one status' })
    .default('open')
    .meta({ description: '`open`: every open case; `closed`; or one status of an open case' }),
  ...QUEUE_FILTERS,
  limit: pageSize(50),
  next: z.string().optional().meta({ description: 'The cursor from the previous page' }),
  cursor: z.string().optional().meta({ description: 'Older name of `next`', deprecated: true }),
});

export const RequestListQuery = z.object({
  team: z.string().optional().meta({ description: 'Managers: another team’s requests (others see their own team’s)' }),
  status: z.string().optional().meta({ description: '`done` for answered and closed requests; open otherwise' }),
});

export const MonthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the month as YYYY-MM, for example 2026-12')
    .optional()
    .meta({ description: 'The landlord’s local month of receipt; the current month when left out' }),
});

/** A listing read a page at a time, newest first: the page size and the cursor the previous page gave. */
export const PageQuery = z.object({
  limit: pageSize(100),
  next: z.string().optional().meta({ description: 'The cursor from the previous page' }),
});

export const QuarantineQuery = PageQuery;
export const AutomatedQuery = PageQuery;

/** `POST /contact`: the resident web form, form-encoded or JSON (checked, in a resident's words, by the form's parser). */
export const ContactForm = z
  .object({
    name: z.string().max(200),
    email: z.string().max(254).optional().meta({ format: 'email' }),
    phone: z.string().max(30).optional().meta({ description: 'A UK number, in any common format' }),
    address: z.string().max(500).optional(),
    tenancyRef: z.string().max(50).optional(),
    category: z.string().max(100).optional().meta({ description: 'One of the landlord’s categories (its `id`)' }),
    message: z.string().max(10_000),
    preferredChannel: z.enum(REPLY_CHANNELS).optional(),
    communicationNeeds: z
      .string()
      .max(1_000)
      .optional()
      .meta({ description: 'For example large print, an interpreter, British Sign Language' }),
  })
  .meta({ id: 'ContactForm', description: 'At least one of `email` or `phone` is required.' });

export const ContactAccepted = z
  .object({
    ref: z.string().meta({ examples: ['HT-2026-000123'] }),
    respondBy: z.string().optional().meta({ description: 'When the resident will have an answer' }),
  })
  .meta({ id: 'ContactAccepted' });

/** A submission kept but not filed automatically (it is in the quarantine for an officer): no reference yet. */
export const ContactHeld = z.object({ held: z.literal(true), message: z.string() }).meta({ id: 'ContactHeld' });

export const ConfirmationQuery = z.object({
  ref: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{6,7}$/, 'That is not a case reference'),
  by: z.string().optional().meta({ description: 'The answer date shown to the resident' }),
});

/** `POST /api/contacts/log`: a phone message, voicemail or visit that opens a case (or joins the open one). */
export const LogNewContactInput = z
  .object({
    kind: z.enum(LOGGED_CONTACT_KINDS, { error: 'Choose phone message, voicemail or visit' }),
    summary: requiredText('Write down what the resident said', 10_000),
    /** When the call came in or the voicemail was left (its clock starts then, not when it was logged); now when left out. */
    calledAt: optionalInstant(),
    name: optionalText(200),
    email: optionalText(254),
    phone: optionalText(30),
    address: optionalText(500),
    preferredChannel: z.enum(REPLY_CHANNELS, { error: 'Choose email, text message, letter or phone' }).optional(),
    communicationNeeds: optionalText(1_000),
  })
  .meta({ id: 'LogNewContactInput' });
export type LogNewContactInput = z.output<typeof LogNewContactInput>;

export const HealthView = z.object({ status: z.enum(['ok', 'starting']) }).meta({ id: 'Health' });
