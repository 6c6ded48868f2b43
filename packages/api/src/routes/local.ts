/**
 * The local stack's own routes (`/local/*`): a text message or a letter scan
 * as AWS would deliver it, the outbox, the movable clock and sign-in as any
 * seeded officer. Defined beside the API's routes, mounted only when the
 * local stack hands over its ports; the document describes them everywhere,
 * tagged `local` and marked `x-local: true`.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { calendarFor, type IngestOutcome, isLocalDate, type Officer } from '@housing-inbox/core';
import {
  ClockMove,
  ClockView,
  DeliveryOutcomeView,
  ErrorBody,
  InboundSmsBody,
  LetterUpload,
  OfficerListView,
  type OutboxItemView,
  OutboxView,
  QuarantinedView,
  QuarantineListView,
  QuarantineQuery,
  SignInInput,
  SignInView,
} from '@housing-inbox/core/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from '../errors.js';
import { jsonObjectBody } from '../http.js';
import { loopbackOnly } from '../loopback.js';
import { officerView } from '../views.js';
import { type ApiApp, type ApiDeps, describedBody, jsonResponse, refusals } from './shared.js';

/** What the local routes do on this machine. */
export interface LocalPorts {
  /** Ingests a two-way SMS JSON payload exactly as received. */
  ingestSms(raw: Uint8Array): Promise<IngestOutcome>;
  /** `arrivedOn`: the local date the letter arrived in the post (checked: a real date, not after today). */
  ingestLetter(file: Uint8Array, filename: string, contentType: string, arrivedOn?: string): Promise<IngestOutcome>;
  outbox(): Promise<z.input<typeof OutboxItemView>[]>;
  now(): Date;
  /** Moves the stack's clock; throws with a reason a person can act on. */
  moveClock(move: z.output<typeof ClockMove>): Promise<Date>;
  /** A bearer token for a seeded officer. */
  tokenFor(officer: Officer): string;
}

/** A letter scan may be larger than any other body (the router's limit makes room for it). */
export { MAX_LETTER_BYTES } from '../router.js';

const LOCAL = { tags: ['local'], 'x-local': true as const };
/** Every local route's refusal of a request that is not this machine's own (`../loopback.ts`). */
const FOREIGN = {
  403: {
    description: 'Not from this machine: a Host other than 127.0.0.1, localhost or [::1], or another site’s Origin',
    content: { 'application/json': { schema: ErrorBody } },
  },
};
const delivered = {
  202: jsonResponse(DeliveryOutcomeView, 'Accepted: what became of the delivery'),
  400: jsonResponse(QuarantinedView, 'Could not be read: kept in quarantine, with the reason'),
};

/** The routes' definitions (the cloud's document describes them without mounting them). */
function definitions(app: ApiApp) {
  return {
    sms: createRoute({
      ...LOCAL,
      method: 'post',
      path: '/local/sms',
      summary: 'A text message to the landlord’s number, as AWS End User Messaging publishes it',
      request: {
        body: { required: true, content: { 'application/json': { schema: describedBody(app, InboundSmsBody) } } },
      },
      responses: { ...delivered, ...FOREIGN },
    }),
    letters: createRoute({
      ...LOCAL,
      method: 'post',
      path: '/local/letters',
      summary: 'A letter scan (PDF, PNG or JPEG); files dropped into the data folder’s letters/inbox/ go the same way',
      request: {
        body: { required: true, content: { 'multipart/form-data': { schema: describedBody(app, LetterUpload) } } },
      },
      responses: { ...delivered, 413: refusals(413)[413], ...FOREIGN },
    }),
    outbox: createRoute({
      ...LOCAL,
      method: 'get',
      path: '/local/outbox',
      summary: 'Every email, text message and letter the stack would have sent',
      responses: { 200: jsonResponse(OutboxView, 'The outbox, oldest first'), ...FOREIGN },
    }),
    clock: createRoute({
      ...LOCAL,
      method: 'get',
      path: '/local/clock',
      summary: 'The stack’s clock',
      responses: { 200: jsonResponse(ClockView, 'Now, as the whole stack sees it'), ...FOREIGN },
    }),
    moveClock: createRoute({
      ...LOCAL,
      method: 'post',
      path: '/local/clock',
      summary: 'Move the stack’s clock forward; the timers follow it',
      middleware: [jsonObjectBody],
      request: { body: { required: true, content: { 'application/json': { schema: ClockMove } } } },
      responses: { 200: jsonResponse(ClockView, 'The new now'), ...refusals(400), ...FOREIGN },
    }),
    officers: createRoute({
      ...LOCAL,
      method: 'get',
      path: '/local/officers',
      summary: 'The active officers anyone on this machine may sign in as',
      responses: { 200: jsonResponse(OfficerListView, 'The active officers'), ...FOREIGN },
    }),
    signIn: createRoute({
      ...LOCAL,
      method: 'post',
      path: '/local/sign-in',
      summary: 'Sign in as a seeded officer: a bearer token for the officer API',
      middleware: [jsonObjectBody],
      request: { body: { required: true, content: { 'application/json': { schema: SignInInput } } } },
      responses: { 200: jsonResponse(SignInView, 'The token and the officer'), ...refusals(400), ...FOREIGN },
    }),
    quarantine: createRoute({
      ...LOCAL,
      method: 'get',
      path: '/local/quarantine',
      summary: 'What could not be read (the same list as /api/quarantine, without sign-in)',
      request: { query: QuarantineQuery },
      responses: {
        200: jsonResponse(QuarantineListView, 'One page of the quarantine, newest first'),
        ...refusals(400),
        ...FOREIGN,
      },
    }),
  };
}

/** Describes the local routes in the document without serving them (the cloud). */
export function describeLocalRoutes(app: ApiApp) {
  for (const { middleware: _, ...route } of Object.values(definitions(app)) as RouteConfig[]) {
    app.openAPIRegistry.registerPath(route);
  }
}

export function localRoutes(app: ApiApp, deps: () => ApiDeps, ports: LocalPorts) {
  const route = definitions(app);
  // Sign-in as anyone, the clock, the outbox: for this machine's own console and programs only.
  app.use('/local/*', loopbackOnly);

  app.openapi(route.sms, async (c) => accepted(c, await ports.ingestSms(new Uint8Array(await c.req.arrayBuffer()))));

  app.openapi(route.letters, async (c) => {
    const form = await c.req.formData().catch(() => {
      throw new HttpError(400, 'invalid-form', 'send the scan as multipart/form-data with a field named "file"');
    });
    const file = form.get('file');
    if (!file || typeof file === 'string') {
      throw new HttpError(400, 'missing-file', 'send the scan in a multipart field named "file"', { file: 'required' });
    }
    const arrivedOn = arrivalDate(form.get('arrivedOn'), calendarFor(deps().policy).localDate(ports.now()));
    const outcome = await ports.ingestLetter(
      new Uint8Array(await file.arrayBuffer()),
      file.name || 'letter',
      file.type,
      arrivedOn,
    );
    return accepted(c, outcome);
  });

  app.openapi(route.outbox, async (c) => c.json({ items: await ports.outbox() }, 200));
  app.openapi(route.clock, (c) => c.json({ now: ports.now().toISOString() }, 200));
  app.openapi(route.moveClock, async (c) => {
    try {
      return c.json({ now: (await ports.moveClock(c.req.valid('json'))).toISOString() }, 200);
    } catch (err) {
      throw new HttpError(400, 'invalid-clock', (err as Error).message);
    }
  });

  const activeOfficers = async () => (await deps().repository.listOfficers()).filter((o) => o.active);
  // Local sign-in: anyone on this machine may act as any seeded officer.
  app.openapi(route.officers, async (c) => c.json({ items: (await activeOfficers()).map(officerView) }, 200));
  app.openapi(route.signIn, async (c) => {
    const { officerId } = c.req.valid('json');
    const officer = (await activeOfficers()).find((o) => o.id === officerId);
    if (!officer)
      throw new HttpError(400, 'unknown-officer', 'choose an active officer', { officerId: 'unknown officer' });
    return c.json({ token: ports.tokenFor(officer), officer: officerView(officer) }, 200);
  });
  app.openapi(route.quarantine, async (c) => {
    const { limit, next } = c.req.valid('query');
    try {
      return c.json(await deps().repository.listQuarantine({ limit, cursor: next }), 200);
    } catch (err) {
      if (err instanceof RangeError) throw new HttpError(400, 'invalid-cursor', err.message);
      throw err;
    }
  });
}

/** The `arrivedOn` field: undefined when left out or empty; a 400 naming it when it is not a real date up to `today`. */
function arrivalDate(value: File | string | null, today: string): string | undefined {
  if (value === null || value === '') return undefined;
  const problem = (message: string) => new HttpError(400, 'invalid', message, { arrivedOn: message });
  if (typeof value !== 'string' || !isLocalDate(value.trim())) {
    throw problem('Enter the day the letter arrived as a real date YYYY-MM-DD');
  }
  if (value.trim() > today) throw problem('The letter cannot have arrived after today');
  return value.trim();
}

/** 202 with what became of the delivery; 400 with the reason when it was quarantined (it is still kept). */
function accepted(c: Context, outcome: IngestOutcome) {
  if (outcome.outcome === 'quarantined') {
    return c.json({ error: { code: 'unparseable', message: outcome.reason }, ...outcome }, 400);
  }
  return c.json(outcome, 202);
}
