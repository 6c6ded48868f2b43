/**
 * Residents' data rights (UK GDPR): subject access export, erasure, legal
 * holds on a contact, finding a contact by what the resident gives, and the
 * retention run. Managers only, each act on the audit trail (the use cases in
 * `@housing-inbox/services`' `createPrivacy`).
 */
import { createRoute } from '@hono/zod-openapi';
import {
  ContactLookupQuery,
  ContactLookupView,
  ContactParams,
  ContactView,
  EraseInput,
  ErasureView,
  LegalHoldInput,
  RetentionInput,
  RetentionView,
} from '@housing-inbox/core/contracts';
import { createPrivacy } from '@housing-inbox/services';
import * as z from 'zod';
import { contentDisposition } from '../content-disposition.js';
import { jsonObjectBody } from '../http.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

const MANAGERS = managersOnly('only managers can act on a resident’s data rights');

function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export function privacyRoutes(app: ApiApp, deps: () => ApiDeps) {
  const privacy = () => createPrivacy(deps());

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/contacts',
      tags: ['data protection'],
      summary: 'Find the contact an email address or phone number belongs to (subject access starts here)',
      description: 'Who: manager. Any common UK phone format.',
      security: BEARER,
      middleware: [MANAGERS],
      request: { query: ContactLookupQuery },
      responses: {
        200: jsonResponse(ContactLookupView, 'The contacts found (none, or one)'),
        ...refusals(400, 401, 403),
      },
    }),
    async (c) => c.json({ items: await privacy().findContacts(c.req.valid('query')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/contacts/{id}/export',
      tags: ['data protection'],
      summary: 'Subject access: everything held about the contact as one zip (JSON and a readable summary)',
      description:
        'Who: manager. The zip holds `summary.txt`, `contact.json` and per case `case.json`, `messages.json` (text and safe HTML), `timeline.json`, `requests.json`, `notices.json` and `files/` (attachments and letter scans). The export is recorded on the audit trail first.',
      security: BEARER,
      middleware: [MANAGERS],
      request: { params: ContactParams },
      responses: {
        200: {
          description: 'The export',
          content: { 'application/zip': { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...refusals(401, 403, 404),
      },
    }),
    async (c) => {
      const { filename, zip } = await privacy().exportContact(c.var.actor, c.req.valid('param').id);
      return c.body(new Uint8Array(zip), 200, {
        'content-type': 'application/zip',
        'content-disposition': contentDisposition('attachment', filename),
        'cache-control': 'private, no-store',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/contacts/{id}/erase',
      tags: ['data protection'],
      summary: 'Erase the contact’s personal data; the counts reports need stay',
      description:
        'Who: manager. Names, addresses, numbers, emails, message text and subjects, attachments, letter scans, raw payloads, copies of notices sent and lookup keys go; cases keep kind, channel, dates, targets and met/missed. 409 while a legal hold stands on the contact or a case. Recorded on the audit trail.',
      security: BEARER,
      middleware: [MANAGERS, jsonObjectBody],
      request: { params: ContactParams, body: jsonBody(EraseInput) },
      responses: { 200: jsonResponse(ErasureView, 'What was erased'), ...refusals(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { reason } = c.req.valid('json');
      return c.json(await privacy().eraseContact(c.var.actor, c.req.valid('param').id, reason), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/contacts/{id}/legal-hold',
      tags: ['data protection'],
      summary: 'Place or lift a legal hold on a contact: while it stands, nothing of theirs is erased or aged out',
      description: 'Who: manager. On the contact’s timeline and the audit trail. 409 when already (or not) held.',
      security: BEARER,
      middleware: [MANAGERS, jsonObjectBody],
      request: { params: ContactParams, body: jsonBody(LegalHoldInput) },
      responses: { 200: jsonResponse(ContactView, 'The contact'), ...refusals(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await privacy().holdContact(c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/retention',
      tags: ['data protection'],
      summary: 'Apply the policy’s retention period now (the cloud also runs it daily); `dryRun` lists what is due',
      description:
        'Who: manager. Erases closed cases past `privacy.retention.yearsAfterClosure` years, except under a legal hold. The run is on the audit trail.',
      security: BEARER,
      middleware: [MANAGERS, jsonObjectBody],
      request: { body: jsonBody(RetentionInput) },
      responses: { 200: jsonResponse(RetentionView, 'What the run erased, or would'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { dryRun } = c.req.valid('json');
      return c.json(await privacy().runRetention({ dryRun, by: c.var.actor.officerId }), 200);
    },
  );
}
