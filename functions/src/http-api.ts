/**
 * The HTTP API behind API Gateway (payload format 2.0): the resident form
 * (/contact, no sign-in) and the officer API (/api/*, behind the Cognito JWT
 * authorizer). Every route is @housing-inbox/api's router, the one the local
 * stack serves, its groups of routes built on their first request in the
 * container (`createLazyApi`: nothing is built at import); this file says who
 * the caller is.
 * The form's per-client limit is the local stack's (`RateLimiter`), kept per
 * Lambda instance: a second line behind the WAF's rate rule.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
// The lazy router by its own path: the package's index imports every route.
import { CONTACT_RATE_LIMIT, createLazyApi, RateLimiter } from '@housing-inbox/api/lazy';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { type HttpApiEvent, jwtClaims, type LambdaBindings, viewerAddress } from './lib/api-gateway.js';
import { parsed } from './lib/events.js';
import { httpApiEventSchema } from './lib/http-events.js';
import { createLogger, ingestLog } from './lib/logging.js';
import { principalFromClaims } from './lib/principal.js';
import { type Runtime, runtimeFromEnvironment } from './lib/runtime.js';

export interface HandlerOptions {
  runtime?: () => Runtime;
  logger?: Logger;
  /** Posts of the resident form one client may make in `CONTACT_RATE_LIMIT.windowMs` (default its `limit`). */
  contactRateLimit?: number;
}

export function createHttpApiHandler({
  logger = createLogger(),
  runtime = runtimeFromEnvironment({ log: ingestLog(logger) }),
  contactRateLimit = CONTACT_RATE_LIMIT.limit,
}: HandlerOptions = {}) {
  const limiter = new RateLimiter(contactRateLimit, CONTACT_RATE_LIMIT.windowMs, () => runtime().clock.now().getTime());
  const app = createLazyApi({
    // Built on the first request that needs it: /health answers without the runtime.
    deps: () => {
      const { policy, repository, clock, blobs, services, audit, privacy } = runtime();
      return { policy, repository, clock, blobs, services, audit, privacy };
    },
    async authenticate(c) {
      const claims = jwtClaims(c.env as LambdaBindings);
      const { principal, claimsDiffer } = principalFromClaims(claims, await runtime().repository.listOfficers());
      if (claimsDiffer) logger.warn('token-claims-differ-from-directory', { officerId: principal.officerId });
      return principal;
    },
    clientAddress: (c) => viewerAddress((c.env as LambdaBindings).event),
    allowContact: (address) => limiter.allow(address ?? 'unknown'),
    // The error's name only: messages can quote what a resident wrote.
    onError: (failure) => logger.error('request-failed', failure),
  });
  // `handle` calls only the router's `fetch`.
  const serve = handle(app as never) as unknown as (
    event: HttpApiEvent,
    context: Context,
  ) => Promise<APIGatewayProxyResultV2>;

  return middy<HttpApiEvent>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(httpApiEventSchema))
    .handler(async (event, context): Promise<APIGatewayProxyResultV2> => {
      const result = await serve(event, context);
      const status = typeof result === 'object' ? result.statusCode : 200;
      logger.info('request', { route: event.routeKey, status });
      return result;
    });
}

export const handler = createHttpApiHandler();
