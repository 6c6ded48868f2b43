/** `GET /api/audit`: the append-only trail of confidential looks and data-protection acts, for managers. */
import * as z from 'zod';
import { CaseListQuery } from './routes.js';

export const AUDIT_ACTIONS = [
  'viewed-restricted-case',
  'viewed-restricted-attachment',
  'exported-contact',
  'erased-contact',
  'erased-case',
  'retention-run',
  'legal-hold-set',
  'legal-hold-lifted',
  'disclosure-recorded',
  'quarantine-released',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `?type=`: one kind of act. */
export const AUDIT_TYPES = {
  view: ['viewed-restricted-case', 'viewed-restricted-attachment'],
  export: ['exported-contact'],
  erasure: ['erased-contact', 'erased-case'],
  retention: ['retention-run', 'erased-case'],
  'legal-hold': ['legal-hold-set', 'legal-hold-lifted'],
  disclosure: ['disclosure-recorded'],
  quarantine: ['quarantine-released'],
} as const satisfies Record<string, readonly AuditAction[]>;
export type AuditType = keyof typeof AUDIT_TYPES;

/** A page of the trail: the queues' page size and cursor, and one kind of act. */
export const AuditQuery = CaseListQuery.pick({ limit: true, next: true }).extend({
  type: z
    .enum(Object.keys(AUDIT_TYPES) as [AuditType, ...AuditType[]])
    .optional()
    .meta({
      description:
        'Only this kind of act (`disclosure`: the disclosures report); a page may then be short while `next` is set',
    }),
});

export const AuditListView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        at: z.string().meta({ format: 'date-time', description: 'An ISO-8601 instant' }),
        officerId: z.string().meta({ description: 'Who: an officer, or `retention` for the scheduled job' }),
        action: z.enum(AUDIT_ACTIONS),
        caseRef: z.string().optional(),
        contactId: z.string().optional(),
        detail: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
          .optional()
          .meta({
            description:
              'The act’s own facts: a disclosure’s recipient, what, why and lawful basis; an erasure’s reason and counts',
          }),
      }),
    ),
    next: z.string().nullable().meta({ description: 'The cursor for the next (older) page; null at the end' }),
  })
  .meta({ id: 'AuditList' });
export type AuditListView = z.infer<typeof AuditListView>;
