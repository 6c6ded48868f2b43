/**
 * What managers and operators read: the quarantine, automatic mail that
 * joined no case (the monthly figures and the regulator return: reports.ts).
 */
import * as z from 'zod';
import { QUARANTINE_VERDICTS } from '../inbound.js';
import { CHANNELS } from '../model.js';
import { automatedView, instant, nextCursor } from './shapes.js';

const quarantineRelease = z.object({
  by: z.string().meta({ description: 'The officer who released it' }),
  at: instant,
  outcome: z.string().meta({ description: 'What ingest made of it: created, threaded, duplicate, automated, …' }),
  caseRef: z.string().optional(),
});

export const QuarantineItem = z
  .object({
    id: z.string(),
    channel: z.enum(CHANNELS),
    receivedAt: instant,
    reason: z.string(),
    rawKey: z.string().meta({ description: 'Where the payload is kept, exactly as delivered' }),
    verdict: z
      .enum(QUARANTINE_VERDICTS)
      .optional()
      .meta({ description: 'The mail provider’s verdict that held it; absent when it could not be parsed or filed' }),
    released: quarantineRelease.optional().meta({ description: 'Present once an operator released it' }),
    retried: z
      .object({ by: z.string(), at: instant })
      .optional()
      .meta({ description: 'The last release that failed again (`reason` is then its reason)' }),
  })
  .meta({ id: 'QuarantineItem' });

export const QuarantineListView = z
  .object({ items: z.array(QuarantineItem), next: nextCursor })
  .meta({ id: 'QuarantineList' });

/** `POST /api/quarantine/{id}/release`: the item's id, URL-encoded (it holds `#`). */
export const QuarantineIdParam = z.object({ id: z.string().min(1).max(200) });

export const QuarantineReleaseInput = z
  .object({
    note: z
      .string()
      .trim()
      .max(1_000, 'Keep the note under 1,000 characters')
      .optional()
      .meta({ description: 'Why it was released (on the audit trail)' }),
  })
  .meta({ id: 'QuarantineReleaseInput' });

export const QuarantineReleaseView = z
  .object({
    released: z.boolean().meta({ description: 'false: it failed again and stays in quarantine with the new reason' }),
    alreadyReleased: z.boolean().meta({ description: 'An earlier release did it; nothing new was filed' }),
    caseRef: z.string().nullable().meta({ description: 'The case it became or joined' }),
    item: QuarantineItem,
  })
  .meta({ id: 'QuarantineRelease' });

/** Automatic mail (auto-replies, help-desk tickets, list mail, bounces) that joined no case. */
export const AutomatedListView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        channel: z.enum(CHANNELS),
        receivedAt: instant,
        from: z.object({ name: z.string().optional(), email: z.string().optional() }),
        subject: z.string().nullable(),
        excerpt: z.string().meta({ description: 'The start of the text' }),
        automated: automatedView,
        rawKey: z.string().nullable(),
      }),
    ),
    next: nextCursor,
  })
  .meta({ id: 'AutomatedList' });

export type AutomatedListView = z.infer<typeof AutomatedListView>;
export type QuarantineListView = z.infer<typeof QuarantineListView>;
export type QuarantineReleaseView = z.infer<typeof QuarantineReleaseView>;
