/** What managers monitor: the monthly figures, what could not be read, and automatic mail that joined no case. */
import { createRoute } from '@hono/zod-openapi';
import { type CaseMessage, calendarFor, monthlyReport, type Page } from '@housing-inbox/core';
import {
  AutomatedListView,
  AutomatedQuery,
  MonthlyReportView,
  MonthQuery,
  QuarantineListView,
  QuarantineQuery,
} from '@housing-inbox/core/contracts';
import { HttpError } from '../errors.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

/** A page of a listing; a cursor this API did not give is refused (400), not a 500. */
async function paged<T>(read: () => Promise<Page<T>>): Promise<Page<T>> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof RangeError) throw new HttpError(400, 'invalid-cursor', err.message, { next: err.message });
    throw err;
  }
}

const EXCERPT = 300;

/** What operators need to judge a piece of automatic mail, not the whole of it. */
export function automatedItem(m: CaseMessage): AutomatedListView['items'][number] {
  return {
    id: m.id,
    channel: m.channel,
    receivedAt: m.receivedAt,
    from: { name: m.from.name, email: m.from.email },
    subject: m.subject ?? null,
    excerpt: m.text.length > EXCERPT ? `${m.text.slice(0, EXCERPT - 1)}…` : m.text,
    automated: m.automated ?? { kind: 'auto-reply', reason: 'recorded as automatic' },
    rawKey: m.rawKey ?? null,
  };
}

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
      responses: {
        200: jsonResponse(QuarantineListView, 'One page of the quarantine, newest first'),
        ...refusals(400, 401, 403),
      },
    }),
    async (c) => {
      const { limit, next } = c.req.valid('query');
      return c.json(await paged(() => deps().repository.listQuarantine({ limit, cursor: next })), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/automated',
      tags: ['reports'],
      summary: 'Automatic mail that joined no case (auto-replies, help-desk tickets, list mail, bounces)',
      description:
        'Who: manager. Kept for operators: it opened no case and got no acknowledgement. Senders whose mail is machine-made get no automatic notices.',
      security: BEARER,
      middleware: [managersOnly('only managers can see automatic mail')],
      request: { query: AutomatedQuery },
      responses: { 200: jsonResponse(AutomatedListView, 'One page, newest first'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { limit, next } = c.req.valid('query');
      const page = await paged(() => deps().repository.listUnmatchedAutomated({ limit, cursor: next }));
      return c.json({ items: page.items.map(automatedItem), next: page.next }, 200);
    },
  );
}
