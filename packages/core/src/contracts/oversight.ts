/**
 * What managers and operators read: the quarantine, automatic mail that
 * joined no case (the monthly figures and the regulator return: reports.ts).
 */
import * as z from 'zod';
import { CHANNELS } from '../model.js';
import { automatedView, instant, nextCursor } from './shapes.js';

export const QuarantineListView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        channel: z.enum(CHANNELS),
        receivedAt: instant,
        reason: z.string(),
        rawKey: z.string().meta({ description: 'Where the payload is kept, exactly as delivered' }),
      }),
    ),
    next: nextCursor,
  })
  .meta({ id: 'QuarantineList' });

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
