/** The officers' read routes: queues and a case with its history. */
import type { Case, CaseRepository, Contact } from '@housing-inbox/core';
import { canSeeAllCases, canSeeCase } from './access.js';
import type { Principal } from './auth.js';
import { type ApiRequest, type ApiResponse, HttpError, json } from './http.js';

const QUEUES = ['mine', 'team', 'all'] as const;

function contactSummary(contact: Contact | undefined) {
  if (!contact) return null;
  return {
    id: contact.id,
    name: contact.name ?? null,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    preferredChannel: contact.preferredChannel ?? null,
    unacceptableBehaviour: contact.unacceptableBehaviour ? true : undefined,
  };
}

export function caseListItem(kase: Case, contact: Contact | undefined) {
  return {
    ref: kase.ref,
    channel: kase.channel,
    kind: kase.kind,
    status: kase.status,
    ownerId: kase.ownerId ?? null,
    teamId: kase.teamId,
    contact: contactSummary(contact),
    subject: kase.subject,
    receivedAt: kase.receivedAt,
    targets: { acknowledgeBy: kase.targets.acknowledgeBy, respondBy: kase.targets.respondBy },
  };
}

export async function listCases(
  repository: CaseRepository,
  principal: Principal,
  req: ApiRequest,
): Promise<ApiResponse> {
  const queue = req.query.queue ?? 'mine';
  if (!(QUEUES as readonly string[]).includes(queue)) {
    throw new HttpError(400, 'invalid-queue', `queue must be one of ${QUEUES.join(', ')}`, { queue: 'unknown queue' });
  }
  if (queue === 'all' && !canSeeAllCases(principal)) {
    throw new HttpError(403, 'forbidden', 'only managers can see every case');
  }
  const status = req.query.status ?? 'open';
  if (status !== 'open' && status !== 'closed')
    throw new HttpError(400, 'invalid-status', 'status must be open or closed');
  const limit = req.query.limit ? Number(req.query.limit) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new HttpError(400, 'invalid-limit', 'limit must be a whole number from 1 to 200');
  }
  const selector =
    queue === 'mine'
      ? ({ queue: 'owner', ownerId: principal.officerId } as const)
      : queue === 'team'
        ? ({ queue: 'team', teamId: principal.teamId } as const)
        : ({ queue: 'all' } as const);
  let page: Awaited<ReturnType<CaseRepository['listQueue']>>;
  try {
    page = await repository.listQueue(selector, { limit, cursor: req.query.next ?? req.query.cursor, status });
  } catch (err) {
    if (err instanceof RangeError) throw new HttpError(400, 'invalid-cursor', err.message);
    throw err;
  }
  const visible = page.items.filter((c) => canSeeCase(principal, c));
  const contacts = await Promise.all(visible.map((c) => repository.getContact(c.contactId)));
  return json(200, { items: visible.map((c, i) => caseListItem(c, contacts[i])), next: page.next });
}

export async function getCase(repository: CaseRepository, principal: Principal, ref: string): Promise<ApiResponse> {
  const found = await repository.getCaseWithHistory(ref);
  // Not found and not allowed look the same: a reference alone reveals nothing.
  if (!found || !canSeeCase(principal, found.case)) throw new HttpError(404, 'not-found', `no case ${ref}`);
  const { case: kase, contact, messages, timeline } = found;
  return json(200, {
    ...caseListItem(kase, contact),
    classification: kase.classification,
    targets: kase.targets,
    restricted: kase.restricted,
    contact: contact ?? null,
    messages: messages.map(({ html: _raw, ...m }) => m),
    timeline,
  });
}
