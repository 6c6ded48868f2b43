/**
 * What the timer functions (timer-plan, timer-act, timer-sweep) need: the
 * table runtime (store-runtime.ts: policy, repository, clock, the timers'
 * events; no payload bucket), the notice sender for the act step only (`notices`: the one
 * createServices builds over the cloud senders; plan and sweep never send, so
 * their bundles carry no senders), the case's timer generation
 * counter and parked wake-ups in the case table, and the Plan/Act task
 * handlers of @housing-inbox/timers over them, with the wait horizon (`park`)
 * and the first-hour spread on. Built once per container, like the runtime.
 *
 * The steps' input and output are the workflow data of the state machine
 * (packages/timers/src/definition.ts): Step Functions invokes the function by
 * its ARN, so the event is the task's Parameters and the return value is the
 * result itself, with no Payload wrapper.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { NoticeSender, OfficerNotifier } from '@housing-inbox/core';
import type { Services } from '@housing-inbox/services';
import { DynamoGenerationCounter, DynamoWakeUpRepository } from '@housing-inbox/store';
import {
  createTimerTasks,
  currentExecutionCheck,
  type GenerationCounter,
  type TimerTasks,
  type WakeUpStore,
} from '@housing-inbox/timers/workflow';
import * as z from 'zod';
import {
  createRecordsRuntime,
  once,
  type RecordsRuntime,
  type StoreRuntimeOptions,
  type TableRuntime,
} from './store-runtime.js';

/**
 * A timer function's side of the case table: its records, and the timers' case events only
 * where the function restarts executions (the sweep: `table: createTableRuntime`).
 */
export type TimerTable = RecordsRuntime & Partial<Pick<TableRuntime, 'events'>>;

export interface TimerRuntime {
  /** The table's side of the store: plan and sweep never touch payloads (act's senders add the bucket). */
  runtime: TimerTable;
  /** Which `<ref>-<n>` execution is current (the plan step ends a superseded one). */
  generations: GenerationCounter;
  /** Steps beyond the wait horizon, parked for the sweep (`timer-sweep.ts`) to restart. */
  wakeUps: WakeUpStore;
  /** The wait horizon in ms (`TIMER_WAIT_HORIZON_HOURS`). */
  horizonMs: number;
  tasks: TimerTasks;
}

/** What the act step sends with: notices to residents, and new cases' owner emails. */
type ActSenders = Pick<Services, 'notices' | 'notifier'>;

export interface TimerRuntimeOptions extends StoreRuntimeOptions {
  /** An already-built runtime (tests: the testbed's, whose `services` the act step then sends with). */
  runtime?: TimerTable & { services?: ActSenders };
  /**
   * Builds the table's side (default: its records alone, `createRecordsRuntime`; the sweep,
   * which restarts executions, passes `createTableRuntime` for the timers' case events).
   */
  table?: (env: Record<string, string | undefined>, options: StoreRuntimeOptions) => TimerTable;
  /** Builds the act step's senders over the store runtime (timer-act.ts: runtime.ts' `actSendersOver`). */
  senders?: (runtime: TimerTable) => ActSenders;
  /** Replaces the DynamoDB counter (tests). */
  generations?: GenerationCounter;
  /** Replaces the DynamoDB wake-ups (tests). */
  wakeUps?: WakeUpStore;
}

const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME (the case table) is not set'),
  /**
   * Steps further away than this are parked, not waited for inside Step Functions
   * (hours; 24 by default; the sweep runs every 15 minutes, well inside it).
   */
  TIMER_WAIT_HORIZON_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24),
  /** Notices due at an office opening spread over this many minutes (0 turns it off). */
  TIMER_SPREAD_MINUTES: z.coerce.number().int().min(0).max(480).default(60),
});

export function createTimerRuntime(
  env: Record<string, string | undefined>,
  options: TimerRuntimeOptions = {},
): TimerRuntime {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`function environment is incomplete: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  // One DynamoDB client for the repository and the counter.
  const dynamodb = options.dynamodb ?? options.runtime?.dynamodb ?? new DynamoDBClient({});
  const runtime = options.runtime ?? (options.table ?? createRecordsRuntime)(env, { ...options, dynamodb });
  const senders = options.runtime?.services ?? options.senders?.(runtime);
  const sender = senders?.notices ?? doesNotSend;
  const { TABLE_NAME, TIMER_WAIT_HORIZON_HOURS, TIMER_SPREAD_MINUTES } = parsed.data;
  const counter = new DynamoGenerationCounter({ tableName: TABLE_NAME, awsSdkV3Client: dynamodb });
  const generations = options.generations ?? counter;
  const wakeUps = options.wakeUps ?? new DynamoWakeUpRepository({ tableName: TABLE_NAME, awsSdkV3Client: dynamodb });
  const horizonMs = TIMER_WAIT_HORIZON_HOURS * 3_600_000;
  const tasks = createTimerTasks({
    repository: runtime.repository,
    policy: runtime.policy,
    clock: runtime.clock,
    sender,
    isCurrentExecution: currentExecutionCheck(generations),
    park: { store: wakeUps, beyondMs: horizonMs },
    ...(TIMER_SPREAD_MINUTES > 0 ? { spread: { minutes: TIMER_SPREAD_MINUTES } } : {}),
    // Ingest leaves the pending plan written with each change: the plan step clears it once planned.
    pendingPlans: {
      get: (caseRef) => runtime.repository.getPendingPlan(caseRef),
      changeBase: (caseRef) => counter.changeBase(caseRef),
      clear: (caseRef, token) => runtime.repository.clearPendingPlan(caseRef, token),
    },
    // New cases' "assigned to you" emails, which the ingest functions may not send.
    officerEmails: {
      claim: async (caseRef, id) => (await runtime.repository.claimOfficerEmail?.(caseRef, id)) ?? false,
      send: (items) => (senders?.notifier ?? doesNotEmail).email(items),
    },
  });
  return { runtime, generations, wakeUps, horizonMs, tasks };
}

/** The plan step and the sweep: a notice reaching them is a wiring fault, said plainly. */
const doesNotSend: NoticeSender = {
  async send() {
    throw new Error('this timer function does not send notices: only timer-act is given a notice sender');
  },
};

/** Plan and sweep never claim an officer's email (act does); reaching this is a wiring fault. */
const doesNotEmail: Pick<OfficerNotifier, 'email'> = {
  async email() {
    throw new Error('this timer function does not email officers: only timer-act is given a notifier');
  },
};

/** Builds the timer runtime on first call and hands the same one to every later invocation in this container. */
export function timerRuntimeFromEnvironment(options: TimerRuntimeOptions = {}): () => TimerRuntime {
  return once(() => createTimerRuntime(process.env, options));
}
