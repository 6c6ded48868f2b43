/**
 * Core's `CaseEvents` for the functions that open and change cases (ingest,
 * the HTTP API): each case's timer workflow is started, and re-planned when
 * the case changes, on the Step Functions state machine CDK names in
 * `STATE_MACHINE_ARN` (`CaseTimers.grantCaseEvents(fn)` in infra). A function
 * without it emits nothing (`noCaseEvents`), as before timers existed. Ingest
 * leaves a case's pending plan for the execution's plan step to clear once it
 * has planned (timer-runtime.ts), and announces again when a delivery is retried.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { type CaseEvents, noCaseEvents } from '@housing-inbox/core';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import { type GenerationCounter, StepFunctionsCaseEvents } from '@housing-inbox/timers/workflow';

export interface CloudCaseEventsOptions {
  /** The runtime's DynamoDB client (the counter lives in the case table). */
  dynamodb?: DynamoDBClient;
  /** Tests: a mocked client. */
  sfn?: SFNClient;
  /** Replaces the DynamoDB counter (tests). */
  generations?: GenerationCounter;
  /** Ids and error names only. */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export function cloudCaseEvents(
  env: Record<string, string | undefined>,
  options: CloudCaseEventsOptions = {},
): CaseEvents {
  const stateMachineArn = env.STATE_MACHINE_ARN;
  if (!stateMachineArn) return noCaseEvents;
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('function environment is incomplete: TABLE_NAME (the case table) is not set');
  return new StepFunctionsCaseEvents({
    stateMachineArn,
    generations: options.generations ?? new DynamoGenerationCounter({ tableName, awsSdkV3Client: options.dynamodb }),
    awsSdkV3Client: options.sfn,
    log: options.log,
  });
}
