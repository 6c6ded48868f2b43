/**
 * Who owns a new case. The policy's departments decide the team; within the
 * team, the officer with the fewest open cases (ties broken by id, so the
 * choice is repeatable).
 */
import type { Officer } from './cases.js';

export interface OwnerChoice {
  ownerId?: string;
  reason: string;
}

export async function chooseOwner(
  officers: readonly Officer[],
  teamId: string,
  openCases: (officerId: string) => Promise<number>,
): Promise<OwnerChoice> {
  const team = officers.filter((o) => o.active && o.teamId === teamId);
  const caseworkers = team.filter((o) => o.role === 'officer');
  const candidates = caseworkers.length > 0 ? caseworkers : team.filter((o) => o.role === 'manager');
  if (candidates.length === 0) {
    const reception = officers.find((o) => o.active && o.role === 'reception');
    return reception
      ? { ownerId: reception.id, reason: `no active officer in ${teamId}: sent to reception` }
      : { reason: `no active officer in ${teamId}: left in the team queue` };
  }
  const loads = await Promise.all(candidates.map(async (o) => ({ o, load: await openCases(o.id) })));
  loads.sort((a, b) => a.load - b.load || a.o.id.localeCompare(b.o.id));
  const best = loads[0] as { o: Officer; load: number };
  return { ownerId: best.o.id, reason: `fewest open cases in ${teamId} (${best.load})` };
}
