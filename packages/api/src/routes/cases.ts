/** The officers' read routes: queues, a case with its history, and a message's attachments. */
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  type AuditEntry,
  type Case,
  type CaseWithHistory,
  type Contact,
  canSeeAllCases,
  canSeeCase,
  effectiveRespondBy,
  isHoursTarget,
  type QueueFilter,
  type QueuePage,
  type QueueSelector,
  withMessageBodies,
} from '@housing-inbox/core';
import { AttachmentParams, CaseListQuery, CaseListView, CaseRefParams, CaseView } from '@housing-inbox/core/contracts';
import * as z from 'zod';
import { onlyVisible, visibleLinks } from '../access.js';
import type { Principal } from '../auth.js';
import { contentDisposition } from '../content-disposition.js';
import { HttpError } from '../errors.js';
import { caseListItem, caseView } from '../views.js';
import { type ApiApp, type ApiDeps, BEARER, covering, jsonResponse, refusals } from './shared.js';

export function caseRoutes(app: ApiApp, deps: () => ApiDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases',
      tags: ['cases'],
      summary:
        'A queue of cases, 50 a page: nearest target first, or newest, latest activity or most pressing first; filtered',
      security: BEARER,
      request: { query: CaseListQuery },
      responses: { 200: jsonResponse(CaseListView, 'One page of the queue'), ...refusals(400, 401, 403) },
    }),
    async (c) => c.json(await queuePage(deps(), c.var.actor, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{ref}',
      tags: ['cases'],
      summary: 'One case with its contact, messages, timeline and department requests',
      description: 'A look at a restricted case is recorded on the audit trail (who, when, which case) first.',
      security: BEARER,
      request: { params: CaseRefParams },
      responses: { 200: jsonResponse(CaseView, 'The case'), ...refusals(401, 404) },
    }),
    async (c) => {
      const d = deps();
      const { ref } = c.req.valid('param');
      // A merged-away reference answers with the case it was merged into, forever.
      const found = await followMerges(d, await d.repository.getCaseWithHistory(ref));
      // Not found and not allowed look the same: a reference alone reveals nothing.
      if (!found || !canSeeCase(c.var.actor, found.case, found.requests, await covering(d, c.var.actor))) {
        throw new HttpError(404, 'not-found', `no case ${ref}`);
      }
      await recordLook(d, c.var.actor, found.case, 'viewed-restricted-case');
      // Long bodies kept as blobs read back, so the view shows every message whole.
      const seen = await seenByOwner(d, c.var.actor, await withMessageBodies(d.blobs, found));
      return c.json(caseView(d.policy, seen, d.clock.now(), await visibleLinks(d, c.var.actor, seen.case)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{ref}/attachments/{messageId}/{index}',
      tags: ['cases'],
      summary: 'An attachment or letter scan of a message: images and PDFs shown inline, anything else downloaded',
      security: BEARER,
      request: { params: AttachmentParams },
      responses: {
        200: {
          description: 'The file, never run: sandboxed, not sniffed, not cached',
          content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...refusals(401, 404),
      },
    }),
    async (c) => {
      const d = deps();
      const { ref, messageId, index } = c.req.valid('param');
      const found = await d.repository.getCaseWithHistory(ref);
      if (!found || !canSeeCase(c.var.actor, found.case, found.requests, await covering(d, c.var.actor)))
        throw new HttpError(404, 'not-found', 'no such attachment');
      const attachment = found.messages.find((msg) => msg.id === messageId)?.attachments[Number(index)];
      const blob = attachment ? await d.blobs.get(attachment.blobKey) : undefined;
      if (!attachment || !blob) throw new HttpError(404, 'not-found', 'no such attachment');
      await recordLook(d, c.var.actor, found.case, 'viewed-restricted-attachment');
      const inline = /^(image\/(png|jpeg|gif)|application\/pdf)$/.test(attachment.contentType);
      return c.body(new Uint8Array(blob.body), 200, {
        'content-type': inline ? attachment.contentType : 'application/octet-stream',
        'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', attachment.filename),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      });
    },
  );
}

/** The case a merged-away case was merged into (a few hops at most), or the case itself. */
async function followMerges(deps: ApiDeps, found: CaseWithHistory | undefined): Promise<CaseWithHistory | undefined> {
  let current = found;
  for (let hop = 0; current?.case.mergedInto && hop < 5; hop++) {
    current = (await deps.repository.getCaseWithHistory(current.case.mergedInto)) ?? current;
  }
  return current;
}

/** The owner opened the case: its new-activity markers are cleared (anyone else's look leaves them). */
async function seenByOwner(deps: ApiDeps, actor: Principal, found: CaseWithHistory): Promise<CaseWithHistory> {
  const { activity } = found.case;
  if (!activity || found.case.ownerId !== actor.officerId) return found;
  await deps.repository.clearActivity(found.case.ref, activity.at);
  const { activity: _seen, ...kase } = found.case;
  return { ...found, case: kase };
}

/**
 * A look at a restricted case goes on the audit trail before anything is shown:
 * when the trail cannot be written, nothing is shown.
 */
async function recordLook(deps: ApiDeps, actor: Principal, kase: Case, action: AuditEntry['action']) {
  if (!kase.restricted) return;
  const at = deps.clock.now().toISOString();
  await deps.audit.record({ id: randomUUID(), at, officerId: actor.officerId, action, caseRef: kase.ref });
}

/**
 * One page of a queue (50 by default) in the order asked, filtered by the store as it
 * reads. `mine` adds, on its first page, the cases of direct reports away today. A team
 * or owner filter reads that team's or officer's queue instead: every officer may see
 * any case that is not restricted, and `onlyVisible` drops the rest.
 */
async function queuePage(
  deps: ApiDeps,
  actor: Principal,
  query: z.output<typeof CaseListQuery>,
): Promise<CaseListView> {
  const { repository, policy } = deps;
  const { queue, limit, sort } = query;
  if (queue === 'all' && !canSeeAllCases(actor) && !query.team && !query.owner)
    throw new HttpError(403, 'forbidden', 'only managers can see every case');
  const cursor = query.next ?? query.cursor;
  const status = query.status === 'closed' ? 'closed' : 'open';
  const filter: QueueFilter = {
    kind: query.kind,
    priority: query.priority,
    hazard: query.hazard,
    channel: query.channel,
    status: query.status === 'open' || query.status === 'closed' ? undefined : query.status,
  };
  const options = { limit, cursor, status, sort, filter } as const;
  let items: Case[];
  let next: string | null;
  // The contacts a store read with the page's cases (one BatchGetItem for both); the rest are read below.
  const contacts = new Map<string, Contact>();
  const keep = (page: QueuePage) => {
    for (const [id, contact] of page.contacts ?? []) contacts.set(id, contact);
    return page;
  };
  try {
    if (query.owner || query.team) {
      const selector: QueueSelector = query.owner
        ? { queue: 'owner', ownerId: query.owner }
        : { queue: 'team', teamId: query.team as string };
      ({ items, next } = keep(await repository.listQueue(selector, options)));
      if (query.owner && query.team) items = items.filter((c) => c.teamId === query.team);
    } else if (queue === 'mine') {
      // My cases, and the cases of direct reports who are away today (I cover for them).
      const mine = keep(await repository.listQueue({ queue: 'owner', ownerId: actor.officerId }, options));
      const covered = cursor ? [] : await covering(deps, actor);
      const extra = await Promise.all(
        covered.map(async (id) =>
          keep(await repository.listQueue({ queue: 'owner', ownerId: id }, { ...options, limit: 200 })),
        ),
      );
      items = [...mine.items, ...extra.flatMap((p) => p.items)];
      next = mine.next;
    } else {
      const selector: QueueSelector = queue === 'team' ? { queue: 'team', teamId: actor.teamId } : { queue: 'all' };
      ({ items, next } = keep(await repository.listQueue(selector, options)));
    }
  } catch (err) {
    if (err instanceof RangeError) throw new HttpError(400, 'invalid-cursor', err.message);
    throw err;
  }
  const visible = await onlyVisible(deps, actor, items, (c) => ({ case: c }));
  // Within the page, the order the countdown shows: the recounted target (from the acknowledgement, an agreed date, an extension).
  if (sort === 'due') {
    const due = new Map(visible.map((c) => [c.ref, dueInstant(effectiveRespondBy(c, policy))]));
    visible.sort(
      (a, b) => (due.get(a.ref) as string).localeCompare(due.get(b.ref) as string) || a.ref.localeCompare(b.ref),
    );
  }
  return { items: await listItems(deps, visible, actor, contacts), next };
}

/** A target as a comparable instant: a date target is the end of that day. */
function dueInstant(target: string): string {
  return isHoursTarget(target) ? target : `${target}T23:59:59.999Z`;
}

/** Queue rows, each with its contact: from `known` (read with the cases) or read now, in one BatchGetItem. */
export async function listItems(
  deps: ApiDeps,
  cases: Case[],
  actor: Principal,
  known: ReadonlyMap<string, Contact> = new Map(),
): Promise<CaseListView['items']> {
  // New-activity markers are the owner's: nobody else's list shows them.
  cases = cases.map((c) => (c.ownerId === actor.officerId ? c : { ...c, activity: undefined }));
  const missing = cases.map((c) => c.contactId).filter((id) => !known.has(id));
  const contacts = new Map([...known, ...(missing.length ? await deps.repository.getContacts(missing) : [])]);
  const now = deps.clock.now();
  return cases.map((c) => caseListItem(deps.policy, c, contacts.get(c.contactId), now));
}
