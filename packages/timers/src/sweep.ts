/**
 * The timers' sweep (cloud: EventBridge Scheduler invokes `timer-sweep` every
 * 15 minutes). Every open case must have a live timer; this puts right what
 * the event-driven path cannot:
 *
 * 1. **Parked wake-ups** (the wait horizon, `createTimerTasks({ park })`): a
 *    case whose next step was further away than the horizon has no running
 *    execution; once the step comes within the horizon its workflow is
 *    restarted (`caseChanged(ref, 'wake-up')`), so it waits inside Step
 *    Functions for less than the horizon and no execution nears the one-year limit.
 * 2. **Pending plans** older than a grace period: a change whose announcement
 *    never reached Step Functions (the function stopped, or StartExecution
 *    stayed throttled and the event's retries ran out): re-planned and cleared.
 * 3. **Failed or missing timers**: one page of the open cases (the all-cases
 *    index, `CASES#open`), continuing from where the last run stopped; each
 *    case's current execution (`<ref>-<generation>`) is looked up, and a case
 *    whose execution failed, timed out, was aborted or never started is
 *    re-planned (a parked case's execution SUCCEEDED: it is left to part 1).
 *
 * Each part is bounded by `limit` per run. A case that cannot be handled is
 * reported in `failed` (ids and error names only) and tried again next run.
 */
import type { CaseEvents, CaseRepository, Clock } from '@housing-inbox/core';
import type { WakeUpStore } from './wakeups.js';

/**
 * The sweep's schedule (CDK's `CaseTimers` deploys it with EventBridge
 * Scheduler; `npm run test:aws` creates it on moto's Scheduler). Every 15
 * minutes, well inside the default 24-hour wait horizon; a run Scheduler could
 * not deliver is retried twice within the 15 minutes, then left to the next.
 */
export const TIMER_SWEEP_SCHEDULE = {
  expression: 'rate(15 minutes)',
  retryAttempts: 2,
  maximumEventAgeSeconds: 900,
  /** Default wait horizon of the plan step (hours). */
  horizonHours: 24,
} as const;

/** What the cloud says about a case's current timer execution (Step Functions' statuses, or MISSING). */
export type TimerStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE' | 'MISSING';

/** Statuses after which the case has no live timer (SUCCEEDED: it planned `none` or parked). */
const DEAD: ReadonlySet<TimerStatus> = new Set(['FAILED', 'TIMED_OUT', 'ABORTED', 'MISSING']);

export interface TimerInspector {
  /** The status of the case's current execution. */
  status(caseRef: string): Promise<TimerStatus>;
}

/** Where the open-cases check got to (the store's `DynamoSweepCursor`). */
export interface SweepCursor {
  get(): Promise<string | undefined>;
  set(cursor: string | null): Promise<void>;
}

export interface SweepDeps {
  clock: Clock;
  events: Pick<CaseEvents, 'caseChanged'>;
  wakeUps: WakeUpStore;
  repository: Pick<CaseRepository, 'listPendingPlans' | 'clearPendingPlan' | 'listQueue'>;
  inspector: TimerInspector;
  cursor: SweepCursor;
  /** The wait horizon in ms (the plan task's `park.beyondMs`): wake-ups due within it are restarted. */
  horizonMs: number;
  /** At most this many of each part per run (default 100). */
  limit?: number;
  /** A pending plan younger than this (ms, default 5 minutes) is left to the change that wrote it. */
  pendingGraceMs?: number;
  /** Ids and error names only. */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export interface SweepReport {
  /** Cases whose parked wake-up came within the horizon: restarted. */
  woken: string[];
  /** Cases whose pending plan had not reached the timers: re-planned. */
  announced: string[];
  /** Open cases with no live timer: re-planned, with the status found. */
  restarted: { caseRef: string; status: TimerStatus }[];
  /** Open cases looked at this run. */
  checked: number;
  /** Cases that could not be handled this run (tried again next run). */
  failed: { caseRef: string; error: string }[];
}

export async function sweepTimers(deps: SweepDeps): Promise<SweepReport> {
  const limit = deps.limit ?? 100;
  const log = deps.log ?? (() => {});
  const now = deps.clock.now();
  const report: SweepReport = { woken: [], announced: [], restarted: [], checked: 0, failed: [] };
  const attempt = async (caseRef: string, work: () => Promise<void>) => {
    try {
      await work();
      return true;
    } catch (err) {
      const error = (err as Error)?.name ?? 'unknown';
      report.failed.push({ caseRef, error });
      log('timer-sweep-failed', { caseRef, error });
      return false;
    }
  };

  // 1. Parked wake-ups now within the horizon.
  const due = await deps.wakeUps.due(new Date(now.getTime() + deps.horizonMs), limit);
  for (const wakeUp of due) {
    const ok = await attempt(wakeUp.caseRef, async () => {
      // Removed first: the restarted plan may park the case again, and must not lose that to us.
      await deps.wakeUps.remove(wakeUp.caseRef);
      try {
        await deps.events.caseChanged(wakeUp.caseRef, 'wake-up');
      } catch (err) {
        await deps.wakeUps.set(wakeUp.caseRef, wakeUp.at, wakeUp.key);
        throw err;
      }
    });
    if (ok) report.woken.push(wakeUp.caseRef);
  }

  // 2. Pending plans the timers never took.
  const grace = deps.pendingGraceMs ?? 5 * 60_000;
  const { items: pending } = await deps.repository.listPendingPlans({ limit });
  // A case with a pending plan is this part's (or, within the grace period, its own change's).
  const handled = new Set([...report.woken, ...pending.map((p) => p.caseRef)]);
  for (const plan of pending) {
    if (now.getTime() - new Date(plan.at).getTime() < grace) continue;
    const ok = await attempt(plan.caseRef, async () => {
      await deps.events.caseChanged(plan.caseRef, 'sweep: pending plan');
      await deps.repository.clearPendingPlan(plan.caseRef, plan.token);
    });
    if (ok) report.announced.push(plan.caseRef);
  }

  // 3. One page of open cases: any without a live timer.
  const page = await deps.repository.listQueue(
    { queue: 'all' },
    { status: 'open', limit, cursor: await deps.cursor.get() },
  );
  for (const kase of page.items) {
    report.checked += 1;
    if (handled.has(kase.ref)) continue;
    await attempt(kase.ref, async () => {
      const status = await deps.inspector.status(kase.ref);
      if (!DEAD.has(status)) return;
      await deps.events.caseChanged(kase.ref, `sweep: timer ${status.toLowerCase()}`);
      report.restarted.push({ caseRef: kase.ref, status });
    });
  }
  await deps.cursor.set(page.next);
  log('timer-sweep', {
    woken: report.woken.length,
    announced: report.announced.length,
    restarted: report.restarted.length,
    checked: report.checked,
    failed: report.failed.length,
  });
  return report;
}
