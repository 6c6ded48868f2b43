/**
 * What officers do to cases, one file per area. Each command parses its input
 * with its schema (`../contracts`), then runs its decision through `run`
 * (`./run.ts`): read the case, decide, commit the case and its timeline at once.
 */
import { accessCommands } from './access.js';
import { classificationCommands } from './classification.js';
import { closureCommands } from './closure.js';
import { complaintCommands } from './complaints.js';
import { contactCommands } from './contact.js';
import { dateCommands } from './dates.js';
import { hazardCommands } from './hazards.js';
import { letterCommands } from './letters.js';
import { togetherCommands } from './merge.js';
import { ownershipCommands } from './ownership.js';
import { privacyCommands } from './privacy.js';
import { replyCommands } from './reply.js';
import { requestCommands } from './requests.js';
import { responseCommands } from './responses.js';
import { type CommandDeps, createRunner } from './run.js';

export { decideLetterRead, type KnownContacts, letterMessage } from './letters.js';
export { createOfficerCommands } from './officers.js';
export { type CommandDeps, CommandError, type CommandErrorKind } from './run.js';

export function createCaseCommands(deps: CommandDeps) {
  const runner = createRunner(deps);
  const closure = closureCommands(runner);
  return {
    ...ownershipCommands(runner),
    ...requestCommands(runner),
    ...replyCommands(runner),
    ...classificationCommands(runner),
    ...dateCommands(runner),
    ...contactCommands(runner),
    ...letterCommands(runner),
    ...accessCommands(runner),
    ...closure,
    // merge, link, and close (as a duplicate, or plainly): two cases at once.
    ...togetherCommands(runner, closure.close),
    ...hazardCommands(runner),
    ...responseCommands(runner),
    ...complaintCommands(runner),
    ...privacyCommands(runner),
  };
}

export type CaseCommands = ReturnType<typeof createCaseCommands>;
