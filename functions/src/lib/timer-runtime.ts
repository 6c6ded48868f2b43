/**
 * What the two timer functions (timer-plan, timer-act) need: the shared
 * runtime (runtime.ts: policy, repository, clock, and the notice sender
 * createServices builds over the cloud senders), the case's timer generation
 * counter in the case table, and the Plan/Act task handlers of
 * @housing-inbox/timers over them. Built once per container, like the runtime.
 *
 * The steps' input and output are the workflow data of the state machine
 * (packages/timers/src/definition.ts): Step Functions invokes the function by
 * its ARN, so the event is the task's Parameters and the return value is the
 * result itself, with no Payload wrapper.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import {
  createTimerTasks,
  currentExecutionCheck,
  type GenerationCounter,
  type TimerTasks,
} from '@housing-inbox/timers/workflow';
import { z } from 'zod';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';

export interface TimerRuntime {
  runtime: Runtime;
  /** Which `<ref>-<n>` execution is current (the plan step ends a superseded one). */
  generations: GenerationCounter;
  tasks: TimerTasks;
}

export interface TimerRuntimeOptions extends RuntimeOptions {
  /** An already-built runtime (tests: the testbed's). */
  runtime?: Runtime;
  /** Replaces the DynamoDB counter (tests). */
  generations?: GenerationCounter;
}

const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME (the case table) is not set'),
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
  const dynamodb = options.dynamodb ?? new DynamoDBClient({});
  const runtime = options.runtime ?? createRuntime(env, { ...options, dynamodb });
  const generations =
    options.generations ?? new DynamoGenerationCounter({ tableName: parsed.data.TABLE_NAME, awsSdkV3Client: dynamodb });
  const tasks = createTimerTasks({
    repository: runtime.repository,
    policy: runtime.policy,
    clock: runtime.clock,
    sender: runtime.services.notices,
    isCurrentExecution: currentExecutionCheck(generations),
  });
  return { runtime, generations, tasks };
}

/** Builds the timer runtime on first call and hands the same one to every later invocation in this container. */
export function timerRuntimeFromEnvironment(options: TimerRuntimeOptions = {}): () => TimerRuntime {
  let built: TimerRuntime | undefined;
  return () => {
    built ??= createTimerRuntime(process.env, options);
    return built;
  };
}

/** Plan's Parameters: `{ caseRef, settled, execution: $$.Execution.Name }`. */
export const planTaskInputSchema = z.object({
  caseRef: z.string().min(1),
  settled: z.array(z.string()).default([]),
  execution: z.string().min(1).optional(),
});

/** Act's Parameters: `{ caseRef, settled, key: $.plan.key }`. */
export const actTaskInputSchema = z.object({
  caseRef: z.string().min(1),
  settled: z.array(z.string()).default([]),
  key: z.string().optional(),
});
