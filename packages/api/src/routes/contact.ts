/**
 * The resident contact form: `GET /contact`, `POST /contact` (an HTML form
 * post answered with 303 to the confirmation page, or JSON answered with 201)
 * and the confirmation page. No sign-in; rate limited by address.
 */
import { createRoute } from '@hono/zod-openapi';
import { ConfirmationQuery, ContactAccepted, ContactForm, ContactHeld, ErrorBody } from '@housing-inbox/core/contracts';
import type { ContactFields } from '@housing-inbox/services';
import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { HELD_MESSAGE, renderConfirmation, renderContactForm, renderHeld } from '../contact-page.js';
import { HttpError } from '../errors.js';
import { html, limitBody } from '../http.js';
import { type ApiApp, type ApiDeps, describedBody, jsonResponse, refusals } from './shared.js';

export const MAX_CONTACT_BYTES = 32 * 1024;

export interface ContactOptions {
  /** True when this address may submit the form again now. */
  allowContact?(address: string | undefined): boolean;
  /** Where the request came from (rate limiting only; never logged). */
  clientAddress?(c: Context): string | undefined;
}

const page = { description: 'The page', content: { 'text/html': { schema: z.string() } } };

export function contactRoutes(app: ApiApp, deps: () => ApiDeps, options: ContactOptions) {
  const rateLimited: MiddlewareHandler = async (c, next) => {
    if (options.allowContact && !options.allowContact(options.clientAddress?.(c))) {
      throw new HttpError(
        429,
        'too-many-requests',
        'too many messages from this address: please try again in a few minutes',
      );
    }
    await next();
  };
  const form = describedBody(app, ContactForm);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/contact',
      tags: ['resident'],
      summary: 'The resident contact form (works without JavaScript)',
      responses: { 200: page },
    }),
    (c) => html(c, 200, renderContactForm(deps().policy)),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/contact',
      tags: ['resident'],
      summary: 'Send the resident contact form',
      description:
        'A form post is answered with 303 to the confirmation page (or the form again, its problems marked); JSON with 201 and the reference.',
      middleware: [rateLimited, limitBody(MAX_CONTACT_BYTES, 'the form is too large')],
      request: {
        body: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: form }, 'application/json': { schema: form } },
        },
      },
      responses: {
        201: jsonResponse(ContactAccepted, 'JSON: accepted, with the case reference'),
        202: jsonResponse(
          ContactHeld,
          'Kept, but not filed automatically: a member of staff will read it (no reference yet)',
        ),
        303: { description: 'A form post accepted: on to the confirmation page with the case reference' },
        400: {
          description: 'Fields need attention: JSON names each; a form post gets the form back with each marked',
          content: { 'application/json': { schema: ErrorBody }, 'text/html': { schema: z.string() } },
        },
        ...refusals(413, 415, 429),
      },
    }),
    async (c) => {
      const { policy, services } = deps();
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const contentType = c.req.header('content-type') ?? '';
      const { fields, wantsJson } = contactFields(raw, contentType);
      const result = await services.submitContact(fields, {
        raw,
        contentType: contentType || 'application/x-www-form-urlencoded',
      });
      if (!result.ok) {
        if ('spam' in result) throw new HttpError(400, 'rejected', 'this form could not be accepted');
        if (wantsJson) throw new HttpError(400, 'invalid-form', 'some fields need attention', result.fieldErrors);
        return html(c, 400, renderContactForm(policy, fields, result.fieldErrors));
      }
      if ('held' in result) {
        return wantsJson
          ? c.json({ held: true as const, message: HELD_MESSAGE }, 202)
          : html(c, 200, renderHeld(policy));
      }
      const respondBy = result.respondBy ? { respondBy: result.respondBy } : {};
      if (wantsJson) return c.json({ ref: result.ref, ...respondBy }, 201);
      const query = new URLSearchParams({ ref: result.ref, ...(result.respondBy ? { by: result.respondBy } : {}) });
      return c.redirect(`/contact/confirmation?${query}`, 303);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/contact/confirmation',
      tags: ['resident'],
      summary: 'The confirmation page: the case reference and the date of the answer',
      request: { query: ConfirmationQuery },
      responses: { 200: page, ...refusals(400) },
    }),
    (c) => {
      const { ref, by } = c.req.valid('query');
      const date = by && /^[\d\-T:.Z]{10,30}$/.test(by) ? by : undefined;
      return html(c, 200, renderConfirmation(deps().policy, ref, date));
    },
  );
}

/** The posted fields, form-encoded or JSON (415 for anything else). */
function contactFields(body: Uint8Array, contentType: string): { fields: ContactFields; wantsJson: boolean } {
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  const text = new TextDecoder().decode(body);
  if (type === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid-json', 'the body is not valid JSON');
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new HttpError(400, 'invalid-json', 'the body must be a JSON object of form fields');
    }
    const fields: ContactFields = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') fields[k] = v;
      else if (v !== null && v !== undefined)
        throw new HttpError(400, 'invalid-field', `${k} must be text`, { [k]: 'must be text' });
    }
    return { fields, wantsJson: true };
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || !type) {
    return { fields: Object.fromEntries(new URLSearchParams(text)), wantsJson: false };
  }
  throw new HttpError(
    415,
    'unsupported-media-type',
    'send the form as application/x-www-form-urlencoded or application/json',
  );
}
