/** The officers' read routes: queues and a case with its history. */
import {
  type Case,
  type CaseRepository,
  type CaseWithHistory,
  type Contact,
  calendarFor,
  canSeeAllCases,
  canSeeCase,
  coveredOfficers,
  effectiveRespondBy,
  type LandlordPolicy,
} from '@housing-inbox/core';
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
    postcode: contact.postcode ?? postcodeIn(contact.address),
    preferredChannel: contact.preferredChannel ?? null,
    unacceptableBehaviour: Boolean(contact.unacceptableBehaviour),
  };
}

function postcodeIn(address: string | undefined): string | null {
  return address?.toUpperCase().match(/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/)?.[0] ?? null;
}

/** Working days left to the response target (negative when overdue), and whether it has passed. */
export function countdown(policy: LandlordPolicy, kase: Case, now: Date) {
  const calendar = calendarFor(policy);
  const due = effectiveRespondBy(kase);
  if (kase.respondedAt || kase.status === 'closed')
    return { effectiveRespondBy: due, workingDaysLeft: null, overdue: false };
  if (due.length !== 10) {
    const hours = (new Date(due).getTime() - now.getTime()) / 3_600_000;
    return {
      effectiveRespondBy: due,
      workingDaysLeft: Math.floor(hours / 24),
      hoursLeft: Math.round(hours),
      overdue: hours < 0,
    };
  }
  const today = calendar.localDate(now);
  const left = calendar.workingDaysBetween(today, due);
  return { effectiveRespondBy: due, workingDaysLeft: left, overdue: today > due };
}

export function caseListItem(policy: LandlordPolicy, kase: Case, contact: Contact | undefined, now: Date) {
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
    category: kase.classification.category,
    restricted: kase.restricted,
    acknowledgedAt: kase.acknowledgedAt ?? null,
    respondedAt: kase.respondedAt ?? null,
    ...countdown(policy, kase, now),
  };
}

export interface ReadDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  now(): Date;
}

async function covering(deps: ReadDeps, principal: Principal): Promise<string[]> {
  const today = calendarFor(deps.policy).localDate(deps.now());
  return coveredOfficers(await deps.repository.listOfficers(), principal.officerId, today);
}

export async function listCases(deps: ReadDeps, principal: Principal, req: ApiRequest): Promise<ApiResponse> {
  const { repository } = deps;
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
  const cursor = req.query.next ?? req.query.cursor;
  let items: Case[];
  let next: string | null;
  try {
    if (queue === 'mine') {
      // My cases, and the cases of direct reports who are away today (I cover for them).
      const mine = await repository.listQueue(
        { queue: 'owner', ownerId: principal.officerId },
        { limit, cursor, status },
      );
      const covered = cursor ? [] : await covering(deps, principal);
      const extra = await Promise.all(
        covered.map((id) => repository.listQueue({ queue: 'owner', ownerId: id }, { limit: 200, status })),
      );
      items = [...mine.items, ...extra.flatMap((p) => p.items)];
      next = mine.next;
    } else {
      const selector =
        queue === 'team' ? ({ queue: 'team', teamId: principal.teamId } as const) : ({ queue: 'all' } as const);
      const page = await repository.listQueue(selector, { limit, cursor, status });
      items = page.items;
      next = page.next;
    }
  } catch (err) {
    if (err instanceof RangeError) throw new HttpError(400, 'invalid-cursor', err.message);
    throw err;
  }
  const covered = await covering(deps, principal);
  const visible = items
    .filter((c) => canSeeCase(principal, c, [], covered))
    .sort((a, b) => effectiveRespondBy(a).localeCompare(effectiveRespondBy(b)) || a.ref.localeCompare(b.ref));
  const contacts = await Promise.all(visible.map((c) => repository.getContact(c.contactId)));
  const now = deps.now();
  return json(200, { items: visible.map((c, i) => caseListItem(deps.policy, c, contacts[i], now)), next });
}

export function caseView(policy: LandlordPolicy, found: CaseWithHistory, now: Date) {
  const { case: kase, contact, messages, timeline, requests } = found;
  return {
    ...caseListItem(policy, kase, contact, now),
    classification: kase.classification,
    targets: kase.targets,
    agreedReplyDate: kase.agreedReplyDate ?? null,
    delayReason: kase.delayReason ?? null,
    extension: kase.extension ?? null,
    stageOneOwnerId: kase.stageOneOwnerId ?? null,
    closedAt: kase.closedAt ?? null,
    responseOutcome: kase.responseOutcome ?? null,
    contact: contact ?? null,
    messages: messages.map(({ html: _raw, ...m }) => m),
    timeline,
    requests,
  };
}

export async function getCase(deps: ReadDeps, principal: Principal, ref: string): Promise<ApiResponse> {
  const found = await deps.repository.getCaseWithHistory(ref);
  // Not found and not allowed look the same: a reference alone reveals nothing.
  if (!found || !canSeeCase(principal, found.case, found.requests, await covering(deps, principal))) {
    throw new HttpError(404, 'not-found', `no case ${ref}`);
  }
  return json(200, caseView(deps.policy, found, deps.now()));
}
