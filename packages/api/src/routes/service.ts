/** The routes about the service itself: whether it is up, and its description. */
import { createRoute } from '@hono/zod-openapi';
import { HealthView } from '@housing-inbox/core/contracts';
import * as z from 'zod';
import { generateDocument } from '../openapi.js';
import { OPENAPI_PATH } from '../router.js';
import { type ApiApp, jsonResponse } from './shared.js';

export { OPENAPI_PATH };

export function serviceRoutes(app: ApiApp, ready: () => boolean) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['service'],
      summary: 'Whether every part of the service is up',
      responses: {
        200: jsonResponse(HealthView, 'Up: `{"status":"ok"}`'),
        503: jsonResponse(HealthView, 'Still starting: `{"status":"starting"}`'),
      },
    }),
    (c) => (ready() ? c.json({ status: 'ok' as const }, 200) : c.json({ status: 'starting' as const }, 503)),
  );

  let document: ReturnType<typeof generateDocument> | undefined;
  app.openapi(
    createRoute({
      method: 'get',
      path: OPENAPI_PATH,
      tags: ['service'],
      summary: 'This document: every route, generated from the schemas the router checks requests with',
      responses: { 200: jsonResponse(z.looseObject({ openapi: z.string() }), 'An OpenAPI 3.1 document') },
    }),
    // Generated on first request, once every route is registered.
    (c) => {
      document ??= generateDocument(app);
      return c.json(document, 200);
    },
  );
}
