/**
 * The timer workflow's Act step (Step Functions invokes it by ARN; the event
 * is the task's Parameters, `{ caseRef, settled, key }`). Re-reads the case,
 * re-plans, and sends the notice through the notice sender only if it is
 * still due (a case answered while the workflow waited sends nothing); each
 * notice key is claimed once per case, so a retried step never sends twice.
 * Returns the new workflow data `{ caseRef, settled, acted }`, which replaces
 * the state's data. Throws on a transient failure (Retry, then the DLQ).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { TimerState } from '@housing-inbox/timers/workflow';
import middy from '@middy/core';
import * as z from 'zod';
import { parsed } from './lib/events.js';
import { putLetterLater } from './lib/letter-put.js';
import { createLogger } from './lib/logging.js';
import { actSendersOver } from './lib/runtime.js';
import { withBucketName } from './lib/store-runtime.js';
import { type TimerRuntime, timerRuntimeFromEnvironment } from './lib/timer-runtime.js';

/** Act's Parameters: `{ caseRef, settled, key: $.plan.key }`. */
export const actTaskInputSchema = z.object({
  caseRef: z.string().min(1),
  settled: z.array(z.string()).default([]),
  key: z.string().optional(),
});

export interface HandlerOptions {
  runtime?: () => TimerRuntime;
  logger?: Logger;
}

export function createTimerActHandler({
  logger = createLogger(),
  // The only timer function that sends: the cloud senders, notice sender and officers' notifier over its
  // table runtime and the payload bucket's name (letters are posted into it, by an S3 client loaded with the
  // first letter: most invocations post none, and S3 is ~80 KB of the bundle).
  runtime = timerRuntimeFromEnvironment({
    senders: (table) => actSendersOver(withBucketName(table, process.env), process.env, { putLetter: putLetterLater }),
  }),
}: HandlerOptions = {}) {
  return middy<z.output<typeof actTaskInputSchema>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(actTaskInputSchema))
    .handler(async (input): Promise<TimerState> => {
      logger.setCorrelationId(input.caseRef);
      try {
        const state = await runtime().tasks.act(input);
        const acted = state.acted;
        // Status, action and key only: `detail` can carry a provider's message quoting an address.
        const line = {
          caseRef: input.caseRef,
          status: acted?.status,
          action: acted?.plan.action,
          key: acted?.plan.key || undefined,
        };
        if (acted?.status === 'failed') logger.warn('timer-notice-failed', line);
        else logger.info('timer-acted', line);
        return state;
      } catch (err) {
        logger.error('timer-act-failed', { caseRef: input.caseRef, error: (err as Error)?.name ?? 'unknown' });
        throw err;
      }
    });
}

export const handler = createTimerActHandler();
