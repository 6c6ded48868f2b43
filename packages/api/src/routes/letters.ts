/**
 * `GET /api/letters/needs-reading`: the letters OCR could not read well, or
 * found no way to reply in, each with its scan's address beside what OCR read.
 * Officers, reception and managers; each sees the ones on cases they may see.
 * Reading one in is the `letter-read` command (routes/commands.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import { canWorkOnCase, letterMessage, messageWithBody } from '@housing-inbox/core';
import { LettersToReadQuery, LettersToReadView, type LetterToReadView } from '@housing-inbox/core/contracts';
import { HttpError } from '../errors.js';
import { type ApiApp, type ApiDeps, BEARER, covering, jsonResponse, refusals } from './shared.js';

export function letterRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/letters/needs-reading',
      tags: ['cases'],
      summary: 'Letters to read: scans OCR read poorly or with no way to reply, nearest target first',
      description:
        'Who: officers, reception and managers (not contributors); each sees the letters on cases they may see. A page may hold fewer than `limit` while `next` is not null: follow it.',
      security: BEARER,
      request: { query: LettersToReadQuery },
      responses: { 200: jsonResponse(LettersToReadView, 'One page of letters to read'), ...refusals(400, 401, 403) },
    }),
    async (c) => {
      const d = deps();
      const actor = c.var.actor;
      if (actor.role === 'contributor') throw new HttpError(403, 'forbidden', 'contributors do not read letters in');
      const { limit, next } = c.req.valid('query');
      let page: Awaited<ReturnType<typeof d.repository.listLettersToRead>>;
      try {
        page = await d.repository.listLettersToRead({ limit, cursor: next });
      } catch (err) {
        if (err instanceof RangeError) throw new HttpError(400, 'invalid-cursor', err.message);
        throw err;
      }
      const covered = await covering(d, actor);
      const items: LetterToReadView[] = [];
      for (const kase of page.items) {
        const found = await d.repository.getCaseWithHistory(kase.ref);
        if (!found?.case.needsReading || !canWorkOnCase(actor, found.case, found.requests, covered)) continue;
        const stored = letterMessage(found);
        if (!stored) continue;
        // A long letter's text kept as a blob read back: the officer reads it whole.
        const letter = await messageWithBody(d.blobs, stored);
        const index = letter.attachments.findIndex((a) => !a.inline);
        const scan = letter.attachments[index];
        items.push({
          ref: found.case.ref,
          subject: found.case.subject,
          receivedAt: found.case.receivedAt,
          status: found.case.status,
          teamId: found.case.teamId,
          ownerId: found.case.ownerId ?? null,
          reasons: found.case.needsReading.reasons,
          letter: {
            messageId: letter.id,
            text: letter.text,
            from: letter.from,
            confidence: letter.scan?.confidence ?? null,
            engine: letter.scan?.engine ?? null,
            preparation: letter.scan?.preparation ?? [],
            scan: scan
              ? {
                  filename: scan.filename,
                  contentType: scan.contentType,
                  size: scan.size,
                  index,
                  href: `/api/cases/${encodeURIComponent(found.case.ref)}/attachments/${encodeURIComponent(letter.id)}/${index}`,
                }
              : null,
          },
        });
      }
      return c.json({ items, next: page.next }, 200);
    },
  );
}
