/**
 * Errors, mapped once: a refusal becomes `{ error: { code, message, fields? } }`
 * with its status; anything else is a 500 that carries no internals.
 */
import { CommandError, OfficerIdentityTakenError } from '@housing-inbox/core';
import { type ErrorBody, fieldErrors, firstProblem } from '@housing-inbox/core/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { AuthError } from './auth.js';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const COMMAND_STATUS = { forbidden: 403, 'not-found': 404, conflict: 409, invalid: 400 } as const;

/** The refusal an error stands for, or undefined when it is a failure of ours. */
export function refusalOf(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof CommandError) return new HttpError(COMMAND_STATUS[err.kind], err.kind, err.message, err.fields);
  if (err instanceof AuthError) return new HttpError(401, 'unauthorised', err.message);
  if (err instanceof OfficerIdentityTakenError)
    return new HttpError(409, 'conflict', err.message, { [err.field]: err.message });
  // Hono's own refusals (a body it cannot read, a content type a route does not take).
  if (err instanceof HTTPException) {
    if (err.status === 413) return new HttpError(413, 'too-large', 'the request body is too large');
    if (err.status === 415) return new HttpError(415, 'unsupported-media-type', err.message);
    if (err.status === 400) return new HttpError(400, 'bad-request', err.message);
  }
  return undefined;
}

export const INTERNAL_ERROR = new HttpError(
  500,
  'internal-error',
  'something went wrong; nothing was lost, please try again',
);

export function errorResponse(c: Context, err: HttpError, headers?: Record<string, string>) {
  const body: ErrorBody = {
    error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
  };
  return c.json(body, err.status, headers);
}

type Validated = { success: true } | { success: false; error: z.ZodError };

/**
 * What a route's schema said about the request: a bad path segment is no
 * such route (404); a bad query or body is 400 with each field's problem in
 * plain words (`invalid-<field>` for a query, as before; `invalid` for a body).
 */
export function validationHook(result: Validated & { target: string }, c: Context): undefined {
  if (result.success) return undefined;
  if (result.target === 'param') throw new HttpError(404, 'not-found', `no route ${c.req.path}`);
  const fields = fieldErrors(result.error);
  const code = result.target === 'query' ? `invalid-${Object.keys(fields)[0]}` : 'invalid';
  throw new HttpError(400, code, firstProblem(result.error), fields);
}
