/** Every HTTP route of the product, independent of transport (Lambda or node's http). */
import type { CaseRepository, LandlordPolicy } from '@housing-inbox/core';
import { AuthError, type Principal } from './auth.js';
import { getCase, listCases } from './cases.js';
import { handleContactPost, renderConfirmation, renderContactForm, type SubmitContact } from './contact.js';
import { type ApiRequest, type ApiResponse, errorResponse, HttpError, html, json } from './http.js';
import { openApiDocument } from './openapi.js';

export interface RouterDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  /** Resolves the caller from the request (bearer token locally, authorizer claims in the cloud). */
  authenticate(req: ApiRequest): Promise<Principal>;
  submitContact: SubmitContact;
  /** True when this address may submit the form again now. */
  allowContact?(sourceIp: string | undefined): boolean;
  /** Reports an unexpected failure (without personal data); the caller gets a plain 500. */
  onError?(err: unknown, req: ApiRequest): void;
}

export type Router = (req: ApiRequest) => Promise<ApiResponse>;

const CASE_PATH = /^\/api\/cases\/([A-Za-z0-9-]{1,40})$/;
const REF = /^[A-Z]{2,4}-\d{4}-\d{6}$/;

export function createRouter(deps: RouterDeps): Router {
  const authenticated = async (req: ApiRequest): Promise<Principal> => {
    try {
      return await deps.authenticate(req);
    } catch (err) {
      if (err instanceof AuthError) throw new HttpError(401, 'unauthorised', err.message);
      throw err;
    }
  };

  const route = async (req: ApiRequest): Promise<ApiResponse> => {
    const { method, path } = req;
    if (path === '/api/openapi.json' && method === 'GET') return json(200, openApiDocument());
    if (path === '/api/cases' && method === 'GET') return listCases(deps.repository, await authenticated(req), req);
    const caseMatch = CASE_PATH.exec(path);
    if (caseMatch && method === 'GET')
      return getCase(deps.repository, await authenticated(req), caseMatch[1] as string);

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
    const known = ['/api/openapi.json', '/api/cases', '/contact', '/contact/confirmation'].includes(path) || caseMatch;
    if (known) throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${path}`);
    throw new HttpError(404, 'not-found', `no route ${path}`);
  };

  return async (req) => {
    try {
      return await route(req);
    } catch (err) {
      if (err instanceof HttpError) return errorResponse(err);
      deps.onError?.(err, req);
      return errorResponse(
        new HttpError(500, 'internal-error', 'something went wrong; nothing was lost, please try again'),
      );
    }
  };
}
