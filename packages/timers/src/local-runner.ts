/**
 * The timer workflow on the local stack: the same ASL definition CDK deploys,
 * run by aws-local-stepfunctions, its Task states routed to the in-process
 * plan/act code, its Wait state following the stack's movable clock.
 *
 * How: an execution runs Plan → (Wait) → Act → Plan … for as long as what it
 * plans is due on the stack's clock. When Plan returns something due later,
 * the runner writes that wake-up to the WakeUpStore and ends the in-memory
 * execution there — the point at which the cloud execution would sit in its
 * Wait state. When the clock reaches the wake-up (`tick`), a new execution
 * for the case starts at the top and re-plans; since Act re-plans anyway, the
 * outcome is the one the cloud gets when its Wait ends. A restart loses
 * nothing: the wake-ups are in the database, and `resumeAll` picks them up.
 */
import './polyfill.js';
import type { Clock } from '@housing-inbox/core';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { ActOutcome } from './act.js';
import {
  type AslDefinition,
  buildStateMachineDefinition,
  deadLetterQueueFailure,
  executionName,
  TIMER_STATES,
} from './definition.js';
import type { TimerPlan } from './plan.js';
import type { TimerInspector, TimerStatus } from './sweep.js';
import type { ActTaskInput, PlanTaskInput, TimerState, TimerTasks } from './tasks.js';
import type { WakeUp, WakeUpStore } from './wakeups.js';

/** Placeholder resources for the local definition; the runner routes these states to local code. */
export const LOCAL_RESOURCES = {
  planResource: 'arn:aws:lambda:eu-west-2:000000000000:function:housing-inbox-timer-plan',
  actResource: 'arn:aws:lambda:eu-west-2:000000000000:function:housing-inbox-timer-act',
  failure: deadLetterQueueFailure('https://sqs.eu-west-2.amazonaws.com/000000000000/housing-inbox-timer-dlq'),
};

export interface TimerFailure {
  caseRef: string;
  execution: string;
  at: string;
  /** The workflow data at the failure, with `error: { Error, Cause }`. */
  data: unknown;
}

export interface LocalTimerRunnerOptions {
  tasks: TimerTasks;
  store: WakeUpStore;
  clock: Clock;
  /** The definition to run; by default the one CDK deploys, with placeholder resources. */
  definition?: AslDefinition;
  /** Called for an execution that took the failure path (the cloud's dead-letter queue). */
  onFailure?: (failure: TimerFailure) => void | Promise<void>;
  log?: (event: string, fields: Record<string, unknown>) => void;
  /** Pause before a Task retry, in real milliseconds (the definition's seconds would hold up every timer). */
  retryIntervalMs?: number;
  /** A safety stop for one tick. */
  maxExecutionsPerTick?: number;
}

export interface SegmentOutcome {
  caseRef: string;
  execution: string;
  /** What Act did, in order. */
  acted: ActOutcome[];
  /** How the in-memory execution ended. */
  ended: { state: 'waiting'; wakeUp: WakeUp } | { state: 'done'; reason: string } | { state: 'failed'; error: unknown };
}

type RunningExecution = ReturnType<StateMachine['run']>;

export class LocalTimerRunner implements TimerInspector {
  readonly #tasks: TimerTasks;
  readonly #store: WakeUpStore;
  readonly #clock: Clock;
  readonly #machine: StateMachine;
  readonly #onFailure?: LocalTimerRunnerOptions['onFailure'];
  readonly #log: NonNullable<LocalTimerRunnerOptions['log']>;
  readonly #retryIntervalMs: number;
  readonly #maxPerTick: number;
  readonly #generations = new Map<string, number>();
  readonly #failures: TimerFailure[] = [];
  /** How each case's last execution in this process ended (Step Functions' statuses). */
  readonly #statuses = new Map<string, TimerStatus>();
  /** One thing at a time: executions, ticks and re-plans are serialised, so each wake-up fires once. */
  #queue: Promise<unknown> = Promise.resolve();
  #pendingTick?: Promise<number>;
  #interval?: ReturnType<typeof setInterval>;
  #unsubscribe?: () => void;
  /** The start's background re-plan of pending workflows (`start`), while it runs. */
  #resuming?: Promise<void>;
  #stopped = false;

  constructor(options: LocalTimerRunnerOptions) {
    this.#tasks = options.tasks;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#onFailure = options.onFailure;
    this.#log = options.log ?? (() => {});
    this.#retryIntervalMs = options.retryIntervalMs ?? 250;
    this.#maxPerTick = options.maxExecutionsPerTick ?? 10_000;
    const definition = options.definition ?? buildStateMachineDefinition(LOCAL_RESOURCES);
    this.#machine = new StateMachine(definition as unknown as StateMachineDefinition);
  }

  /** Executions that ended on the failure path since start (the local dead-letter queue). */
  get failures(): readonly TimerFailure[] {
    return this.#failures;
  }

  /**
   * The case's timer as Step Functions would describe its current execution, for the sweep
   * (`sweepTimers`): RUNNING while its wake-up is in the store, SUCCEEDED once it planned
   * nothing more, FAILED when it took the failure path, MISSING when it has neither (none ran
   * in this process, or its wake-up was lost). Run the sweep through `exclusive`, so no
   * execution is half-way between its wake-up and its status.
   */
  async status(caseRef: string): Promise<TimerStatus> {
    const last = this.#statuses.get(caseRef);
    if (last === 'SUCCEEDED' || last === 'FAILED') return last;
    return (await this.#store.get(caseRef)) ? 'RUNNING' : 'MISSING';
  }

  /** Runs `work` with no execution, tick or re-plan in progress (they wait for it, in order). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.#enqueue(work);
  }

  /** A new case: start its workflow (returns at once; `idle()` waits for it). */
  caseOpened(caseRef: string): Promise<void> {
    return this.caseChanged(caseRef, 'opened');
  }

  /**
   * A case changed (reply, reclassification, escalation, agreed date,
   * extension…): re-plan it now. Returns at once, so a command or an HTTP
   * request never waits for a notice to be sent; `idle()` waits for it.
   */
  caseChanged(caseRef: string, why = 'changed'): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.replan(caseRef).catch((error) => this.#log('timer.replan-failed', { caseRef, why, error: String(error) }));
    return Promise.resolve();
  }

  /** Re-plans a case now (after whatever is queued) and resolves with what its execution did. */
  replan(caseRef: string): Promise<SegmentOutcome> {
    return this.#enqueue(() => this.#runExecution(caseRef));
  }

  /**
   * Fires every wake-up due at `now`, soonest first, each once. An execution
   * keeps going while what it plans is due and no other case's wake-up is
   * earlier; otherwise it parks and the earliest wake-up goes next.
   * Resolves with how many executions ran.
   */
  tick(now: Date = this.#clock.now()): Promise<number> {
    if (this.#stopped) return Promise.resolve(0);
    // Ticks asked for while one waits in the queue join it (clock moves and the interval can pile up).
    this.#pendingTick ??= this.#enqueue(async () => {
      this.#pendingTick = undefined;
      const upTo = new Date(Math.max(now.getTime(), this.#clock.now().getTime()));
      let ran = 0;
      while (ran < this.#maxPerTick) {
        const [first, second] = await this.#store.due(upTo);
        if (!first) break;
        await this.#runExecution(first.caseRef, second?.at);
        ran++;
      }
      if (ran >= this.#maxPerTick) this.#log('timer.tick-limit', { ran });
      return ran;
    });
    return this.#pendingTick;
  }

  /**
   * On start: fire what fell due while the stack was down, then re-plan every
   * other pending workflow (its case, the policy or this code may have changed
   * meanwhile) so each is parked at its current next step. Re-plans go one at
   * a time through the runner's queue, so ticks, case changes and the sweep
   * interleave with them; `stop()` ends it early (`resumed` counts those done).
   */
  async resumeAll(): Promise<{ fired: number; resumed: number }> {
    const fired = await this.tick();
    const resumed = await this.#replanPending();
    return { fired, resumed };
  }

  async #replanPending(): Promise<number> {
    const startedAt = Date.now();
    const pending = await this.#enqueue(() => this.#store.all());
    let resumed = 0;
    for (const w of pending) {
      if (this.#stopped) break;
      await this.#enqueue(() => this.#runExecution(w.caseRef));
      resumed++;
    }
    this.#log('timer.resumed', { resumed, pending: pending.length, ms: Date.now() - startedAt });
    return resumed;
  }

  /**
   * Fires what fell due while the stack was down, then ticks on an interval of
   * real time and, when given `clockChanges` (e.g. StackClock.onChange),
   * whenever the clock moves. Re-planning the other pending workflows
   * (`resumeAll`) goes on in the background: with tens of thousands of open
   * cases it takes minutes, and nothing needs it first — a wake-up that falls
   * due meanwhile is fired and planned afresh by its tick. `idle()` waits for it.
   */
  async start(
    options: { intervalMs?: number; clockChanges?: (listener: (now: Date) => void) => () => void } = {},
  ): Promise<void> {
    this.#stopped = false;
    await this.tick();
    this.#resuming = this.#replanPending().then(
      () => undefined,
      (error) => this.#log('timer.resume-failed', { error: String(error) }),
    );
    const tick = (now?: Date) => {
      this.tick(now).catch((error) => this.#log('timer.tick-failed', { error: String(error) }));
    };
    this.#interval = setInterval(() => tick(), options.intervalMs ?? 1000);
    this.#interval.unref?.();
    this.#unsubscribe = options.clockChanges?.((now) => tick(now));
  }

  /** Stops ticking and waits for the execution in progress. Wake-ups stay in the store. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#interval) clearInterval(this.#interval);
    this.#interval = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await this.idle();
  }

  /** Resolves when everything queued so far has run. */
  async idle(): Promise<void> {
    await this.#resuming;
    let seen: Promise<unknown> | undefined;
    while (seen !== this.#queue) {
      seen = this.#queue;
      await seen.catch(() => {});
    }
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }

  #nextExecutionName(caseRef: string): string {
    const generation = (this.#generations.get(caseRef) ?? 0) + 1;
    this.#generations.set(caseRef, generation);
    try {
      return executionName(caseRef, generation);
    } catch {
      return `${caseRef}-${generation}`;
    }
  }

  /**
   * Runs one execution for a case until it ends or parks. `parkAfter`: also
   * park when the next step is later than this (another case's wake-up comes first).
   */
  async #runExecution(caseRef: string, parkAfter?: string): Promise<SegmentOutcome> {
    const name = this.#nextExecutionName(caseRef);
    const acted: ActOutcome[] = [];
    let ended: SegmentOutcome['ended'] | undefined;
    let execution: RunningExecution | undefined;
    let abortRequested = false;
    let failure: TimerFailure | undefined;

    const handlers = {
      [TIMER_STATES.plan]: async (input: unknown) => {
        const planned: TimerPlan = await this.#tasks.plan(input as unknown as PlanTaskInput);
        if (planned.action === 'none') {
          await this.#store.remove(caseRef);
          ended = { state: 'done', reason: planned.reason };
          return planned as unknown as Record<string, string>;
        }
        const now = this.#clock.now();
        if (new Date(planned.at) > now || (parkAfter !== undefined && planned.at > parkAfter)) {
          // Here the cloud execution would enter its Wait state: persist the wake-up and end the local one.
          await this.#store.set(caseRef, planned.at, planned.key);
          ended = { state: 'waiting', wakeUp: { caseRef, at: new Date(planned.at).toISOString(), key: planned.key } };
          if (execution) execution.abort();
          else abortRequested = true;
        }
        return planned as unknown as Record<string, string>;
      },
      [TIMER_STATES.act]: async (input: unknown) => {
        const state: TimerState = await this.#tasks.act(input as unknown as ActTaskInput);
        if (state.acted) {
          acted.push(state.acted);
          this.#log('timer.acted', {
            caseRef,
            execution: name,
            action: state.acted.plan.action,
            key: state.acted.plan.key,
            status: state.acted.status,
          });
        }
        return state as unknown as Record<string, string>;
      },
      [TIMER_STATES.reportFailure]: async (input: unknown) => {
        // The cloud sends the workflow data (with `error`) as the message body; keep the same here.
        const data = (input as { MessageBody?: unknown } | null)?.MessageBody ?? input;
        failure = { caseRef, execution: name, at: this.#clock.now().toISOString(), data };
        return {};
      },
    };

    execution = this.#machine.run(
      { caseRef },
      {
        overrides: {
          taskResourceLocalHandlers: handlers,
          // Never sleep in real time: a plan reaches the Wait only once it is due on the stack's clock.
          waitTimeOverrides: { [TIMER_STATES.wait]: 0 },
          retryIntervalOverrides: {
            [TIMER_STATES.plan]: this.#retryIntervalMs,
            [TIMER_STATES.act]: this.#retryIntervalMs,
            [TIMER_STATES.reportFailure]: this.#retryIntervalMs,
          },
        },
        noThrowOnAbort: true,
        context: { Execution: { Name: name } } as never,
      },
    );
    if (abortRequested) execution.abort();

    try {
      await execution.result;
    } catch (error) {
      // The failure path ran (or the definition failed outright): like the cloud, this case's
      // timer stops here until the case changes again; the failure is kept for operators.
      ended = { state: 'failed', error };
      await this.#store.remove(caseRef).catch(() => {});
      const record = failure ?? { caseRef, execution: name, at: this.#clock.now().toISOString(), data: String(error) };
      this.#failures.push(record);
      this.#log('timer.failed', { caseRef, execution: name, error: String(error) });
      await this.#onFailure?.(record);
    }
    const outcome = ended ?? { state: 'done', reason: 'execution ended' };
    this.#statuses.set(
      caseRef,
      { waiting: 'RUNNING', done: 'SUCCEEDED', failed: 'FAILED' }[outcome.state] as TimerStatus,
    );
    return { caseRef, execution: name, acted, ended: outcome };
  }
}
