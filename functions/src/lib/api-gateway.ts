/** API Gateway HTTP API (payload 2.0) as the router sees it through hono/aws-lambda. */
import type { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import type { z } from 'zod';

export type HttpApiEvent = z.infer<typeof APIGatewayProxyEventV2Schema>;

/** What hono/aws-lambda hands each request as `c.env`. */
export interface LambdaBindings {
  event: HttpApiEvent;
}

/** The verified JWT claims API Gateway's authorizer put on the request, if any. */
export function jwtClaims(env: LambdaBindings): Record<string, unknown> | undefined {
  return env.event.requestContext.authorizer?.jwt?.claims;
}
