/** Every HTTP route of the product, independent of transport (Lambda or node's http). */
import {
  type BlobStore,
  type CaseCommands,
  type CaseRepository,
  type Clock,
  calendarFor,
  canSeeCase,
  coveredOfficers,
  createOfficerCommands,
  type LandlordPolicy,
  MONTH,
  monthlyReport,
} from '@housing-inbox/core';
import { AuthError, type Principal } from './auth.js';
import { caseView, getCase, listCases, type ReadDeps } from './cases.js';
import { CASE_COMMANDS, httpErrorFrom, jsonBody, officerView, REQUEST_COMMANDS } from './commands.js';
import { handleContactPost, renderConfirmation, renderContactForm, type SubmitContact } from './contact.js';
import { type ApiRequest, type ApiResponse, errorResponse, HttpError, html, json } from './http.js';
import { openApiDocument } from './openapi.js';

/** Logs a phone message, voicemail or visit as a new contact (or onto the contact's open case). */
export type LogNewContact = (
  actor: Principal,
  body: Record<string, unknown>,
) => Promise<{ ref: string; outcome: string }>;

export interface RouterDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  clock: Clock;
  commands: CaseCommands;
  blobs: BlobStore;
  /** Resolves the caller from the request (bearer token locally, authorizer claims in the cloud). */
  authenticate(req: ApiRequest): Promise<Principal>;
  submitContact: SubmitContact;
  logNewContact: LogNewContact;
  /** True when this address may submit the form again now. */
  allowContact?(sourceIp: string | undefined): boolean;
  /** Reports an unexpected failure (without personal data); the caller gets a plain 500. */
  onError?(err: unknown, req: ApiRequest): void;
}

export type Router = (req: ApiRequest) => Promise<ApiResponse>;

const SEGMENT = '([A-Za-z0-9_-]{1,80})';
const CASE_PATH = new RegExp(`^/api/cases/${SEGMENT}$`);
const CASE_COMMAND_PATH = new RegExp(`^/api/cases/${SEGMENT}/([a-z-]+)$`);
const REQUEST_COMMAND_PATH = new RegExp(`^/api/cases/${SEGMENT}/requests/${SEGMENT}/([a-z-]+)$`);
const ATTACHMENT_PATH = new RegExp(`^/api/cases/${SEGMENT}/attachments/${SEGMENT}/(\\d{1,3})$`);
const OFFICER_PATH = new RegExp(`^/api/officers/${SEGMENT}/(absence|deactivate)$`);
const REF = /^[A-Z]{2,4}-\d{4}-\d{6}$/;

export function createRouter(deps: RouterDeps): Router {
  const read: ReadDeps = { policy: deps.policy, repository: deps.repository, now: () => deps.clock.now() };
  const officers = createOfficerCommands({ policy: deps.policy, repository: deps.repository, clock: deps.clock });

  const authenticated = async (req: ApiRequest): Promise<Principal> => {
    try {
      return await deps.authenticate(req);
    } catch (err) {
      if (err instanceof AuthError) throw new HttpError(401, 'unauthorised', err.message);
      throw err;
    }
  };
  const caseResponse = (found: Parameters<typeof caseView>[1]) =>
    json(200, caseView(deps.policy, found, deps.clock.now()));

  const routeApi = async (req: ApiRequest): Promise<ApiResponse | undefined> => {
    const { method, path } = req;
    if (!path.startsWith('/api/')) return undefined;
    if (path === '/api/openapi.json' && method === 'GET') return json(200, openApiDocument());

    const actor = await authenticated(req);
    if (path === '/api/me' && method === 'GET') {
      const me = await deps.repository.getOfficer(actor.officerId);
      return json(200, {
        officer: me ? officerView(me) : null,
        role: actor.role,
        teamId: actor.teamId,
        landlord: { id: deps.policy.id, name: deps.policy.name },
      });
    }
    if (path === '/api/officers' && method === 'GET') {
      return json(200, { items: (await deps.repository.listOfficers()).map(officerView) });
    }
    if (path === '/api/departments' && method === 'GET') {
      return json(200, {
        items: deps.policy.departments.map(({ id, name }) => ({ id, name })),
        categories: deps.policy.categories,
      });
    }
    if (path === '/api/requests' && method === 'GET') {
      const team = req.query.team && actor.role === 'manager' ? req.query.team : actor.teamId;
      const status = req.query.status === 'done' ? 'done' : 'open';
      return json(200, { items: await deps.repository.listTeamRequests(team, status) });
    }
    if (path === '/api/cases' && method === 'GET') return listCases(read, actor, req);
    if (path === '/api/reports/monthly' && method === 'GET') {
      if (actor.role !== 'manager') throw new HttpError(403, 'forbidden', 'only managers can run the monthly report');
      const month = req.query.month ?? calendarFor(deps.policy).localDate(deps.clock.now()).slice(0, 7);
      if (!MONTH.test(month))
        throw new HttpError(400, 'invalid-month', 'month must be YYYY-MM', { month: 'expected YYYY-MM' });
      return json(200, monthlyReport(deps.policy, month, await deps.repository.listMonth(month), deps.clock.now()));
    }
    if (path === '/api/quarantine' && method === 'GET') {
      // What could not be parsed, with the reason and where the raw payload is kept.
      if (actor.role !== 'manager') throw new HttpError(403, 'forbidden', 'only managers can see the quarantine');
      return json(200, await deps.repository.listQuarantine({ limit: Number(req.query.limit ?? 100) || 100 }));
    }
    if (path === '/api/contacts/log' && method === 'POST')
      return json(201, await deps.logNewContact(actor, jsonBody(req)));

    let m = CASE_PATH.exec(path);
    if (m && method === 'GET') return getCase(read, actor, m[1] as string);

    m = REQUEST_COMMAND_PATH.exec(path);
    if (m) {
      const command = REQUEST_COMMANDS[m[3] as string];
      if (!command) throw new HttpError(404, 'not-found', `no request command ${m[3]}`);
      if (method !== 'POST') throw new HttpError(405, 'method-not-allowed', `use POST for ${path}`);
      return caseResponse(await command(deps.commands, actor, m[1] as string, jsonBody(req), m[2] as string));
    }

    m = ATTACHMENT_PATH.exec(path);
    if (m && method === 'GET') {
      const found = await deps.repository.getCaseWithHistory(m[1] as string);
      const today = calendarFor(deps.policy).localDate(deps.clock.now());
      const covered = coveredOfficers(await deps.repository.listOfficers(), actor.officerId, today);
      if (!found || !canSeeCase(actor, found.case, found.requests, covered))
        throw new HttpError(404, 'not-found', 'no such attachment');
      const attachment = found.messages.find((msg) => msg.id === m?.[2])?.attachments[Number(m[3])];
      const blob = attachment ? await deps.blobs.get(attachment.blobKey) : undefined;
      if (!attachment || !blob) throw new HttpError(404, 'not-found', 'no such attachment');
      // Shown, never run: images and PDFs inline, everything else downloaded.
      const inline = /^(image\/(png|jpeg|gif)|application\/pdf)$/.test(attachment.contentType);
      return {
        status: 200,
        headers: {
          'content-type': inline ? attachment.contentType : 'application/octet-stream',
          'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${attachment.filename.replace(/["\\\r\n]/g, '_')}"`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        },
        body: blob.body,
      };
    }

    m = CASE_COMMAND_PATH.exec(path);
    if (m) {
      const command = CASE_COMMANDS[m[2] as string];
      if (!command) throw new HttpError(404, 'not-found', `no command ${m[2]}`);
      if (method !== 'POST') throw new HttpError(405, 'method-not-allowed', `use POST for ${path}`);
      return caseResponse(await command(deps.commands, actor, m[1] as string, jsonBody(req)));
    }

    m = OFFICER_PATH.exec(path);
    if (m) {
      const [, id, action] = m as unknown as [string, string, string];
      if (action === 'absence' && method === 'PUT')
        return json(200, officerView(await officers.setAbsence(actor, id, jsonBody(req))));
      if (action === 'deactivate' && method === 'POST') {
        const { officer, moved } = await officers.deactivate(actor, id, jsonBody(req));
        return json(200, { officer: officerView(officer), moved });
      }
      throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${path}`);
    }
    if (
      CASE_PATH.test(path) ||
      ['/api/cases', '/api/me', '/api/officers', '/api/departments', '/api/requests', '/api/contacts/log'].includes(
        path,
      )
    ) {
      throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${path}`);
    }
    throw new HttpError(404, 'not-found', `no route ${path}`);
  };

  const route = async (req: ApiRequest): Promise<ApiResponse> => {
    const { method, path } = req;
    const api = await routeApi(req);
    if (api) return api;

    if (path === '/contact' && method === 'GET') return html(200, renderContactForm(deps.policy));
    if (path === '/contact' && method === 'POST') {
      if (deps.allowContact && !deps.allowContact(req.sourceIp)) {
        throw new HttpError(
          429,
          'too-many-requests',
          'too many messages from this address: please try again in a few minutes',
        );
      }
      return handleContactPost(req, deps.policy, deps.submitContact);
    }
    if (path === '/contact/confirmation' && method === 'GET') {
      const ref = req.query.ref ?? '';
      if (!REF.test(ref)) throw new HttpError(400, 'invalid-ref', 'not a case reference');
      const by = req.query.by && /^[\d\-T:.Z]{10,30}$/.test(req.query.by) ? req.query.by : undefined;
      return html(200, renderConfirmation(deps.policy, ref, by));
    }
    if (path === '/contact' || path === '/contact/confirmation') {
      throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${path}`);
    }
    throw new HttpError(404, 'not-found', `no route ${path}`);
  };

  return async (req) => {
    try {
      return await route(req);
    } catch (raw) {
      const err = httpErrorFrom(raw);
      if (err instanceof HttpError) return errorResponse(err);
      deps.onError?.(err, req);
      return errorResponse(
        new HttpError(500, 'internal-error', 'something went wrong; nothing was lost, please try again'),
      );
    }
  };
}
