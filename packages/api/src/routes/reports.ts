/** What managers monitor: the monthly figures, what could not be read, and automatic mail that joined no case. */
import { createRoute } from '@hono/zod-openapi';
import {
  type CaseMessage,
  calendarFor,
  monthlyReport,
  normalisedCall,
  regulatorReturn,
  reportingYear,
} from '@housing-inbox/core';
import {
  AutomatedListView,
  AutomatedQuery,
  CallImportInput,
  CallImportView,
  MonthBackfillInput,
  MonthBackfillView,
  MonthlyReportView,
  MonthQuery,
  QuarantineListView,
  QuarantineQuery,
  RegulatorReturnView,
  YearQuery,
} from '@housing-inbox/core/contracts';
import { HttpError } from '../errors.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

/** A page of a listing; a cursor this API did not give is refused (400), not a 500. */
async function paged<P>(read: () => Promise<P>): Promise<P> {
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
      summary:
        'The month’s figures: channels, phone messages, each standard, teams and officers, notices, hazards, calls',
      description: 'Who: manager.',
      security: BEARER,
      middleware: [managersOnly('only managers can run the monthly report')],
      request: { query: MonthQuery },
      responses: { 200: jsonResponse(MonthlyReportView, 'The report'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { policy, repository, clock } = deps();
      const month = c.req.valid('query').month ?? calendarFor(policy).localDate(clock.now()).slice(0, 7);
      const [activity, officers] = await Promise.all([
        repository.listMonth(month, { monthEnd: true }),
        repository.listOfficers(),
      ]);
      const report: MonthlyReportView = monthlyReport(policy, month, activity, clock.now(), officers);
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

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/reports/regulator',
      tags: ['reports'],
      summary: 'The annual regulator return (TSM CH01, CH02, RP02 in England; the Charter figures in Scotland)',
      description:
        'Who: manager. The financial year from 1 April `year` to 31 March `year`+1, computed from the case record: twelve months of the month index, never a scan.',
      security: BEARER,
      middleware: [managersOnly('only managers can run the regulator return')],
      request: { query: YearQuery },
      responses: { 200: jsonResponse(RegulatorReturnView, 'The return'), ...refusals(400, 401, 403, 409) },
    }),
    async (c) => {
      const { policy, repository } = deps();
      const year = Number(c.req.valid('query').year);
      let months: string[];
      try {
        months = reportingYear(policy, year).months;
      } catch (err) {
        throw new HttpError(409, 'no-reporting-rules', (err as Error).message);
      }
      // One month at a time: each a few bounded pages, so the cost is the year's activity.
      const activity = [];
      for (const month of months) activity.push(await repository.listMonth(month));
      const answer: RegulatorReturnView = regulatorReturn(policy, year, activity);
      return c.json(answer, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/calls',
      tags: ['reports'],
      summary: 'Call records from the phone system (calls offered, answered, abandoned) for the monthly report',
      description:
        'Who: manager. Every record is checked before any is kept; a record with a callId seen before replaces it (importing again changes nothing).',
      security: BEARER,
      middleware: [managersOnly('only managers can import call records')],
      request: { body: { content: { 'application/json': { schema: CallImportInput } }, required: true } },
      responses: { 200: jsonResponse(CallImportView, 'How many were kept'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { calls } = c.req.valid('json');
      await deps().repository.putCalls(calls.map(normalisedCall));
      return c.json({ imported: calls.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/reports/backfill',
      tags: ['reports'],
      summary: 'Rebuild the month index from the case record, one page of cases at a time',
      description:
        'Who: manager. For records kept before each case was filed under every month it counts in or was open at the end of: each case is filed again by the same rule every write uses. Post again with `next` until it is null; running it twice changes nothing (`npx inbox report backfill`).',
      security: BEARER,
      middleware: [managersOnly('only managers can rebuild the month index')],
      request: { body: { content: { 'application/json': { schema: MonthBackfillInput } }, required: true } },
      responses: { 200: jsonResponse(MonthBackfillView, 'One page done'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const { from, next } = c.req.valid('json');
      return c.json(await paged(() => deps().repository.backfillMonthIndex({ from, cursor: next })), 200);
    },
  );
}
