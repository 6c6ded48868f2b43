/** Commands on officers rather than cases: absence (and cover), and leavers. */
import { randomUUID } from 'node:crypto';
import { type Actor, isManager } from '../access.js';
import { calendarFor } from '../calendar.js';
import type { Case, Officer, TimelineEntry } from '../cases.js';
import { AbsenceInput, DeactivateInput } from '../contracts/commands.js';
import { noCaseEvents, WriteConflictError } from '../ports.js';
import { type CommandDeps, CommandError, parseInput } from './run.js';

export function createOfficerCommands(deps: Omit<CommandDeps, 'notices'>) {
  const { repository, policy } = deps;
  const newId = deps.newId ?? randomUUID;
  const events = deps.events ?? noCaseEvents;

  return {
    /** Records an absence from `from` to `to` (past ones are dropped); `{}` clears every absence. */
    async setAbsence(actor: Actor, officerId: string, input: unknown): Promise<Officer> {
      const { from, to } = parseInput(AbsenceInput, input);
      const officer = await repository.getOfficer(officerId);
      if (!officer) throw new CommandError('not-found', `no officer ${officerId}`);
      const allowed = actor.officerId === officerId || officer.lineManagerId === actor.officerId || isManager(actor);
      if (!allowed) {
        throw new CommandError('forbidden', 'only the officer, their line manager or a manager can set an absence');
      }
      let absences: Officer['absences'] = [];
      if (from && to) {
        const today = calendarFor(policy).localDate(deps.clock.now());
        absences = [...(officer.absences ?? []).filter((a) => a.to >= today), { from, to, setBy: actor.officerId }];
      }
      const updated = { ...officer, absences };
      await repository.putOfficer(updated);
      return updated;
    },

    /** A leaver: no more sign-in, no new cases, and every open case moves to reception, each move recorded. */
    async deactivate(actor: Actor, officerId: string, input: unknown): Promise<{ officer: Officer; moved: string[] }> {
      const { reason } = parseInput(DeactivateInput, input);
      if (!isManager(actor)) throw new CommandError('forbidden', 'only a manager can record a leaver');
      const officer = await repository.getOfficer(officerId);
      if (!officer) throw new CommandError('not-found', `no officer ${officerId}`);
      const now = deps.clock.now().toISOString();
      const officers = await repository.listOfficers();
      const reception = officers.find((o) => o.role === 'reception' && o.active && o.id !== officerId);
      const updated = { ...officer, active: false, deactivatedAt: now };
      await repository.putOfficer(updated);
      const moved: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.listQueue({ queue: 'owner', ownerId: officerId }, { limit: 100, cursor });
        for (const listed of page.items) {
          // Timers and officers may touch the case meanwhile: read it again and retry on a conflict.
          for (let attempt = 1; ; attempt++) {
            const kase = (await repository.getCase(listed.ref)) ?? listed;
            if (kase.ownerId !== officerId) break;
            const entry: TimelineEntry = {
              id: newId(),
              caseRef: kase.ref,
              at: now,
              type: 'reassigned',
              actor: actor.officerId,
              summary: `${officer.name} has left: case moved to ${reception ? `reception (${reception.name})` : 'the team queue'}`,
              data: { from: officerId, to: reception?.id, reason },
            };
            const next: Case = { ...kase, updatedAt: now };
            if (reception) next.ownerId = reception.id;
            else delete next.ownerId;
            try {
              await repository.commitCaseChange({ case: next, expectedUpdatedAt: kase.updatedAt, timeline: [entry] });
            } catch (err) {
              if (err instanceof WriteConflictError && attempt < 5) continue;
              throw err;
            }
            await events.caseChanged(kase.ref, 'owner-changed');
            moved.push(kase.ref);
            break;
          }
        }
        cursor = page.next ?? undefined;
      } while (cursor);
      return { officer: updated, moved };
    },
  };
}
