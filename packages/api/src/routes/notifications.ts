/**
 * The officer's own inbox (issue 14): what was meant for them — a case assigned
 * or reassigned to them, a department's answer, a target about to be missed —
 * or for someone they cover while away. Each officer reads only their own.
 */
import { createRoute } from '@hono/zod-openapi';
import { canSeeCase } from '@housing-inbox/core';
import { NotificationListView, NotificationsReadInput, PageQuery } from '@housing-inbox/core/contracts';
import type { Principal } from '../auth.js';
import { jsonObjectBody } from '../http.js';
import { type ApiApp, type ApiDeps, BEARER, covering, jsonResponse, refusals } from './shared.js';

export function notificationRoutes(app: ApiApp, deps: () => ApiDeps) {
  const inbox = async (actor: Principal, limit?: number): Promise<NotificationListView> => {
    // A case restricted (or moved) since is neither named nor counted to someone who can no longer open it.
    const covered = await covering(deps(), actor);
    const { items, unread } = await deps().repository.listNotifications(actor.officerId, {
      ...(limit === undefined ? {} : { limit }),
      visible: (kase) => canSeeCase(actor, kase, [], covered),
    });
    return {
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        caseRef: n.caseRef,
        summary: n.summary,
        at: n.at,
        readAt: n.readAt ?? null,
        coverFor: n.coverFor ?? null,
      })),
      unread,
    };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/notifications',
      tags: ['notifications'],
      summary: 'Your notifications: unread first, then the latest read, with the unread count',
      security: BEARER,
      request: { query: PageQuery.pick({ limit: true }) },
      responses: { 200: jsonResponse(NotificationListView, 'Your inbox'), ...refusals(400, 401) },
    }),
    async (c) => c.json(await inbox(c.var.actor, c.req.valid('query').limit), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/notifications/read',
      tags: ['notifications'],
      summary: 'Mark your notifications read (those named, or every unread one)',
      security: BEARER,
      middleware: [jsonObjectBody],
      request: { body: { required: true, content: { 'application/json': { schema: NotificationsReadInput } } } },
      responses: { 200: jsonResponse(NotificationListView, 'Your inbox, after'), ...refusals(400, 401) },
    }),
    async (c) => {
      const { ids } = c.req.valid('json');
      const actor = c.var.actor;
      await deps().repository.markNotificationsRead(actor.officerId, deps().clock.now().toISOString(), ids);
      return c.json(await inbox(actor), 200);
    },
  );
}
