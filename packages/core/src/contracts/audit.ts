/** `GET /api/audit`: the trail of looks at confidential cases, for managers. */
import { z } from 'zod';
import { CaseListQuery } from './routes.js';

export const AUDIT_ACTIONS = ['viewed-restricted-case', 'viewed-restricted-attachment'] as const;

/** A page of the trail: the queues' page size and cursor. */
export const AuditQuery = CaseListQuery.pick({ limit: true, next: true });

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
