/** API Gateway HTTP API (payload 2.0) ↔ the transport-free ApiRequest/ApiResponse of @housing-inbox/api. */
import type { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import type { ApiRequest, ApiResponse } from '@housing-inbox/api';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { z } from 'zod';

export type HttpApiEvent = z.infer<typeof APIGatewayProxyEventV2Schema>;

export function toApiRequest(event: HttpApiEvent): ApiRequest {
  const { rawPath, body, isBase64Encoded } = event;
  return {
    method: event.requestContext.http.method,
    // The same trailing-slash rule as the local server: /api/cases/ is /api/cases.
    path: rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath,
    query: { ...event.queryStringParameters },
    headers: { ...event.headers },
    body: body === undefined ? undefined : new Uint8Array(Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8')),
    sourceIp: event.requestContext.http.sourceIp,
  };
}

export function toResult(response: ApiResponse): APIGatewayProxyResultV2 {
  const binary = typeof response.body !== 'string';
  return {
    statusCode: response.status,
    headers: response.headers,
    body: binary ? Buffer.from(response.body).toString('base64') : (response.body as string),
    isBase64Encoded: binary,
  };
}

/** The verified JWT claims API Gateway's authorizer put on the request, if any. */
export function jwtClaims(event: HttpApiEvent): Record<string, unknown> | undefined {
  return event.requestContext.authorizer?.jwt?.claims;
}
