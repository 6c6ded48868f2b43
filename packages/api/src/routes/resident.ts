/**
 * The whole resident (issue 14): one contact with every case the caller may
 * open, every message and notice of those cases across channels, the flags and
 * the preferred channel. Cases are filtered by the rule `GET /api/cases/{ref}`
 * applies (core's `canSeeCase`): the others are counted, never shown.
 */
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { type CaseWithHistory, canSeeCase, isManager, withMessageBodies } from '@housing-inbox/core';
import { ResidentParams, ResidentView } from '@housing-inbox/core/contracts';
import { HttpError } from '../errors.js';
import { caseListItem } from '../views.js';
import { type ApiApp, type ApiDeps, BEARER, covering, jsonResponse, refusals } from './shared.js';

export function residentRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/contacts/{id}',
      tags: ['cases'],
      summary:
        'A resident: their flags, preferred channel, every case you may open, and every message and notice on them',
      description:
        'Cases you may not open (restricted, another team’s) are left out and only counted. 404 when you may open none of the contact’s cases (managers see every contact). Restricted cases shown are recorded on the audit trail.',
      security: BEARER,
      request: { params: ResidentParams },
      responses: { 200: jsonResponse(ResidentView, 'The resident'), ...refusals(401, 404) },
    }),
    async (c) => {
      const d = deps();
      const actor = c.var.actor;
      const { id } = c.req.valid('param');
      const contact = await d.repository.getContact(id);
      if (!contact) throw new HttpError(404, 'not-found', `no contact ${id}`);
      const covered = await covering(d, actor);
      const histories = (
        await Promise.all(
          (await d.repository.listCasesOfContact(id)).map((k) => d.repository.getCaseWithHistory(k.ref)),
        )
      ).filter((h): h is CaseWithHistory => h !== undefined);
      const visible = await Promise.all(
        histories
          .filter((h) => canSeeCase(actor, h.case, h.requests, covered))
          .map((h) => withMessageBodies(d.blobs, h)),
      );
      if (visible.length === 0 && !isManager(actor)) throw new HttpError(404, 'not-found', `no contact ${id}`);
      const at = d.clock.now();
      for (const h of visible.filter((v) => v.case.restricted)) {
        await d.audit.record({
          id: randomUUID(),
          at: at.toISOString(),
          officerId: actor.officerId,
          action: 'viewed-restricted-case',
          caseRef: h.case.ref,
        });
      }
      const events = await d.repository.listContactTimeline(id);
      const view: ResidentView = {
        contact,
        flags: {
          unacceptableBehaviour: contact.unacceptableBehaviour ?? null,
          communicationNeeds: contact.communicationNeeds ?? null,
          largePrint: Boolean(contact.largePrint),
          channelsToAvoid: contact.channelsToAvoid ?? [],
        },
        preferredChannel: contact.preferredChannel ?? null,
        cases: visible.map((h) => {
          const item = caseListItem(d.policy, h.case, contact, at);
          return h.case.ownerId === actor.officerId ? item : { ...item, activity: undefined };
        }),
        messages: visible
          .flatMap((h) => h.messages.map(({ html: _raw, ...m }) => m))
          .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
        events: events
          .map(({ id: eventId, at: when, type, actor: who, summary }) => ({
            id: eventId,
            at: when,
            type,
            actor: who,
            summary,
          }))
          .sort((a, b) => b.at.localeCompare(a.at)),
        hiddenCases: histories.length - visible.length,
      };
      return c.json(view, 200);
    },
  );
}
