/** The audit trail of confidential looks and data-protection acts: read by managers, changed by no route. */
import { createRoute } from '@hono/zod-openapi';
import { AUDIT_TYPES, AuditListView, AuditQuery } from '@housing-inbox/core/contracts';
import { HttpError } from '../errors.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

export function auditRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audit',
      tags: ['reports'],
      summary:
        'The audit trail: who looked at which restricted case, exported, erased, held or disclosed a resident’s data, and when; newest first, append-only',
      description:
        'Who: manager. No route changes or removes an entry. `?type=disclosure` is the report of disclosures to outside bodies (to whom, what, why, lawful basis).',
      security: BEARER,
      middleware: [managersOnly('only managers can read the audit trail')],
      request: { query: AuditQuery },
      responses: { 200: jsonResponse(AuditListView, 'One page of the trail'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { limit, next, type } = c.req.valid('query');
      if (next !== undefined && !/^\d{4}-\d\d-\d\dT[\d:.]+Z#[\w-]+$/.test(next)) {
        throw new HttpError(400, 'invalid-next', 'that is not a cursor this trail gave', { next: 'invalid cursor' });
      }
      return c.json(await deps().audit.list({ limit, next, actions: type ? AUDIT_TYPES[type] : undefined }), 200);
    },
  );
}
