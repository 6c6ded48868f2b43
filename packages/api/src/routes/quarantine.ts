/** Releasing what was quarantined: a manager puts a held delivery through ingest again (services' release.ts). */
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { QuarantineIdParam, QuarantineReleaseInput, QuarantineReleaseView } from '@housing-inbox/core/contracts';
import { type ApiApp, type ApiDeps, BEARER, jsonResponse, managersOnly, refusals } from './shared.js';

export function quarantineRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/quarantine/{id}/release',
      tags: ['reports'],
      summary: 'Release a quarantined delivery: put its kept payload through ingest, skipping only what held it',
      description:
        'Who: manager. Spam is ingested as if clean and acknowledged; mail whose DMARC (or SPF and DKIM) failed opens a case of its own and never joins an existing one; a payload that could not be parsed is parsed again and, failing again, stays in quarantine with the new reason (`released: false`). A virus is never released (409), nor a letter (upload its file again, 409). Releasing again answers the first release (`alreadyReleased`); each release is on the audit trail.',
      security: BEARER,
      middleware: [managersOnly('only managers can release from quarantine')],
      request: {
        params: QuarantineIdParam,
        body: { content: { 'application/json': { schema: QuarantineReleaseInput } }, required: false },
      },
      responses: {
        200: jsonResponse(QuarantineReleaseView, 'What the release made of it'),
        ...refusals(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const d = deps();
      const actor = c.var.actor;
      const { note } = c.req.valid('json') ?? {};
      const result = await d.services.releaseQuarantined(actor.officerId, c.req.valid('param').id);
      const caseRef = result.released ? (result.release.caseRef ?? null) : null;
      if (!(result.released && result.alreadyReleased)) {
        await d.audit.record({
          id: randomUUID(),
          at: result.released ? result.release.at : (result.entry.retried?.at ?? d.clock.now().toISOString()),
          officerId: actor.officerId,
          action: 'quarantine-released',
          ...(caseRef ? { caseRef } : {}),
          detail: {
            quarantineId: result.entry.id,
            channel: result.entry.channel,
            released: result.released,
            ...(result.released ? { outcome: result.release.outcome } : {}),
            ...(result.entry.verdict ? { verdict: result.entry.verdict } : {}),
            ...(note ? { note } : {}),
          },
        });
      }
      const answer: QuarantineReleaseView = {
        released: result.released,
        alreadyReleased: result.released && result.alreadyReleased,
        caseRef,
        item: result.entry,
      };
      return c.json(answer, 200);
    },
  );
}
