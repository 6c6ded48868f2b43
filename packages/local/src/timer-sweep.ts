/**
 * The local counterpart of the cloud's scheduled timer sweep (EventBridge
 * Scheduler → `functions/src/timer-sweep.ts`): the same `sweepTimers`, run
 * once at start and then every `intervalMs` of the stack's clock (real time
 * plus what `/local/clock` moved it by), so an open case whose timer went
 * missing — its wake-up lost, its last execution failed, never planned — is
 * re-planned, and a pending plan nothing took is planned. Each run goes
 * through the runner's queue (`LocalTimerRunner.exclusive`): no execution is
 * half-way while it looks. Logs counts and case references only.
 */
import type { CaseEvents, CaseRepository } from '@housing-inbox/core';
import {
  type LocalTimerRunner,
  type SweepCursor,
  type SweepReport,
  sweepTimers,
  type WakeUpStore,
} from '@housing-inbox/timers';
import type { StackClock } from './clock.js';

/** The cloud's schedule (`TIMER_SWEEP_SCHEDULE`, rate(15 minutes)). */
export const DEFAULT_TIMER_SWEEP_MINUTES = 15;

/**
 * Locally nothing is parked beyond a horizon (the runner's own ticks fire every wake-up on
 * the stack's clock), so the sweep's first part — restarting parked cases — finds none.
 */
const nothingParked: WakeUpStore = {
  set: async () => {},
  remove: async () => {},
  get: async () => undefined,
  due: async () => [],
  all: async () => [],
};

export interface LocalTimerSweepOptions {
  runner: Pick<LocalTimerRunner, 'exclusive' | 'status'>;
  clock: StackClock;
  events: Pick<CaseEvents, 'caseChanged'>;
  repository: Pick<CaseRepository, 'listPendingPlans' | 'clearPendingPlan' | 'listQueue'>;
  /** Where the open-cases check got to (the store's `DynamoSweepCursor`, kept across restarts). */
  cursor: SweepCursor;
  /** Milliseconds of the stack's clock between runs. */
  intervalMs: number;
  /** How often (real milliseconds) the clock is looked at besides its own changes (default 1000). */
  pollMs?: number;
  log: (event: string, fields: Record<string, unknown>) => void;
}

export interface LocalTimerSweep {
  /** Resolves with the run in progress, if any (tests). */
  idle(): Promise<void>;
  /** No more runs; waits for the one in progress. */
  stop(): Promise<void>;
}

/** Starts the sweep: one run now, then one whenever `intervalMs` of the stack's clock has passed. */
export function startTimerSweep(options: LocalTimerSweepOptions): LocalTimerSweep {
  const { runner, clock, intervalMs, log } = options;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError(`sweep interval must be above 0 ms`);
  let lastAt: number | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const sweep = (): Promise<SweepReport> =>
    sweepTimers({
      clock,
      events: options.events,
      wakeUps: nothingParked,
      repository: options.repository,
      inspector: runner,
      cursor: options.cursor,
      horizonMs: 0,
      log,
    });
  const check = () => {
    const now = clock.now().getTime();
    // Due once the interval has passed since the last run, or at once when the clock was set back before it.
    const due = lastAt === undefined || now >= lastAt + intervalMs || now < lastAt;
    if (stopped || running || !due) return;
    lastAt = now;
    running = runner
      .exclusive(sweep)
      .then(
        () => {},
        (err) => log('timer-sweep-failed', { error: (err as Error)?.name ?? 'unknown' }),
      )
      .finally(() => {
        running = undefined;
      });
  };

  const interval = setInterval(check, options.pollMs ?? 1000);
  interval.unref?.();
  const unsubscribe = clock.onChange(() => check());
  check();
  return {
    async idle() {
      await running;
    },
    async stop() {
      stopped = true;
      clearInterval(interval);
      unsubscribe();
      await running;
    },
  };
}
