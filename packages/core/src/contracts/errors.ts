/** Turning a schema's complaints into the API's `{ error: { code, message, fields } }`. */
import type { z } from 'zod';

/**
 * One plain-words message per field (`fields` of the error body), keyed by the
 * field's path (`a.b` for nested fields; `body` when the whole input is wrong).
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'body';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The first problem, for the error's one-line `message`. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Some fields need attention';
}
