/** What every route module shares: the app's types, its dependencies, and the words of the document. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  type AuditTrail,
  type BlobStore,
  type CaseRepository,
  type Clock,
  calendarFor,
  coveredOfficers,
  type LandlordPolicy,
  type PrivacyStore,
  type SentCopies,
} from '@housing-inbox/core';
import { ErrorBody } from '@housing-inbox/core/contracts';
import type { Services } from '@housing-inbox/services';
import type { MiddlewareHandler } from 'hono';
import * as z from 'zod';
import type { Principal } from '../auth.js';
import { HttpError } from '../errors.js';

/** The adapters and use cases the routes call. */
export interface ApiDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  clock: Clock;
  blobs: BlobStore;
  services: Pick<Services, 'commands' | 'officers' | 'submitContact' | 'logNewContact' | 'releaseQuarantined'>;
  /** Where looks at restricted cases and data-protection acts are recorded (append-only). */
  audit: AuditTrail;
  /** Subject access, erasure and retention's side of the store. */
  privacy: PrivacyStore;
  /** Copies of sent notices kept outside the case (the local outbox only). */
  sentCopies?: SentCopies;
}

/** The caller, resolved once per request by the sign-in middleware. */
export type ApiEnv = { Variables: { actor: Principal } };
export type ApiApp = OpenAPIHono<ApiEnv>;

export const BEARER = [{ bearer: [] }];

const REFUSALS = {
  400: 'Invalid input: each field’s problem named in `fields`',
  401: 'Missing or invalid bearer token',
  403: 'Your role does not allow this',
  404: 'No such thing, or not one you may see',
  409: 'The case’s state does not allow this now',
  413: 'The body is too large',
  415: 'Not a form or JSON',
  429: 'Too many from this address: try again in a few minutes',
} as const;
type RefusalStatus = keyof typeof REFUSALS;

/** The error responses a route can give, each with the one error body. */
export function refusals<S extends RefusalStatus>(
  ...statuses: S[]
): Record<S, { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }> {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: REFUSALS[s], content: { 'application/json': { schema: ErrorBody } } }]),
  ) as never;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Managers only: checked before the input, as it always was. */
export function managersOnly(message: string): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (c.var.actor.role !== 'manager') throw new HttpError(403, 'forbidden', message);
    await next();
  };
}

/** The officers whose cases the caller covers today (direct reports who are away). */
export async function covering(deps: ApiDeps, actor: Principal): Promise<string[]> {
  const today = calendarFor(deps.policy).localDate(deps.clock.now());
  return coveredOfficers(await deps.repository.listOfficers(), actor.officerId, today);
}

/**
 * A body the route reads itself, because a bad one is not simply refused (a
 * malformed SMS is quarantined, a resident's form comes back as a page with
 * the problems marked): described in the document by its schema, not checked
 * by the router.
 */
export function describedBody(app: ApiApp, schema: z.ZodType): { $ref: string } {
  const id = schema.meta()?.id;
  if (!id) throw new Error('a described body needs a schema with an id');
  // Registered as JSON Schema, not through `registry.register`: that calls the `.openapi()`
  // method zod-to-openapi patches onto zod, which schemas made before the patch (whenever
  // core is imported first) do not have. Schemas with an id come out as `$defs`.
  const json = JSON.parse(
    JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })).replaceAll(
      '"#/$defs/',
      '"#/components/schemas/',
    ),
  ) as { $defs?: Record<string, Parameters<ApiApp['openAPIRegistry']['registerComponent']>[2]> };
  for (const [name, definition] of Object.entries(json.$defs ?? {})) {
    app.openAPIRegistry.registerComponent('schemas', name, definition);
  }
  return { $ref: `#/components/schemas/${id}` };
}
