/**
 * The whole resident and the officer's own inbox (issue 14): the contact page
 * (`GET /api/contacts/{id}`) and the notifications (`GET /api/notifications`,
 * `POST /api/notifications/read`).
 */
import * as z from 'zod';
import { NOTIFICATION_KINDS } from '../notifications.js';
import { OfficerParams } from './routes.js';
import { instant } from './shapes.js';
import { CaseListItemView, ContactView, MessageView } from './views.js';

/** `/api/contacts/{id}`: the same path segment rule as every other id. */
export const ResidentParams = OfficerParams;

/** One thing that happened to the contact outside any case (an SMS opt-out or opt-in). */
export const ContactEventView = z.object({
  id: z.string(),
  at: instant,
  type: z.string(),
  actor: z.string(),
  summary: z.string(),
});

/**
 * Everything the caller may see about one resident: the contact with its flags and preferences,
 * every case they may open (others are left out, as `GET /api/cases/{ref}` would answer 404), and
 * every message and notice of those cases across channels, newest first.
 */
export const ResidentView = z
  .object({
    contact: ContactView,
    flags: z.object({
      unacceptableBehaviour: z
        .object({ reason: z.string(), setBy: z.string(), setAt: instant })
        .nullable()
        .meta({ description: 'Flagged under the unacceptable behaviour policy (visible to every officer)' }),
      communicationNeeds: z.string().nullable(),
      largePrint: z.boolean(),
      channelsToAvoid: z.array(z.string()).meta({ description: 'Channels the resident opted out of' }),
    }),
    preferredChannel: z.string().nullable(),
    cases: z.array(CaseListItemView),
    /** Messages in and out (notices included: `purpose`) of the cases listed, newest first. */
    messages: z.array(MessageView),
    events: z.array(ContactEventView),
    hiddenCases: z
      .number()
      .int()
      .meta({ description: 'How many of the resident’s cases the caller may not open (left out)' }),
  })
  .meta({ id: 'Resident' });
export type ResidentView = z.infer<typeof ResidentView>;

export const NotificationView = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    caseRef: z.string(),
    summary: z.string(),
    at: instant,
    readAt: instant.nullable(),
    /** Sent to the caller as cover for this officer (who is away). */
    coverFor: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListView = z
  .object({
    items: z.array(NotificationView),
    unread: z.number().int().meta({ description: 'How many are unread (the console’s badge)' }),
  })
  .meta({ id: 'NotificationList' });
export type NotificationListView = z.infer<typeof NotificationListView>;

export const NotificationsReadInput = z
  .object({
    ids: z
      .array(z.string().max(80), { error: 'Choose the notifications to mark as read' })
      .max(200)
      .optional()
      .meta({ description: 'Those to mark as read; every unread one when left out' }),
  })
  .meta({ id: 'NotificationsReadInput' });
