/** `GET /api/search`: find a case by whatever the caller says (CONTRACTS.md). */
import { createRoute } from '@hono/zod-openapi';
import { canSeeCase } from '@housing-inbox/core';
import { CaseListView, SearchQuery } from '@housing-inbox/core/contracts';
import { HttpError } from '../errors.js';
import { listItems } from './cases.js';
import { type ApiApp, type ApiDeps, BEARER, covering, jsonResponse, refusals } from './shared.js';

export function searchRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/search',
      tags: ['cases'],
      summary: 'Find cases by reference, name, email, phone, postcode, address, tenancy reference or subject words',
      description:
        'Every case the caller may see (any member of staff: every case that is not restricted; a restricted one only its owner, their cover and managers). A phone number in any common UK format, a postcode with or without its space. Best match first (a reference or number before a name, a name before a subject word), then newest; 50 a page.',
      security: BEARER,
      request: { query: SearchQuery },
      responses: { 200: jsonResponse(CaseListView, 'One page of matching cases'), ...refusals(400, 401) },
    }),
    async (c) => {
      const d = deps();
      const actor = c.var.actor;
      const { q, limit, next } = c.req.valid('query');
      const covered = await covering(d, actor);
      try {
        const page = await d.repository.searchCases(q, {
          limit,
          cursor: next,
          visible: (kase) => canSeeCase(actor, kase, [], covered),
        });
        return c.json({ items: await listItems(d, page.items, actor), next: page.next }, 200);
      } catch (err) {
        if (err instanceof RangeError) throw new HttpError(400, 'invalid-cursor', err.message);
        throw err;
      }
    },
  );
}
