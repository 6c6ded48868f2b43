/**
 * The HTTP API behind API Gateway (payload format 2.0): the resident form
 * (/contact, no sign-in) and the officer API (/api/*, behind the Cognito JWT
 * authorizer). Every route is @housing-inbox/api's router, the one the local
 * stack serves; this file adapts the event and says who the caller is.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import { createRouter, json } from '@housing-inbox/api';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { type HttpApiEvent, jwtClaims, toApiRequest, toResult } from './lib/api-gateway.js';
import { createLogger, ingestLog } from './lib/logging.js';
import { principalFromClaims } from './lib/principal.js';
import { type Runtime, runtimeFromEnvironment } from './lib/runtime.js';

export interface HandlerOptions {
  runtime?: () => Runtime;
  logger?: Logger;
}

export function createHttpApiHandler({
  logger = createLogger(),
  runtime = runtimeFromEnvironment({ log: ingestLog(logger) }),
}: HandlerOptions = {}) {
  return middy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parser({ schema: APIGatewayProxyEventV2Schema }))
    .handler(async (event): Promise<APIGatewayProxyResultV2> => {
      const req = toApiRequest(event);
      if (req.path === '/health' && req.method === 'GET') return toResult(json(200, { status: 'ok' }));
      const response = await routerFor(runtime(), logger, event)(req);
      logger.info('request', { route: event.routeKey, status: response.status });
      return toResult(response);
    });
}

/** The router, with this request's caller taken from the authorizer's claims. */
function routerFor(rt: Runtime, logger: Logger, event: HttpApiEvent) {
  const { policy, repository, clock, blobs, services } = rt;
  return createRouter({
    policy,
    repository,
    clock,
    blobs,
    commands: services.commands,
    submitContact: services.submitContact,
    logNewContact: services.logNewContact,
    async authenticate() {
      const { principal, claimsDiffer } = principalFromClaims(jwtClaims(event), await repository.listOfficers());
      if (claimsDiffer) logger.warn('token-claims-differ-from-directory', { officerId: principal.officerId });
      return principal;
    },
    // The error's name only: messages can quote what a resident wrote.
    onError: (err) => logger.error('request-failed', { route: event.routeKey, error: (err as Error)?.name }),
  });
}

export const handler = createHttpApiHandler();
