/**
 * The daily retention run (EventBridge Scheduler invokes it; the event is
 * ignored): erases the personal data of closed cases past the policy's
 * retention period, except under a legal hold, and deletes quarantined
 * deliveries that arrived longer ago than the period — services' `runRetention`
 * (retention.ts: alone, without the other data-rights use cases and their zip library),
 * the same use case as `POST /api/retention` and `npx inbox retention`. The
 * run and each erasure are on the audit trail as `retention`. Logs counts and
 * case references only.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { runRetention } from '@housing-inbox/services';
import middy from '@middy/core';
import { createLogger } from './lib/logging.js';
import { createRecordsRuntime, once, type RecordsRuntime, type StoreRuntime, withBlobs } from './lib/store-runtime.js';

export interface HandlerOptions {
  runtime?: () => RecordsRuntime & Pick<StoreRuntime, 'blobs'>;
  logger?: Logger;
}

export function createRetentionHandler({
  logger = createLogger(),
  runtime = once(() => withBlobs(createRecordsRuntime(process.env), process.env)),
}: HandlerOptions = {}) {
  return middy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async () => {
      const { policy, repository, privacy, blobs, clock, audit } = runtime();
      const result = await runRetention({ policy, repository, privacy, blobs, clock, audit });
      logger.info('retention-run', {
        erased: result.erased.length,
        held: result.held.length,
        cases: result.erased,
        quarantineDeleted: result.quarantineDeleted,
      });
      return { erased: result.erased.length, held: result.held.length };
    });
}

export const handler = createRetentionHandler();
