/**
 * The timer workflow's Plan step (Step Functions invokes it by ARN; the event
 * is the task's Parameters, `{ caseRef, settled, execution }`). Reads the case
 * and returns the next thing due and when — the plan itself, which the state
 * machine puts at `$.plan` and waits on (`TimestampPath $.plan.at`). A
 * superseded execution (the case changed and `<ref>-<n+1>` took over) gets
 * `none` and ends. Throws on a transient failure: the state's Retry, then its
 * Catch (the dead-letter queue), deal with it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { TimerPlan } from '@housing-inbox/timers/workflow';
import middy from '@middy/core';
import * as z from 'zod';
import { parsed } from './lib/events.js';
import { createLogger } from './lib/logging.js';
import { type TimerRuntime, timerRuntimeFromEnvironment } from './lib/timer-runtime.js';

/** Plan's Parameters: `{ caseRef, settled, execution: $$.Execution.Name }`. */
export const planTaskInputSchema = z.object({
  caseRef: z.string().min(1),
  settled: z.array(z.string()).default([]),
  execution: z.string().min(1).optional(),
});

export interface HandlerOptions {
  runtime?: () => TimerRuntime;
  logger?: Logger;
}

export function createTimerPlanHandler({
  logger = createLogger(),
  runtime = timerRuntimeFromEnvironment(),
}: HandlerOptions = {}) {
  return middy<z.output<typeof planTaskInputSchema>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(planTaskInputSchema))
    .handler(async (input): Promise<TimerPlan> => {
      logger.setCorrelationId(input.caseRef);
      try {
        const plan = await runtime().tasks.plan(input);
        // The action, instant and notice key only: the plan's reason can name the case's target dates and teams.
        logger.info('timer-planned', {
          caseRef: input.caseRef,
          execution: input.execution,
          action: plan.action,
          at: plan.at,
          key: plan.key || undefined,
        });
        return plan;
      } catch (err) {
        // The error's name only: a message can quote what the store or a resident wrote.
        logger.error('timer-plan-failed', { caseRef: input.caseRef, error: (err as Error)?.name ?? 'unknown' });
        throw err;
      }
    });
}

export const handler = createTimerPlanHandler();
