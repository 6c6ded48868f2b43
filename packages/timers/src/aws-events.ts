/**
 * The cloud side of core's `CaseEvents`: a case's timer workflow is a Step
 * Functions Standard execution named `<ref>-<n>`, where n is the case's
 * generation, a counter kept in the case table.
 *
 * - `caseOpened(ref)` starts `<ref>-1` with input `{"caseRef": ref}`. A
 *   duplicate start is harmless: the same name and input while it runs is a
 *   success, and `ExecutionAlreadyExists` (it has ended) is ignored.
 * - `caseChanged(ref, why, generation?)` re-plans at once rather than letting the
 *   running execution sleep past a moved date: it takes the next generation n (one
 *   atomic UpdateItem) — or n = `generation` when the change's own transaction
 *   already moved the counter there (ingest, when the counter is `keptWithCases`:
 *   one DynamoDB request fewer per threaded message) — starts `<ref>-n`, then
 *   stops `<ref>-(n-1)`. A stop
 *   that finds nothing (the execution ended, or never started) is fine; a stop
 *   that fails otherwise is reported and not thrown, because the plan task's
 *   `isCurrentExecution` backstop (`currentExecutionCheck`, same counter) ends
 *   any older generation at its next plan.
 *
 * A start that fails is thrown: the caller (ingest, a command) then fails
 * visibly, and the function's errors alarm says so.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { CaseEvents } from '@housing-inbox/core';
import { executionArn, executionName, parseExecutionName } from './definition.js';
import type { TimerInspector, TimerStatus } from './sweep.js';

/**
 * Each case's timer generation: which `<ref>-<n>` execution is the current one.
 * The DynamoDB adapter is the store's `DynamoGenerationCounter` (`@housing-inbox/store`).
 */
export interface GenerationCounter {
  /** The current generation: 1 until the case first changes (caseOpened starts `<ref>-1` without writing). */
  current(caseRef: string): Promise<number>;
  /** Moves to the next generation atomically and returns it (2 the first time). */
  next(caseRef: string): Promise<number>;
  /**
   * True when the counter is the case table's `TIMER#<ref>` / `#GENERATION` item, which
   * ingest reads with the case and moves in the case's own transaction (`CaseEvents.numbered`).
   */
  readonly keptWithCases?: boolean;
}

export class InMemoryGenerationCounter implements GenerationCounter {
  readonly #byCase = new Map<string, number>();

  async current(caseRef: string): Promise<number> {
    return this.#byCase.get(caseRef) ?? 1;
  }

  async next(caseRef: string): Promise<number> {
    const n = (this.#byCase.get(caseRef) ?? 1) + 1;
    this.#byCase.set(caseRef, n);
    return n;
  }
}

/**
 * The plan task's backstop (`createTimerTasks({ isCurrentExecution })`): false
 * for `<ref>-<n>` once the case's generation has moved past n, so an execution
 * whose stop was lost ends at its next plan instead of acting on its own
 * schedule. A name not of that form for this case (an operator's hand-started
 * run) is let through: notice keys are claimed once, so it cannot send twice.
 */
export function currentExecutionCheck(
  generations: GenerationCounter,
): (caseRef: string, executionName: string) => Promise<boolean> {
  return async (caseRef, name) => {
    const parsed = parseExecutionName(name);
    if (!parsed || parsed.caseRef !== caseRef) return true;
    return parsed.generation >= (await generations.current(caseRef));
  };
}

export interface StepFunctionsCaseEventsOptions {
  /** The timer state machine (`STATE_MACHINE_ARN` on the functions that emit case events). */
  stateMachineArn: string;
  generations: GenerationCounter;
  /** A Step Functions client (tests: mocked); one is built from the environment otherwise. */
  awsSdkV3Client?: SFNClient;
  /** Ids and error names only (never the error's message): a stop that failed, a duplicate start. */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export class StepFunctionsCaseEvents implements CaseEvents {
  /**
   * Not `durable`: ingest leaves the pending plan for the execution's plan step to clear once
   * it has planned (`createTimerTasks({ pendingPlans })`), one DeleteItem fewer per message.
   */
  readonly durable = false;
  /** Ingest moves the counter in the case's transaction when it lives beside the case. */
  readonly numbered: boolean;
  readonly #arn: string;
  readonly #generations: GenerationCounter;
  readonly #sfn: SFNClient;
  readonly #log: NonNullable<StepFunctionsCaseEventsOptions['log']>;

  constructor(options: StepFunctionsCaseEventsOptions) {
    executionArn(options.stateMachineArn, 'check'); // throws on something that is not a state machine ARN
    this.#arn = options.stateMachineArn;
    this.#generations = options.generations;
    this.numbered = options.generations.keptWithCases === true;
    this.#sfn = options.awsSdkV3Client ?? new SFNClient({});
    this.#log = options.log ?? (() => {});
  }

  async caseOpened(caseRef: string): Promise<void> {
    await this.#start(caseRef, 1);
  }

  async caseChanged(caseRef: string, why: string, generation?: number): Promise<void> {
    const n = generation !== undefined && generation >= 2 ? generation : await this.#generations.next(caseRef);
    await this.#start(caseRef, n);
    await this.#stop(caseRef, n - 1, `case changed (${why}); ${executionName(caseRef, n)} re-plans it`);
  }

  async #start(caseRef: string, generation: number): Promise<void> {
    const name = executionName(caseRef, generation);
    try {
      await this.#sfn.send(
        new StartExecutionCommand({ stateMachineArn: this.#arn, name, input: JSON.stringify({ caseRef }) }),
      );
    } catch (err) {
      // Started before and since ended (or started with other input): this generation has run.
      if (!(err instanceof ExecutionAlreadyExists)) throw err;
      this.#log('timer-already-started', { caseRef, execution: name });
    }
  }

  async #stop(caseRef: string, generation: number, cause: string): Promise<void> {
    const name = executionName(caseRef, generation);
    try {
      await this.#sfn.send(
        new StopExecutionCommand({ executionArn: executionArn(this.#arn, name), error: 'Superseded', cause }),
      );
    } catch (err) {
      if (err instanceof ExecutionDoesNotExist) return;
      this.#log('timer-stop-failed', { caseRef, execution: name, error: (err as Error)?.name ?? 'unknown' });
    }
  }
}

/**
 * The sweep's view of a case's timer: DescribeExecution of its current
 * generation's execution (`<ref>-<n>`, n from the counter); MISSING when Step
 * Functions has no such execution (never started, or its start was lost).
 */
export class StepFunctionsTimerInspector implements TimerInspector {
  readonly #arn: string;
  readonly #generations: GenerationCounter;
  readonly #sfn: SFNClient;

  constructor(options: Omit<StepFunctionsCaseEventsOptions, 'log'>) {
    executionArn(options.stateMachineArn, 'check');
    this.#arn = options.stateMachineArn;
    this.#generations = options.generations;
    this.#sfn = options.awsSdkV3Client ?? new SFNClient({});
  }

  async status(caseRef: string): Promise<TimerStatus> {
    const name = executionName(caseRef, await this.#generations.current(caseRef));
    try {
      const out = await this.#sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(this.#arn, name) }));
      return (out.status ?? 'MISSING') as TimerStatus;
    } catch (err) {
      if (err instanceof ExecutionDoesNotExist || (err as Error)?.name === 'ExecutionDoesNotExist') return 'MISSING';
      throw err;
    }
  }
}
