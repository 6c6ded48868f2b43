/**
 * Telling the timers. The need to plan is written with the case change itself
 * (a pending plan, in the same transaction), then announced; it is cleared
 * once the timers hold the case: by whoever plans (the cloud's plan step, the
 * local runner), or here when the announcement is `durable` and nothing plans.
 * A crash in between leaves the pending plan for the next start (local) or
 * the redelivery and the sweep (cloud) to pick up: every accepted contact gets its timers.
 */
import { randomUUID } from 'node:crypto';
import { type DeliveryRecord, noCaseEvents, type PendingPlan } from '../ports.js';
import type { IngestDeps } from './types.js';

/**
 * A change to a case whose timer generation g was read with it (`deps.timerGenerations`)
 * moves the generation to g + 1 in its own transaction (`PendingPlan.generation`).
 */
export function pendingPlan(deps: IngestDeps, caseRef: string, change: 'opened' | 'changed'): PendingPlan {
  const read = change === 'changed' ? deps.timerGenerations?.get(caseRef) : undefined;
  return {
    caseRef,
    token: deps.newId?.() ?? randomUUID(),
    at: deps.clock.now().toISOString(),
    change,
    ...(read !== undefined ? { generation: read + 1 } : {}),
  };
}

export async function announce(deps: IngestDeps, plan: PendingPlan, change: 'opened' | 'changed'): Promise<void> {
  const events = deps.events ?? noCaseEvents;
  if (change === 'opened') await events.caseOpened(plan.caseRef);
  else await events.caseChanged(plan.caseRef, 'message-received', plan.generation);
  if (events.durable && plan.token) await deps.repository.clearPendingPlan(plan.caseRef, plan.token);
}

/**
 * A redelivery may be the retry of one whose announcement never happened (the
 * function stopped after the write): announce again, new cases and threaded
 * messages alike. Starting a case's timers again is harmless. The pending plan
 * is not read to be cleared here (a duplicate costs one read, the one that found
 * its marker): one a crash left behind is planned and cleared by whoever plans
 * leftovers (the cloud's sweep, the local stack's start, the local runner). A threaded
 * message's marker names the generation its write moved the case to (`DeliveryRecord.generation`):
 * announced with it, the redelivery moves no counter, so it costs that one read alone.
 */
export async function announceAgain(deps: IngestDeps, earlier: DeliveryRecord): Promise<void> {
  if (!earlier.caseRef || (earlier.outcome !== 'created' && earlier.outcome !== 'threaded')) return;
  for (const caseRef of [earlier.caseRef, ...(earlier.alsoCaseRefs ?? [])]) {
    // The generation the first delivery's write moved the case to: its execution started again
    // (harmless if it runs or ran), the counter not moved a second time (no DynamoDB write).
    const generation = caseRef === earlier.caseRef ? earlier.generation : undefined;
    const plan = { caseRef, token: '', at: '', ...(generation !== undefined ? { generation } : {}) };
    await announce(deps, plan, earlier.outcome === 'created' ? 'opened' : 'changed');
  }
}
