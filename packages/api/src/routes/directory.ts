/** Who is who: the caller, the officers, the landlord's departments and the requests waiting for a team. */
import { createRoute } from '@hono/zod-openapi';
import {
  DepartmentsView,
  MeView,
  OfficerListView,
  RequestListQuery,
  RequestListView,
} from '@housing-inbox/core/contracts';
import { onlyVisible } from '../access.js';
import { officerView } from '../views.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, refusals } from './shared.js';

export function directoryRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['directory'],
      summary: 'The signed-in officer, their role and team, and the landlord',
      security: BEARER,
      responses: { 200: jsonResponse(MeView, 'The caller'), ...refusals(401) },
    }),
    async (c) => {
      const { policy, repository } = deps();
      const me = await repository.getOfficer(c.var.actor.officerId);
      return c.json(
        {
          officer: me ? officerView(me) : null,
          role: c.var.actor.role,
          teamId: c.var.actor.teamId,
          landlord: { id: policy.id, name: policy.name },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/officers',
      tags: ['directory'],
      summary: 'The directory of officers',
      security: BEARER,
      responses: { 200: jsonResponse(OfficerListView, 'Every officer, leavers included'), ...refusals(401) },
    }),
    async (c) => c.json({ items: (await deps().repository.listOfficers()).map(officerView) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/departments',
      tags: ['directory'],
      summary: 'The landlord’s departments and web form categories',
      security: BEARER,
      responses: { 200: jsonResponse(DepartmentsView, 'From the landlord’s policy'), ...refusals(401) },
    }),
    async (c) => {
      const { policy } = deps();
      return c.json(
        { items: policy.departments.map(({ id, name }) => ({ id, name })), categories: policy.categories },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/requests',
      tags: ['directory'],
      summary: 'Department requests waiting for the caller’s team',
      description: 'Only requests on cases the caller may open: a restricted case’s requests are not listed.',
      security: BEARER,
      request: { query: RequestListQuery },
      responses: { 200: jsonResponse(RequestListView, 'The team’s requests'), ...refusals(401) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { actor } = c.var;
      const team = query.team && actor.role === 'manager' ? query.team : actor.teamId;
      const status = query.status === 'done' ? 'done' : 'open';
      const requests = await deps().repository.listTeamRequests(team, status);
      // A request shows its case's reference and question: only to those who may open that case.
      const visible = await onlyVisible(deps(), actor, requests, (r) => ({ ref: r.caseRef, requests: [r] }));
      return c.json({ items: visible }, 200);
    },
  );
}
