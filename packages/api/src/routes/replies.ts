/**
 * Replying well and the managers' home (issue 14): the reply templates filled
 * for a case, a preview of a reply exactly as the resident would get it (the
 * same `residentDelivery` the notice sender sends with), and the cases past
 * their target or due within a working day, across teams.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Case } from '@housing-inbox/core';
import {
  AtRiskView,
  CaseRefParams,
  ReplyInput,
  ReplyPreviewView,
  ReplyTemplatesView,
} from '@housing-inbox/core/contracts';
import { onlyVisible } from '../access.js';
import { jsonObjectBody } from '../http.js';
import { caseListItem } from '../views.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

/** At most this many cases are read for the at-risk list (pages of the due-date queue). */
const AT_RISK_MAX_READ = 1000;
const AT_RISK_PAGE = 100;

export function replyRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{ref}/reply/templates',
      tags: ['cases'],
      summary: 'The policy’s reply templates that suit the case, filled for it',
      description: 'Who: anyone who may see the case. [Square brackets] mark what the officer writes in.',
      security: BEARER,
      request: { params: CaseRefParams },
      responses: { 200: jsonResponse(ReplyTemplatesView, 'The templates'), ...refusals(401, 404) },
    }),
    async (c) => {
      const { ref } = c.req.valid('param');
      return c.json({ items: await deps().services.commands.replyTemplates(c.var.actor, ref) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{ref}/reply/preview',
      tags: ['cases'],
      summary: 'What `reply` would send, sent nowhere: channel, address, subject, text, a text message’s length',
      description:
        'Who: owner, manager. The same body as `reply`. Computed by the code that sends: the next steps a complaint stage adds, the case reference in the subject, large print, a text too long for SMS going in writing with a pointer by text. `blockedBy` says why sending would be refused now.',
      security: BEARER,
      middleware: [jsonObjectBody],
      request: {
        params: CaseRefParams,
        body: { required: true, content: { 'application/json': { schema: ReplyInput } } },
      },
      responses: { 200: jsonResponse(ReplyPreviewView, 'The preview'), ...refusals(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { ref } = c.req.valid('param');
      return c.json(await deps().services.commands.previewReply(c.var.actor, ref, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/at-risk',
      tags: ['cases'],
      summary: 'Open cases past their target or due within a working day, across teams, nearest target first',
      description: `Who: manager. Reads the due-date queue a page at a time and stops at the first case due later (at most ${AT_RISK_MAX_READ} cases read; \`truncated\` when more were due).`,
      security: BEARER,
      middleware: [managersOnly('only managers see every team’s cases at risk')],
      responses: { 200: jsonResponse(AtRiskView, 'The cases at risk'), ...refusals(401, 403) },
    }),
    async (c) => c.json(await atRisk(deps(), c.var.actor), 200),
  );
}

async function atRisk(deps: ApiDeps, actor: Parameters<typeof onlyVisible>[1]): Promise<AtRiskView> {
  const now = deps.clock.now();
  const found: AtRiskView['items'] = [];
  let cursor: string | undefined;
  let read = 0;
  let later = false;
  while (!later && read < AT_RISK_MAX_READ) {
    const page = await deps.repository.listQueue({ queue: 'all' }, { limit: AT_RISK_PAGE, cursor, status: 'open' });
    read += page.items.length;
    const visible: Case[] = await onlyVisible(deps, actor, page.items, (k) => ({ case: k }));
    const contacts = await Promise.all(visible.map((k) => deps.repository.getContact(k.contactId)));
    for (const [i, k] of visible.entries()) {
      const item = caseListItem(deps.policy, k, contacts[i], now);
      const due = item.overdue || (item.workingDaysLeft !== null && item.workingDaysLeft <= 1) || isHoursSoon(item);
      if (due) found.push(item);
      else later = true;
    }
    if (!page.next) break;
    cursor = page.next;
  }
  found.sort((a, b) => a.effectiveRespondBy.localeCompare(b.effectiveRespondBy) || a.ref.localeCompare(b.ref));
  return { items: found, truncated: !later && read >= AT_RISK_MAX_READ };
}

/** An hours target (emergency) counts as at risk while open: it is due within a day by definition. */
function isHoursSoon(item: { effectiveRespondBy: string }): boolean {
  return item.effectiveRespondBy.length > 10;
}
