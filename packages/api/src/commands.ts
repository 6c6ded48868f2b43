/** Command routes: POST /api/cases/{ref}/<command> and the officer routes, mapped onto core's commands. */
import { type Actor, type CaseCommands, type CaseWithHistory, CommandError, type Officer } from '@housing-inbox/core';
import { type ApiRequest, HttpError } from './http.js';

const STATUS: Record<CommandError['kind'], number> = { forbidden: 403, 'not-found': 404, conflict: 409, invalid: 400 };

/** Maps a domain refusal to its HTTP status, keeping the message and the field errors. */
export function httpErrorFrom(err: unknown): unknown {
  if (err instanceof CommandError) return new HttpError(STATUS[err.kind], err.kind, err.message, err.fields);
  return err;
}

export function jsonBody(req: ApiRequest): Record<string, unknown> {
  const raw = req.body && req.body.byteLength > 0 ? new TextDecoder().decode(req.body) : '{}';
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'invalid-json', 'the body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'invalid-json', 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

type CaseCommand = (
  commands: CaseCommands,
  actor: Actor,
  ref: string,
  body: Record<string, unknown>,
  id?: string,
) => Promise<CaseWithHistory>;

/** `POST /api/cases/{ref}/<name>` → the command. */
export const CASE_COMMANDS: Record<string, CaseCommand> = {
  take: (c, a, ref) => c.take(a, ref),
  reassign: (c, a, ref, b) => c.reassign(a, ref, b),
  requests: (c, a, ref, b) => c.requestInput(a, ref, b),
  reply: (c, a, ref, b) => c.reply(a, ref, b),
  reclassify: (c, a, ref, b) => c.reclassify(a, ref, b),
  escalate: (c, a, ref, b) => c.escalate(a, ref, b),
  'agreed-date': (c, a, ref, b) => c.agreeDate(a, ref, b),
  delay: (c, a, ref, b) => c.recordDelay(a, ref, b),
  notes: (c, a, ref, b) => c.addNote(a, ref, b),
  log: (c, a, ref, b) => c.logContact(a, ref, b),
  flag: (c, a, ref, b) => c.flag(a, ref, b),
  unflag: (c, a, ref, b) => c.unflag(a, ref, b),
  contact: (c, a, ref, b) => c.updateContact(a, ref, b),
  restrict: (c, a, ref, b) => c.restrict(a, ref, b),
  close: (c, a, ref, b) => c.close(a, ref, b),
  reopen: (c, a, ref, b) => c.reopen(a, ref, b),
};

/** `POST /api/cases/{ref}/requests/{id}/<name>` → the command. */
export const REQUEST_COMMANDS: Record<string, CaseCommand> = {
  answer: (c, a, ref, b, id) => c.answerRequest(a, ref, id as string, b),
  'more-time': (c, a, ref, b, id) => c.askMoreTime(a, ref, id as string, b),
  close: (c, a, ref, b, id) => c.closeRequest(a, ref, id as string, b),
};

/** What the console needs to know of an officer: never their tokens or anything private. */
export function officerView(o: Officer) {
  return {
    id: o.id,
    name: o.name,
    email: o.email,
    role: o.role,
    teamId: o.teamId,
    lineManagerId: o.lineManagerId ?? null,
    active: o.active,
    absences: o.absences ?? [],
    patches: o.patches ?? [],
  };
}
