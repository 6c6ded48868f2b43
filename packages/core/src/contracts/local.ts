/**
 * The local stack's own routes (`/local/*`, never in the cloud): what they
 * take and answer. CONTRACTS.md fixes the SMS, letters, outbox and clock ones.
 */
import * as z from 'zod';
import { NOTICE_PURPOSES } from '../cases.js';
import { ErrorBody } from './routes.js';
import { OfficerView } from './views.js';

/** The two-way SMS JSON AWS End User Messaging publishes (checked by the SMS parser: a malformed one is quarantined). */
export const InboundSmsBody = z
  .object({
    originationNumber: z.string().meta({ examples: ['+447700900123'] }),
    destinationNumber: z.string(),
    messageBody: z.string(),
    inboundMessageId: z.string(),
    messageKeyword: z.string().optional(),
    previousPublishedMessageId: z.string().optional(),
  })
  .meta({ id: 'InboundSms' });

export const LetterUpload = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'The scan: PDF, PNG or JPEG' }),
    arrivedOn: z.string().optional().meta({
      format: 'date',
      description:
        'The local date (YYYY-MM-DD) the letter arrived in the post, no later than today: its clock starts that morning where the policy counts from arrival, not at the scan',
    }),
  })
  .meta({ id: 'LetterUpload' });

/** What became of a delivery. */
export const DeliveryOutcomeView = z
  .object({
    outcome: z.enum(['created', 'threaded', 'duplicate', 'automated', 'opted-out', 'opted-in']).meta({
      description: '`opted-out` / `opted-in`: a text that was only STOP or START, recorded on the contact; no case',
    }),
    caseRef: z.string().optional(),
    alsoCaseRefs: z.array(z.string()).optional().meta({
      description:
        'The cases the same message opened beside `caseRef`: a complaint that also reports a repair or hazard runs both clocks',
    }),
    contactId: z.string().optional(),
    messageId: z.string().optional(),
    via: z.enum(['reference', 'email-thread', 'sms-window']).optional(),
    kind: z.enum(['auto-reply', 'bounce']).optional(),
  })
  .meta({ id: 'DeliveryOutcome' });

/** A delivery that could not be read: refused, and kept in quarantine with the reason. */
export const QuarantinedView = ErrorBody.extend({
  outcome: z.literal('quarantined'),
  quarantineId: z.string(),
  reason: z.string(),
}).meta({ id: 'Quarantined' });

export const OutboxItemView = z
  .object({
    id: z.string(),
    channel: z.enum(['email', 'sms', 'letter']),
    to: z.string().meta({ description: 'Email address, E.164 number or postal address' }),
    subject: z.string(),
    body: z.string(),
    caseRef: z.string(),
    purpose: z.enum(NOTICE_PURPOSES),
    sentAt: z.string().meta({ format: 'date-time' }),
    providerMessageId: z.string(),
    messageId: z.string().optional(),
    inReplyTo: z.string().optional(),
    references: z.array(z.string()).optional(),
    recipientName: z.string().optional(),
    largePrint: z.boolean().optional(),
    pdfPath: z.string().optional(),
    blobKey: z.string().optional(),
  })
  .meta({ id: 'OutboxItem' });

export const OutboxView = z.object({ items: z.array(OutboxItemView) }).meta({ id: 'Outbox' });

export const ClockView = z.object({ now: z.string().meta({ format: 'date-time' }) }).meta({ id: 'Clock' });

/** Move the stack's clock: forward by an ISO-8601 duration, or to an instant (never back). */
export const ClockMove = z
  .union(
    [
      z.object({ advance: z.string().meta({ examples: ['P3D', 'PT4H'] }) }),
      z.object({ set: z.string().meta({ format: 'date-time' }) }),
    ],
    { error: 'Send {"advance":"P3D"} or {"set":"<ISO-8601 instant>"}' },
  )
  .meta({ id: 'ClockMove' });

export const SignInInput = z
  .object({ officerId: z.string({ error: 'Choose an officer' }).min(1, 'Choose an officer') })
  .meta({ id: 'SignInInput' });

export const SignInView = z.object({ token: z.string(), officer: OfficerView }).meta({ id: 'SignIn' });
