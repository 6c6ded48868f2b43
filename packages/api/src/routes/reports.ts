/** What managers monitor: the monthly figures and what could not be read. */
import { createRoute } from '@hono/zod-openapi';
import { calendarFor, monthlyReport } from '@housing-inbox/core';
import { MonthlyReportView, MonthQuery, QuarantineListView, QuarantineQuery } from '@housing-inbox/core/contracts';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

export function reportRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/reports/monthly',
      tags: ['reports'],
      summary: 'The month’s figures: contacts per channel, phone messages answered, targets met',
      description: 'Who: manager.',
      security: BEARER,
      middleware: [managersOnly('only managers can run the monthly report')],
      request: { query: MonthQuery },
      responses: { 200: jsonResponse(MonthlyReportView, 'The report'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { policy, repository, clock } = deps();
      const month = c.req.valid('query').month ?? calendarFor(policy).localDate(clock.now()).slice(0, 7);
      const report: MonthlyReportView = monthlyReport(policy, month, await repository.listMonth(month), clock.now());
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/quarantine',
      tags: ['reports'],
      summary: 'Inbound payloads that could not be read, with the reason and where the payload is kept',
      description: 'Who: manager.',
      security: BEARER,
      middleware: [managersOnly('only managers can see the quarantine')],
      request: { query: QuarantineQuery },
      responses: { 200: jsonResponse(QuarantineListView, 'The quarantine'), ...refusals(401, 403) },
    }),
    async (c) => {
      const limit = Number(c.req.valid('query').limit ?? 100) || 100;
      return c.json({ items: await deps().repository.listQuarantine(limit) }, 200);
    },
  );
}
