/**
 * The "letters to read" queue: letters OCR read poorly or found no way to
 * reply in, each with its scan's address and what OCR made of it, for an
 * officer to read beside the scan (`POST /api/cases/{ref}/letter-read`).
 */
import * as z from 'zod';
import { CASE_STATUSES } from '../cases.js';

const pageSize = 'Give the page size as a whole number from 1 to 100';

export const LettersToReadQuery = z.object({
  limit: z.coerce.number({ error: pageSize }).int(pageSize).min(1, pageSize).max(100, pageSize).default(25),
  next: z.string().optional().meta({ description: 'The cursor from the previous page' }),
});

export const LetterToReadView = z
  .object({
    ref: z.string().meta({ examples: ['HT-2026-000123'] }),
    subject: z.string().meta({ description: 'As ingest made it from OCR: often wrong, which is why it is here' }),
    receivedAt: z.string().meta({ format: 'date-time', description: 'The clock starts here, read or not' }),
    status: z.enum(CASE_STATUSES),
    teamId: z.string(),
    ownerId: z.string().nullable(),
    reasons: z.array(z.string()).meta({ description: 'Why it needs reading, in words' }),
    letter: z.object({
      messageId: z.string(),
      text: z.string().meta({ description: 'What OCR read' }),
      from: z.object({
        name: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
        address: z.string().optional(),
      }),
      confidence: z.number().nullable().meta({ description: 'OCR confidence 0–100; null where the engine gives none' }),
      engine: z.string().nullable(),
      preparation: z.array(z.string()).meta({ description: 'What was done to the image before OCR' }),
      scan: z
        .object({
          filename: z.string(),
          contentType: z.string(),
          size: z.number().int(),
          index: z.number().int(),
          href: z.string().meta({ description: 'The scan through the attachment route (needs the bearer token)' }),
        })
        .nullable(),
    }),
  })
  .meta({ id: 'LetterToRead' });

export const LettersToReadView = z
  .object({
    items: z.array(LetterToReadView),
    next: z.string().nullable().meta({ description: 'Cursor of the next page; null on the last' }),
  })
  .meta({ id: 'LettersToRead' });

export type LetterToReadView = z.infer<typeof LetterToReadView>;
export type LettersToReadView = z.infer<typeof LettersToReadView>;
