/**
 * The timers' sweep, invoked by EventBridge Scheduler every 15 minutes (the
 * event is the schedule's fixed input and is not read). Restarts parked cases
 * whose next step is now within the wait horizon, re-plans changes whose
 * announcement never reached Step Functions, and one page of open cases whose
 * current execution failed, timed out, was aborted or is missing
 * (`sweepTimers` in @housing-inbox/timers). Logs counts and case references
 * only. Throws when a case could not be handled, so the errors alarm fires;
 * the next run tries it again.
 *
 * A message from the timers' dead-letter queue (the workflow data of a timer
 * that failed for good, `{ caseRef, error, … }`), handed back by
 * `npx inbox replay --function <this function>`, restarts that one case's timer
 * at once instead of waiting for the sweep's lap to reach it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoSweepCursor } from '@housing-inbox/store';
import { StepFunctionsTimerInspector, type SweepReport, sweepTimers } from '@housing-inbox/timers/workflow';
import middy from '@middy/core';
import * as z from 'zod';
import { createLogger } from './lib/logging.js';
import { createTableRuntime } from './lib/store-runtime.js';
import { type TimerRuntime, timerRuntimeFromEnvironment } from './lib/timer-runtime.js';

/** What the state machine's failure path sends to the timers' dead-letter queue (its workflow data). */
const timerDeadLetterSchema = z.object({ caseRef: z.string().min(1).max(64), error: z.unknown() });

export interface HandlerOptions {
  runtime?: () => TimerRuntime;
  logger?: Logger;
  /** Tests: a Step Functions client pointed elsewhere. */
  sfn?: SFNClient;
  env?: Record<string, string | undefined>;
  /** Cases per part per run (default 100). */
  limit?: number;
}

export function createTimerSweepHandler({
  logger = createLogger(),
  // The one timer function that starts executions: the table runtime with the timers' case events.
  runtime = timerRuntimeFromEnvironment({ table: createTableRuntime }),
  sfn,
  env = process.env,
  limit,
}: HandlerOptions = {}) {
  return middy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event: unknown): Promise<SweepReport> => {
      const { runtime: shared, generations, wakeUps, horizonMs } = runtime();
      const events = shared.events;
      if (!events) throw new Error('the timer sweep is built without the timers’ case events: pass createTableRuntime');
      const deadLetter = timerDeadLetterSchema.safeParse(event);
      if (deadLetter.success) {
        // Re-planned from the case as it is now: a step already sent is not sent again.
        await events.caseChanged(deadLetter.data.caseRef, 'replayed dead letter');
        logger.info('timer-replayed', { caseRef: deadLetter.data.caseRef });
        return {
          woken: [],
          announced: [],
          restarted: [{ caseRef: deadLetter.data.caseRef, status: 'FAILED' }],
          checked: 1,
          failed: [],
        };
      }
      const stateMachineArn = env.STATE_MACHINE_ARN;
      const tableName = env.TABLE_NAME;
      if (!stateMachineArn || !tableName) {
        throw new Error('function environment is incomplete: STATE_MACHINE_ARN and TABLE_NAME must be set');
      }
      const log = (event: string, fields: Record<string, unknown>) => logger.info(event, fields);
      const report = await sweepTimers({
        clock: shared.clock,
        events,
        wakeUps,
        repository: shared.repository,
        inspector: new StepFunctionsTimerInspector({ stateMachineArn, generations, awsSdkV3Client: sfn }),
        cursor: new DynamoSweepCursor({ tableName, awsSdkV3Client: shared.dynamodb }),
        horizonMs,
        limit,
        log,
      });
      if (report.failed.length > 0) {
        throw new Error(`timer sweep: ${report.failed.length} case(s) could not be handled; the next run tries again`);
      }
      return report;
    });
}

export const handler = createTimerSweepHandler();
