/** The audit trail of looks at confidential cases: read by managers, written by no route. */
import { createRoute } from '@hono/zod-openapi';
import { AuditListView, AuditQuery } from '@housing-inbox/core/contracts';
import { HttpError } from '../errors.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

export function auditRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audit',
      tags: ['reports'],
      summary: 'Who looked at which restricted case, and when: newest first, append-only',
      description: 'Who: manager. No route changes or removes an entry.',
      security: BEARER,
      middleware: [managersOnly('only managers can read the audit trail')],
      request: { query: AuditQuery },
      responses: { 200: jsonResponse(AuditListView, 'One page of the trail'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { limit, next } = c.req.valid('query');
      if (next !== undefined && !/^\d{4}-\d\d-\d\dT[\d:.]+Z#[\w-]+$/.test(next)) {
        throw new HttpError(400, 'invalid-next', 'that is not a cursor this trail gave', { next: 'invalid cursor' });
      }
      return c.json(await deps().audit.list({ limit, next }), 200);
    },
  );
}
