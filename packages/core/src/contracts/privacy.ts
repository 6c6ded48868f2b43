/**
 * Data protection's routes and commands: subject access export, erasure,
 * retention, legal holds and disclosures (UK GDPR Articles 15 and 17; both
 * policies' confidentiality rules).
 */
import * as z from 'zod';
import { reason, requiredText, yesNo } from './fields.js';
import { instant } from './shapes.js';

/** `/api/contacts/{id}/…`: a contact's id (the path-segment rule of every id; anything else is no route). */
export const ContactParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) });

export const EraseInput = z.object({ reason }).meta({ id: 'EraseInput' });

/** A legal hold on a case or a contact: while held, nothing is erased or aged out. */
export const LegalHoldInput = z
  .object({ hold: yesNo('Say whether to place (true) or lift (false) the hold'), reason })
  .meta({ id: 'LegalHoldInput' });

/** A decision to pass information to an outside body, by an officer the policy names for it. */
export const DisclosureInput = z
  .object({
    to: requiredText('Say which body the information went to', 300),
    what: requiredText('Say what was passed on', 2000),
    why: requiredText('Say why it was passed on', 2000),
    lawfulBasis: requiredText('Give the lawful basis (e.g. UK GDPR Art. 6(1)(c), DPA 2018 Sch. 2 para 2)', 500),
  })
  .meta({ id: 'DisclosureInput' });

export const LegalHoldView = z.object({ by: z.string(), at: instant, reason: z.string() }).meta({ id: 'LegalHold' });

export const DisclosureView = z
  .object({
    id: z.string(),
    to: z.string(),
    what: z.string(),
    why: z.string(),
    lawfulBasis: z.string(),
    decidedBy: z.string(),
    at: instant,
  })
  .meta({ id: 'Disclosure' });

export const ErasureRecordView = z.object({ at: instant, by: z.string(), reason: z.string() }).meta({ id: 'Erasure' });

/** What an erasure did. */
export const ErasureView = z
  .object({
    contactId: z.string(),
    at: instant,
    cases: z.array(z.string()).meta({ description: 'The cases whose personal data was erased' }),
    blobsDeleted: z.number().int().meta({ description: 'Attachments, letter scans and raw payloads deleted' }),
    sentCopiesErased: z.number().int().meta({ description: 'Copies of notices sent, kept outside the case' }),
  })
  .meta({ id: 'ErasureResult' });

/** `GET /api/contacts?email=…` or `?phone=…`: the contact an address or number belongs to (managers). */
export const ContactLookupQuery = z.object({
  email: z.string().trim().max(320).optional(),
  phone: z.string().trim().max(40).optional(),
});

export const ContactLookupView = z
  .object({
    items: z.array(
      z.object({ id: z.string(), name: z.string().nullable(), cases: z.array(z.string()), legalHold: z.boolean() }),
    ),
  })
  .meta({ id: 'ContactLookup' });

/** `POST /api/retention`: apply the policy's retention period now (`dryRun`: only say what would go). */
export const RetentionInput = z
  .object({ dryRun: z.boolean().optional().meta({ description: 'List what is due without erasing it' }) })
  .meta({ id: 'RetentionInput' });

export const RetentionView = z
  .object({
    ranAt: instant,
    dryRun: z.boolean(),
    yearsAfterClosure: z.number().int(),
    basis: z.string(),
    erased: z
      .array(z.string())
      .meta({ description: 'Cases closed longer ago than the period, erased (or due, on a dry run)' }),
    held: z
      .array(z.string())
      .meta({ description: 'Cases past the period kept because of a legal hold on the case or its contact' }),
    closedWithinPeriod: z.number().int(),
    quarantineDeleted: z.number().int().meta({
      description:
        'Quarantined deliveries that arrived longer ago than the period, deleted with the files they alone held (or due, on a dry run)',
    }),
  })
  .meta({ id: 'RetentionResult' });

export type RetentionView = z.infer<typeof RetentionView>;
export type ErasureView = z.infer<typeof ErasureView>;
