/**
 * The officers' commands, generated from the contracts: one route per entry
 * of `CASE_COMMAND_INPUTS` and `REQUEST_COMMAND_INPUTS`, each described by
 * one line of the tables below (what it does, who may run it, which method
 * of core's commands runs it). Adding a command is its schema, its decision
 * and one line here; the compiler asks for the line.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { type Actor, type AuditEntry, type CaseCommands, type CaseWithHistory, isManager } from '@housing-inbox/core';
import {
  AbsenceInput,
  CASE_COMMAND_INPUTS,
  type CaseCommandName,
  CaseRefParams,
  CaseView,
  type CommandInput,
  DeactivatedView,
  DeactivateInput,
  LinkSignInInput,
  LoggedContactView,
  LogNewContactInput,
  OfficerParams,
  OfficerView,
  REQUEST_COMMAND_INPUTS,
  type RequestCommandInput,
  type RequestCommandName,
  RequestParams,
} from '@housing-inbox/core/contracts';
import * as z from 'zod';
import { requireQuotedCasesWritable, visibleLinks } from '../access.js';
import { HttpError } from '../errors.js';
import { jsonObjectBody } from '../http.js';
import { caseView, officerView } from '../views.js';
import { PRIVACY_COMMAND_LINES, recordAct } from './privacy-commands.js';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, refusals } from './shared.js';

interface CommandLine<I, Id extends unknown[] = []> {
  summary: string;
  /** Who may run it (the command itself decides; this is what the document and COMMANDS.md say). */
  who: string;
  /** Rules beyond the fields' own, for a reader of the document. */
  note?: string;
  run(commands: CaseCommands, actor: Actor, ref: string, ...rest: [...Id, I]): Promise<CaseWithHistory>;
  /** Data-protection acts also go on the audit trail (after the case records them): what to write. */
  audit?(input: I, found: CaseWithHistory): Pick<AuditEntry, 'action' | 'detail'>;
}

/** `POST /api/cases/{ref}/<name>`. */
export const CASE_COMMAND_LINES: { [N in CaseCommandName]: CommandLine<CommandInput<N>> } = {
  take: {
    summary: 'Take ownership',
    who: 'an officer of the case’s team, or a manager',
    run: (c, a, ref) => c.take(a, ref),
  },
  reassign: { summary: 'Reassign to another officer', who: 'manager', run: (c, a, ref, b) => c.reassign(a, ref, b) },
  requests: {
    summary: 'Ask a department for input',
    who: 'owner, manager',
    note: '`dueBy` is a working day, not after the response target — unless the target has passed: then with `newReplyDate`, the date the resident was told (on or after `dueBy`), shown as `lastPromised`. 409 on a restricted case: no department could see it to answer.',
    run: (c, a, ref, b) => c.requestInput(a, ref, b),
  },
  reply: {
    summary: 'Send the one collated reply on the resident’s channel',
    who: 'owner, manager',
    note: '409 while a department request is open.',
    run: (c, a, ref, b) => c.reply(a, ref, b),
  },
  reclassify: {
    summary: 'Reclassify as a service request, complaint or repair (with its priority); targets are recomputed',
    note: '`stage: 2` starts a complex complaint at stage 2 where the policy allows it (SPSO).',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.reclassify(a, ref, b),
  },
  escalate: {
    summary: 'Escalate a stage 1 complaint to stage 2',
    who: 'owner, manager',
    note: 'The stage 2 owner differs from stage 1’s (policy `complaints.independentStageTwo`). `requestedAt`: when the resident asked; the stage 2 clock starts then.',
    run: (c, a, ref, b) => c.escalate(a, ref, b),
  },
  'agreed-date': {
    summary: 'Record a reply date agreed with the resident',
    who: 'owner, manager',
    note: '`date` is a working day; on a complaint not after its target (use an extension).',
    run: (c, a, ref, b) => c.agreeDate(a, ref, b),
  },
  delay: {
    summary: 'Record why the answer is late, optionally with a complaint extension',
    who: 'owner, manager',
    note: 'An extension is for complaints, within the policy’s limit, before the target passes; the resident is told at once.',
    run: (c, a, ref, b) => c.recordDelay(a, ref, b),
  },
  notes: {
    summary: 'Add an internal note',
    who: 'anyone who may work on the case (its team, the department asked, owner, manager)',
    run: (c, a, ref, b) => c.addNote(a, ref, b),
  },
  log: {
    summary: 'Log a phone message, voicemail or visit on this case',
    who: 'anyone who may work on the case (its team, the department asked, owner, manager)',
    note: '`calledAt`: when the call came in (its clock starts then). After our reply it starts a new round.',
    run: (c, a, ref, b) => c.logContact(a, ref, b),
  },
  flag: {
    summary: 'Flag the contact under the unacceptable behaviour policy (shown on all their cases)',
    who: 'owner, officer of the team, manager',
    run: (c, a, ref, b) => c.flag(a, ref, b),
  },
  unflag: {
    summary: 'Lift the unacceptable behaviour flag',
    who: 'manager',
    run: (c, a, ref, b) => c.unflag(a, ref, b),
  },
  contact: {
    summary: 'Update the contact’s preferences and communication needs',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.updateContact(a, ref, b),
  },
  'confirm-details': {
    summary: 'Confirm (or discard) contact details a web form, text or email gave, waiting on the case',
    who: 'owner, manager',
    note: 'Until confirmed, replies go where the resident last asked. `fields` picks some; an email or number another contact holds is refused (409).',
    run: (c, a, ref, b) => c.confirmDetails(a, ref, b),
  },
  'letter-read': {
    summary: 'Read in a letter OCR could not read: its text, subject and sender; its acknowledgement then goes',
    who: 'anyone who may work on the case but a contributor',
    note: '409 unless the letter needs reading. Needs a postal address, email address or phone number. A sender already known by email or phone becomes the case’s contact (blank details filled; differing ones listed to confirm); targets still count from receipt.',
    run: (c, a, ref, b) => c.readLetter(a, ref, b),
  },
  restrict: {
    summary: 'Restrict the case to its owner and managers, or lift that',
    who: 'manager',
    note: 'Restricting withdraws every open department request (the departments can no longer see the case), each withdrawal on the timeline.',
    run: (c, a, ref, b) => c.restrict(a, ref, b),
  },
  close: {
    summary: 'Close the case (with `duplicateOf`: as a duplicate of another case)',
    who: 'owner, manager',
    note: 'A case closed as a duplicate records no reply and never counts as answered; both cases show the link.',
    run: (c, a, ref, b) => c.close(a, ref, b),
  },
  merge: {
    summary: 'Merge another case of the resident into this one',
    who: 'whoever may run both cases (owner, cover, manager)',
    note: '`from`’s messages, timeline and department requests move here; one owner; the earlier target stands; `from` is closed and its reference leads here forever; the resident is not acknowledged twice. Run it again to finish a merge that stopped part-way.',
    run: (c, a, ref, b) => c.merge(a, ref, b),
  },
  link: {
    summary: 'Link a related case (shown on both)',
    who: 'anyone who may see both cases',
    run: (c, a, ref, b) => c.link(a, ref, b),
  },
  reopen: { summary: 'Reopen a closed case', who: 'owner, manager', run: (c, a, ref, b) => c.reopen(a, ref, b) },
  responded: {
    summary: 'Record a call back or visit as the response: it meets or misses the target like a written reply',
    who: 'owner, manager',
    note: '`at`: when it happened (now when left out). 409 where the target is met by something else (a repair, an investigation).',
    run: (c, a, ref, b) => c.responded(a, ref, b),
  },
  'hazard-confirm': {
    summary: 'Confirm a likely hazard (or flag one the words missed); its clock runs from receipt',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.confirmHazard(a, ref, b),
  },
  'hazard-rule-out': {
    summary: 'Rule out a flagged hazard, with the reason; the case returns to what it was without it',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.ruleOutHazard(a, ref, b),
  },
  'investigation-concluded': {
    summary: 'Record a hazard investigation’s conclusion: findings, and whether works are needed',
    who: 'owner, manager',
    note: 'Meets the investigation target; the statutory milestones count from `at`.',
    run: (c, a, ref, b) => c.concludeInvestigation(a, ref, b),
  },
  'summary-sent': {
    summary: 'Record that the written summary of the findings was sent',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.summarySent(a, ref, b),
  },
  'works-started': {
    summary: 'Record that the works (or, with `further`, the preventative works) started',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.worksStarted(a, ref, b),
  },
  'repair-completed': {
    summary: 'The repair or the hazard works are done: meets a repair target, makes an emergency safe',
    who: 'owner, manager',
    note: '`at` defaults to now.',
    run: (c, a, ref, b) => c.repairCompleted(a, ref, b),
  },
  'alternative-accommodation': {
    summary: 'Record that suitable alternative accommodation was offered',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.alternativeAccommodation(a, ref, b),
  },
  'complaint-summary': {
    summary: 'Confirm the complaint as we understand it; the resident is sent it',
    who: 'owner, manager',
    run: (c, a, ref, b) => c.confirmComplaintSummary(a, ref, b),
  },
  ...PRIVACY_COMMAND_LINES,
};

/** `POST /api/cases/{ref}/requests/{id}/<name>`. */
export const REQUEST_COMMAND_LINES: { [N in RequestCommandName]: CommandLine<RequestCommandInput<N>, [string]> } = {
  answer: {
    summary: 'Answer a department request',
    who: 'the request’s department (any role), manager',
    run: (c, a, ref, id, b) => c.answerRequest(a, ref, id, b),
  },
  'more-time': {
    summary: 'Ask for more time on a department request',
    who: 'the request’s department, manager',
    run: (c, a, ref, id, b) => c.askMoreTime(a, ref, id, b),
  },
  close: {
    summary: 'Close a department request without an answer',
    who: 'owner, manager',
    run: (c, a, ref, id, b) => c.closeRequest(a, ref, id, b),
  },
};

interface Described {
  summary: string;
  who: string;
  note?: string;
}

/** A command's route: a JSON body checked by its schema, the caller signed in, the rules in words. */
function commandRoute<
  P extends string,
  Params extends z.ZodObject,
  Body extends z.ZodType,
  R extends RouteConfig['responses'],
>(def: { method?: 'post' | 'put'; path: P; params: Params; body: Body; line: Described; responses: R }) {
  const { line } = def;
  // A command on a case (its path names one) records itself on the case's timeline.
  const onCase = 'ref' in def.params.shape ? ' Adds a timeline entry; answers with the updated case.' : '';
  return createRoute({
    method: def.method ?? 'post',
    path: def.path,
    tags: ['commands'],
    summary: line.summary,
    description: `Who: ${line.who}.${line.note ? ` ${line.note}` : ''}${onCase}`,
    security: BEARER,
    middleware: [jsonObjectBody],
    request: { params: def.params, body: { required: true, content: { 'application/json': { schema: def.body } } } },
    responses: def.responses,
  });
}

const UPDATED_CASE = { 200: jsonResponse(CaseView, 'The updated case'), ...refusals(400, 401, 403, 404, 409) };

export function commandRoutes(app: ApiApp, deps: () => ApiDeps) {
  const answer = async (found: CaseWithHistory, actor: Actor) =>
    caseView(deps().policy, found, deps().clock.now(), await visibleLinks(deps(), actor, found.case));
  const services = () => deps().services;

  for (const [name, schema] of Object.entries(CASE_COMMAND_INPUTS)) {
    const line = CASE_COMMAND_LINES[name as CaseCommandName] as CommandLine<unknown>;
    const path = `/api/cases/{ref}/${name}`;
    app.openapi(
      commandRoute({ path, params: CaseRefParams, body: schema, line, responses: UPDATED_CASE }),
      async (c) => {
        const input = c.req.valid('json');
        const found = await line.run(services().commands, c.var.actor, c.req.valid('param').ref, input);
        if (line.audit) await recordAct(deps(), c.var.actor, { caseRef: found.case.ref, ...line.audit(input, found) });
        return c.json(await answer(found, c.var.actor), 200);
      },
    );
  }

  for (const [name, schema] of Object.entries(REQUEST_COMMAND_INPUTS)) {
    const line = REQUEST_COMMAND_LINES[name as RequestCommandName] as CommandLine<unknown, [string]>;
    const path = `/api/cases/{ref}/requests/{id}/${name}`;
    app.openapi(
      commandRoute({ path, params: RequestParams, body: schema, line, responses: UPDATED_CASE }),
      async (c) => {
        const { ref, id } = c.req.valid('param');
        const found = await line.run(services().commands, c.var.actor, ref, id, c.req.valid('json'));
        return c.json(await answer(found, c.var.actor), 200);
      },
    );
  }

  app.openapi(
    commandRoute({
      path: '/api/contacts/log',
      params: z.object({}),
      body: LogNewContactInput,
      line: {
        summary: 'Log a phone message, voicemail or visit as a new contact',
        who: 'officer, reception, manager',
        note: 'Needs a phone number, email address or postal address. `calledAt`: when the call came in or the voicemail was left — its clock starts then (a Hightown voicemail left while the officer logging it was away counts from their next working day). A summary that quotes a case reference joins that case: 403 unless the caller may add to it (a reference that names no case is refused alike).',
      },
      responses: { 201: jsonResponse(LoggedContactView, 'The case it opened or joined'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      // Ingest threads a logged call onto the case its summary quotes: only one the caller may add to.
      await requireQuotedCasesWritable(deps(), c.var.actor, input.summary);
      return c.json(await services().logNewContact(c.var.actor, input), 201);
    },
  );

  app.openapi(
    commandRoute({
      method: 'put',
      path: '/api/officers/{id}/absence',
      params: OfficerParams,
      body: AbsenceInput,
      line: {
        summary: 'Set an officer’s absence (or clear every absence with {}): no new cases, the line manager covers',
        who: 'the officer, their line manager, a manager',
      },
      responses: { 200: jsonResponse(OfficerView, 'The officer'), ...refusals(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(officerView(await services().officers.setAbsence(c.var.actor, id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    commandRoute({
      path: '/api/officers/{id}/deactivate',
      params: OfficerParams,
      body: DeactivateInput,
      line: { summary: 'Record a leaver: their open cases move to reception, each move recorded', who: 'manager' },
      responses: {
        200: jsonResponse(DeactivatedView, 'The officer and the cases moved'),
        ...refusals(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { officer, moved } = await services().officers.deactivate(c.var.actor, id, c.req.valid('json'));
      return c.json({ officer: officerView(officer), moved }, 200);
    },
  );

  app.openapi(
    commandRoute({
      path: '/api/officers/{id}/link-sign-in',
      params: OfficerParams,
      body: LinkSignInInput,
      line: {
        summary:
          'Link an officer’s cloud sign-in (Cognito sub) to their directory entry: the only way a token names them',
        who: 'manager',
        note: 'A sign-in is never matched by email; an unlinked one is refused with the id to link. 409 when another officer has that sign-in, or this one has another (unless `replace`).',
      },
      responses: { 200: jsonResponse(OfficerView, 'The officer'), ...refusals(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      if (!isManager(c.var.actor)) throw new HttpError(403, 'forbidden', 'only a manager can link a sign-in');
      const { id } = c.req.valid('param');
      const { cognitoSub, replace } = c.req.valid('json');
      const { repository } = deps();
      const officer = await repository.getOfficer(id);
      if (!officer) throw new HttpError(404, 'not-found', `no officer ${id}`);
      if (!officer.active) throw new HttpError(409, 'conflict', `${officer.name} has left: their sign-in stays shut`);
      if (officer.cognitoSub && officer.cognitoSub !== cognitoSub && !replace) {
        throw new HttpError(
          409,
          'conflict',
          `${officer.name} already has a sign-in linked: send replace to link this one instead`,
        );
      }
      // The store refuses a sign-in another officer holds (OfficerIdentityTakenError, 409).
      const linked = { ...officer, cognitoSub };
      await repository.putOfficer(linked);
      return c.json(officerView(linked), 200);
    },
  );
}
