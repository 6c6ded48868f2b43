/**
 * The building blocks of every command's input schema, with the words an
 * officer reads when a field is wrong ("Give a reason", never "reason is
 * required"). Structural checks only: rules that need the case, the policy or
 * the calendar (a working day, within the target) stay in the commands.
 */
import * as z from 'zod';
import { isLocalDate } from '../dates.js';

/** Free text an officer writes: trimmed, required, at most `max` characters. */
export function requiredText(missing: string, max: number, tooLong = `Keep it to ${max} characters or fewer`) {
  return z.string({ error: missing }).trim().min(1, missing).max(max, tooLong);
}

/** Optional free text: trimmed (the command treats empty as not given). */
export function optionalText(max: number, tooLong = `Keep it to ${max} characters or fewer`) {
  return z.string().trim().max(max, tooLong).optional();
}

/** A calendar date `YYYY-MM-DD` (landlord's local date; whether it is a working day is the command's rule). */
export function localDate(missing: string) {
  return z
    .string({ error: missing })
    .refine(isLocalDate, 'Enter a real date as YYYY-MM-DD')
    .meta({ format: 'date', description: 'A local date (YYYY-MM-DD): the end of that working day' });
}

/** An id chosen from a list the console shows (officers, departments, requests). */
export function chosenId(missing: string) {
  return z.string({ error: missing }).trim().min(1, missing).max(80, missing);
}

/** A reason a person will read on the timeline (and, for delays, the resident too). */
export const reason = requiredText('Give a reason', 1000);

/** When something happened, as the officer gives it: an ISO-8601 instant with its offset; now when left out. */
export function optionalInstant() {
  return z.iso
    .datetime({ offset: true, error: 'Enter a date and time such as 2026-12-01T10:00:00Z' })
    .optional()
    .meta({ description: 'When it happened (ISO-8601 with Z or an offset); now when left out' });
}

/** Yes or no, in words an officer reads when it is missing. */
export function yesNo(missing: string) {
  return z.boolean({ error: missing });
}
