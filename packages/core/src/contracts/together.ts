/**
 * Cases that belong together (issue 14, "duplicates merged or linked"): the
 * inputs of `merge`, `link` and close-as-duplicate. Checks of the case
 * reference's form only; whether the other case exists, is open and may be
 * changed by the caller is the command's rule (`commands/merge.ts`).
 */
import * as z from 'zod';
import { reason } from './fields.js';

/** Another case's reference, as the console (or an officer) gives it. */
export function otherCaseRef(missing: string) {
  return z
    .string({ error: missing })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,4}-\d{4}-\d{6}$/, 'Enter the other case’s reference, such as HT-2026-000123')
    .meta({ examples: ['HT-2026-000123'] });
}

export const MergeInput = z
  .object({ from: otherCaseRef('Choose the case to merge into this one'), reason })
  .meta({ id: 'MergeInput' });

export const LinkInput = z
  .object({ ref: otherCaseRef('Choose the case to link to this one'), reason })
  .meta({ id: 'LinkInput' });

/** `close`: with `duplicateOf`, closed as a duplicate of that case (no reply recorded, not counted as answered). */
export const CloseInput = z
  .object({
    reason,
    duplicateOf: otherCaseRef('Choose the case this one duplicates').optional().meta({
      description: 'Close as a duplicate of this case: no reply is recorded and it is not counted as answered',
    }),
  })
  .meta({ id: 'CloseInput' });
