/**
 * The console's route table against the API's generated OpenAPI document:
 * every route the console calls is served with that method, and answers with
 * the schema the console reads it as. Renaming a path, changing a method or
 * answering with another schema fails here, not in an officer's browser.
 */
import { openApiDocument } from '@housing-inbox/api';
import {
  AtRiskView,
  AuditListView,
  AutomatedListView,
  CASE_COMMAND_INPUTS,
  CaseListView,
  CaseView,
  DeactivatedView,
  DepartmentsView,
  LettersToReadView,
  LoggedContactView,
  MeView,
  MonthlyReportView,
  NotificationListView,
  OfficerListView,
  OfficerView,
  OutboxView,
  QuarantineListView,
  QuarantineReleaseView,
  REQUEST_COMMAND_INPUTS,
  ReplyPreviewView,
  ReplyTemplatesView,
  RequestListView,
  ResidentView,
  SignInView,
} from '@housing-inbox/core/contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { ROUTES, type Route } from '../../web/src/app/api.js';
import type { Answers } from '../../web/src/app/types.js';

type Document = ReturnType<typeof openApiDocument>;
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };

/** The schema behind each id the console names: the same object the API answers with. */
const SCHEMAS = {
  Case: CaseView,
  CaseList: CaseListView,
  Me: MeView,
  OfficerList: OfficerListView,
  Officer: OfficerView,
  Departments: DepartmentsView,
  RequestList: RequestListView,
  MonthlyReport: MonthlyReportView,
  Deactivated: DeactivatedView,
  LoggedContact: LoggedContactView,
  Outbox: OutboxView,
  SignIn: SignInView,
  AutomatedList: AutomatedListView,
  LettersToRead: LettersToReadView,
  AuditList: AuditListView,
  Resident: ResidentView,
  NotificationList: NotificationListView,
  ReplyTemplates: ReplyTemplatesView,
  ReplyPreview: ReplyPreviewView,
  AtRiskList: AtRiskView,
  QuarantineList: QuarantineListView,
  QuarantineRelease: QuarantineReleaseView,
} satisfies Record<keyof Answers, z.ZodType>;

/** What is wrong with one of the console's routes in the document (nothing, when it is served as the console expects). */
function problemsWith(doc: Document, route: string, answer: string): string[] {
  const [method = '', path = ''] = route.split(' ');
  const operations = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const op = operations[path]?.[method.toLowerCase()];
  if (!op) return [`${route} is not in the document`];
  const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  if (success.length !== 1) return [`${route} has ${success.length} success answers, the console reads one`];
  const content = success[0]?.[1].content ?? {};
  if (answer === 'binary') {
    const file = Object.keys(content).some((type) => type === 'application/octet-stream' || type === 'application/zip');
    return file ? [] : [`${route} does not answer with a file`];
  }
  const ref = content['application/json']?.schema?.$ref;
  const expected = `#/components/schemas/${answer}`;
  return ref === expected ? [] : [`${route} answers with ${ref ?? 'an unnamed schema'}, the console reads ${expected}`];
}

describe('the routes the console calls', () => {
  const doc = openApiDocument();

  it.each(Object.entries(ROUTES))('%s is served, answering %s', (route, answer) => {
    expect(problemsWith(doc, route, answer)).toEqual([]);
  });

  it('covers every command the console sends and every page it reads', () => {
    const routes = Object.keys(ROUTES) as Route[];
    const commands = [
      ...Object.keys(CASE_COMMAND_INPUTS),
      ...Object.keys(REQUEST_COMMAND_INPUTS).map((name) => `requests/{id}/${name}`),
    ].map((name) => `POST /api/cases/{ref}/${name}`);
    // The reply preview sends nothing: it is not a command.
    const sent = routes.filter(
      (r) => r.startsWith('POST /api/cases/{ref}/') && r !== 'POST /api/cases/{ref}/reply/preview',
    );
    expect(sent.sort()).toEqual(commands.sort());
    expect(routes).toContain('GET /api/cases/{ref}');
  });

  it.each([
    ['a renamed path', 'POST /api/cases/{ref}/note', 'Case', 'POST /api/cases/{ref}/note is not in the document'],
    ['another method', 'POST /api/officers/{id}/absence', 'Officer', 'is not in the document'],
    ['another schema', 'GET /api/cases/{ref}', 'CaseList', 'the console reads #/components/schemas/CaseList'],
    ['JSON where a file is served', 'GET /api/cases/{ref}/attachments/{messageId}/{index}', 'Case', 'unnamed'],
  ])('reports %s', (_label, route, answer, problem) => {
    expect(problemsWith(doc, route, answer).join()).toContain(problem);
  });
});

describe('the ids the console names', () => {
  it.each(Object.entries(SCHEMAS))('%s is the id of the schema the console types it by', (id, schema) => {
    expect(schema.meta()?.id).toBe(id);
  });

  it('types each answer as its schema’s output', () => {
    expectTypeOf<{ [K in keyof Answers]: z.output<(typeof SCHEMAS)[K]> }>().toEqualTypeOf<Answers>();
  });
});
