/**
 * The local stack's side of "every accepted contact gets its timers". Ingest
 * writes a pending plan with every case change (core `ingest/announce.ts`);
 * here the runner plans in the background and the pending plan is cleared once
 * it has. On start, before the runner ticks, whatever a crash left is put
 * right: notice claims that never became a sent, skipped or failed notice are
 * released (nothing else runs yet, so no send is in flight), and every case
 * with a pending plan is planned, so its acknowledgement goes out now.
 */
import type { CaseEvents, CaseRepository } from '@housing-inbox/core';

export interface PlanRunner {
  /** Re-plans a case now (after whatever is queued) and resolves when its execution has run. */
  replan(caseRef: string): Promise<unknown>;
}

type Repository = Pick<
  CaseRepository,
  'getPendingPlan' | 'listPendingPlans' | 'clearPendingPlan' | 'getCaseWithHistory' | 'releaseNotice'
> & {
  listNoticeClaims(caseRef: string): Promise<{ key: string; at: string }[]>;
};

type Log = (event: string, fields: Record<string, unknown>) => void;

/** Timeline entries that settle a notice claim: after one of these the claim is not a crash's leftover. */
const SETTLING = new Set(['notice-sent', 'notice-skipped', 'notice-failed']);

/**
 * The CaseEvents the local stack's use cases call: each change is planned in the
 * background (a request never waits for a notice), and its pending plan cleared once planned.
 */
export function plannedCaseEvents(repository: Repository, timers: () => PlanRunner | undefined, log: Log) {
  let stopped = false;
  const plan = async (ref: string) => {
    const runner = timers();
    if (stopped || !runner) return;
    // Read before planning: the plan then sees at least the change this pending plan stands for.
    const pending = await repository.getPendingPlan(ref);
    await runner.replan(ref);
    if (pending) await repository.clearPendingPlan(ref, pending.token);
  };
  const background = (ref: string, why: string) => {
    plan(ref).catch((error) => log('timer.plan-failed', { caseRef: ref, why, error: String(error) }));
  };
  const events: CaseEvents & { stop(): void } = {
    caseOpened: async (ref) => background(ref, 'opened'),
    caseChanged: async (ref, why) => background(ref, why),
    stop: () => {
      stopped = true;
    },
  };
  return events;
}

/**
 * On start, before the runner ticks: release notice claims a crash left unsettled on
 * the cases it may have been acting for (those with a pending plan or a due wake-up),
 * then plan every case with a pending plan and clear it.
 */
export async function reconcilePendingPlans(
  repository: Repository,
  timers: PlanRunner,
  options: { dueCaseRefs?: string[]; log?: Log } = {},
): Promise<{ planned: number; released: number }> {
  const pending = [];
  let cursor: string | undefined;
  do {
    const page = await repository.listPendingPlans({ limit: 200, cursor });
    pending.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);

  let released = 0;
  for (const ref of new Set([...pending.map((p) => p.caseRef), ...(options.dueCaseRefs ?? [])])) {
    released += await releaseUnsettledClaims(repository, ref);
  }
  for (const p of pending) {
    await timers.replan(p.caseRef);
    await repository.clearPendingPlan(p.caseRef, p.token);
  }
  options.log?.('timer.reconciled', { planned: pending.length, released });
  return { planned: pending.length, released };
}

async function releaseUnsettledClaims(repository: Repository, ref: string): Promise<number> {
  const claims = await repository.listNoticeClaims(ref);
  if (claims.length === 0) return 0;
  const found = await repository.getCaseWithHistory(ref);
  const settled = new Set(
    (found?.timeline ?? [])
      .filter((t) => SETTLING.has(t.type))
      .map((t) => t.data?.noticeKey)
      .filter((k): k is string => typeof k === 'string'),
  );
  let released = 0;
  for (const claim of claims) {
    if (settled.has(claim.key)) continue;
    await repository.releaseNotice(ref, claim.key);
    released++;
  }
  return released;
}
