/** Shapes every answer schema is built from (not exported from the contracts' index). */
import * as z from 'zod';
import { AUTOMATED_CATEGORIES } from '../inbound.js';

/** A named schema or null (`.nullable()` on a named schema loses the null in the generated document). */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const instant = z.string().meta({ format: 'date-time', description: 'An ISO-8601 instant' });
export const date = z
  .string()
  .meta({ format: 'date', description: 'A local date (YYYY-MM-DD): the end of that working day' });
export const target = z.string().meta({
  description: 'A local date (YYYY-MM-DD, the end of that working day) or, for an hours target, an ISO-8601 instant',
});

/** What a paged listing answers beside its items. */
export const nextCursor = z.string().nullable().meta({ description: 'Cursor of the next page; null on the last' });

/** Why a message was recognised as automatic. */
export const automatedView = z.object({
  kind: z.enum(['auto-reply', 'bounce']),
  reason: z.string(),
  category: z.enum(AUTOMATED_CATEGORIES).optional(),
});
