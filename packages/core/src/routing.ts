/**
 * Who owns a new case. The policy's categories decide the department (team);
 * within it, the officer named for the resident's patch when there is one,
 * otherwise the officer with the fewest open cases (ties broken by id, so the
 * choice is repeatable). Officers who are away or have left get nothing new.
 */
import { isAway, type Officer } from './cases.js';
import type { LocalDate } from './dates.js';
import type { Contact } from './model.js';

export interface OwnerChoice {
  ownerId?: string;
  reason: string;
}

export interface RoutingOptions {
  /** The landlord's local date: who is away is decided on it. */
  today: LocalDate;
  /** Officers who may not own this case (e.g. the stage 1 owner of a stage 2 complaint). */
  exclude?: readonly string[];
  contact?: Pick<Contact, 'tenancyRef' | 'postcode' | 'address'>;
}

function patchOf(contact: RoutingOptions['contact']): string[] {
  const keys = [contact?.tenancyRef, contact?.postcode].filter((k): k is string => Boolean(k));
  // A postcode at the end of an address line counts too.
  const inAddress = contact?.address?.toUpperCase().match(/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/);
  if (inAddress) keys.push(inAddress[0]);
  return keys.map((k) => k.toUpperCase().replace(/\s+/g, ''));
}

export async function chooseOwner(
  officers: readonly Officer[],
  teamId: string,
  openCases: (officerId: string) => Promise<number>,
  options: RoutingOptions,
): Promise<OwnerChoice> {
  const excluded = new Set(options.exclude ?? []);
  const available = (o: Officer) => o.active && !isAway(o, options.today) && !excluded.has(o.id);
  const team = officers.filter((o) => o.teamId === teamId);
  const caseworkers = team.filter((o) => o.role === 'officer' && available(o));

  const keys = patchOf(options.contact);
  const named = caseworkers.find((o) =>
    (o.patches ?? []).some((p) => keys.some((k) => k.startsWith(p.toUpperCase().replace(/\s+/g, '')))),
  );
  if (named) return { ownerId: named.id, reason: `named officer for the resident's patch in ${teamId}` };

  // One caseworker free: theirs whatever their load, so it is not counted.
  if (caseworkers.length === 1) {
    const only = caseworkers[0] as Officer;
    return { ownerId: only.id, reason: `the only caseworker free in ${teamId}` };
  }
  if (caseworkers.length > 0) {
    const loads = await Promise.all(caseworkers.map(async (o) => ({ o, load: await openCases(o.id) })));
    loads.sort((a, b) => a.load - b.load || a.o.id.localeCompare(b.o.id));
    const best = loads[0] as { o: Officer; load: number };
    return { ownerId: best.o.id, reason: `fewest open cases in ${teamId} (${best.load})` };
  }

  // Nobody free in the team: its line manager, then reception.
  const managerIds = new Set(team.map((o) => o.lineManagerId).filter((id): id is string => Boolean(id)));
  const manager = officers.find(
    (o) => (managerIds.has(o.id) || (o.teamId === teamId && o.role === 'manager')) && available(o),
  );
  if (manager) return { ownerId: manager.id, reason: `no caseworker free in ${teamId}: sent to the line manager` };
  const reception = officers.find((o) => o.role === 'reception' && available(o));
  if (reception) return { ownerId: reception.id, reason: `no one free in ${teamId}: sent to reception` };
  return { reason: `no one free in ${teamId}: left in the team queue` };
}

/** Officers whose work `officerId` covers today: direct reports who are away. */
export function coveredOfficers(officers: readonly Officer[], officerId: string, today: LocalDate): string[] {
  return officers.filter((o) => o.lineManagerId === officerId && isAway(o, today)).map((o) => o.id);
}
