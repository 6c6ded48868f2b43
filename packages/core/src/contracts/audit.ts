/** `GET /api/audit`: the trail of looks at confidential cases, for managers. */
import { z } from 'zod';

export const AUDIT_ACTIONS = ['viewed-restricted-case', 'viewed-restricted-attachment'] as const;

export const AuditQuery = z.object({
  limit: z.coerce
    .number({ error: 'Give the page size as a whole number from 1 to 200' })
    .int('Give the page size as a whole number from 1 to 200')
    .min(1, 'Give the page size as a whole number from 1 to 200')
    .max(200, 'Give the page size as a whole number from 1 to 200')
    .default(100),
  next: z.string().optional().meta({ description: 'The cursor from the previous page' }),
});

export const AuditListView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        at: z.string().meta({ format: 'date-time', description: 'An ISO-8601 instant' }),
        officerId: z.string().meta({ description: 'Who looked' }),
        action: z.enum(AUDIT_ACTIONS),
        caseRef: z.string(),
      }),
    ),
    next: z.string().nullable().meta({ description: 'The cursor for the next (older) page; null at the end' }),
  })
  .meta({ id: 'AuditList' });
export type AuditListView = z.infer<typeof AuditListView>;
