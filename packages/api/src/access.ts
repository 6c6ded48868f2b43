/**
 * The one rule every list applies, item by item: an item that comes from a
 * case is listed only to someone who could open that case with
 * `GET /api/cases/{ref}` (core's `canSeeCase`). A list never shows a case's
 * reference, subject or question to anyone that route would answer 404.
 */
import {
  type Case,
  type CaseLink,
  canAddToCase,
  canSeeCase,
  type DepartmentRequest,
  findCaseRefs,
} from '@housing-inbox/core';
import type { Principal } from './auth.js';
import { HttpError } from './errors.js';
import { type ApiDeps, covering } from './routes/shared.js';

/** The case an item comes from: the case itself when the list already read it, or its reference. */
export type CaseOfItem =
  | { case: Case; requests?: readonly DepartmentRequest[] }
  | { ref: string; requests?: readonly DepartmentRequest[] };

/**
 * The items the caller may see, in their order. `requests` are the case's
 * department requests the item carries (a department asked sees the case it
 * must answer, unless the case is restricted). An item whose case is gone is
 * left out.
 */
export async function onlyVisible<T>(
  deps: ApiDeps,
  actor: Principal,
  items: readonly T[],
  caseOf: (item: T) => CaseOfItem,
): Promise<T[]> {
  if (items.length === 0) return [];
  // Whom the caller covers for matters only for a case they could not see otherwise (restricted,
  // another officer's): the officer directory is read once, and only then.
  let covered: Promise<string[]> | undefined;
  const coveredFor = () => {
    covered ??= covering(deps, actor);
    return covered;
  };
  const read = new Map<string, Promise<Case | undefined>>();
  const caseFor = (about: CaseOfItem) => {
    if ('case' in about) return Promise.resolve(about.case);
    const found = read.get(about.ref) ?? deps.repository.getCase(about.ref);
    read.set(about.ref, found);
    return found;
  };
  const seen = await Promise.all(
    items.map(async (item) => {
      const about = caseOf(item);
      const kase = await caseFor(about);
      if (kase === undefined) return false;
      return (
        canSeeCase(actor, kase, about.requests ?? []) ||
        canSeeCase(actor, kase, about.requests ?? [], await coveredFor())
      );
    }),
  );
  return items.filter((_, i) => seen[i]);
}

/**
 * Text that quotes a case reference joins that case (ingest threads a logged
 * call by the reference it quotes): refused unless the caller may add to every
 * case it quotes. A reference that names no case is refused alike, so the
 * answer tells nothing about which references exist.
 */
export async function requireQuotedCasesWritable(deps: ApiDeps, actor: Principal, text: string): Promise<void> {
  const refs = [...new Set(findCaseRefs(text, deps.policy.caseReferencePrefix))];
  if (refs.length === 0) return;
  const covered = await covering(deps, actor);
  for (const ref of refs) {
    const found = await deps.repository.getCaseWithHistory(ref);
    if (!found || !canAddToCase(actor, found.case, found.requests, covered)) {
      throw new HttpError(
        403,
        'forbidden',
        `${ref} is not a case you can add to: log the call on a case you can open, or leave the reference out to open a new case`,
      );
    }
  }
}

/** A case's links the caller may see: a link never names a case they could not open. */
export function visibleLinks(deps: ApiDeps, actor: Principal, kase: Case): Promise<CaseLink[]> {
  return onlyVisible(deps, actor, kase.linked ?? [], (link) => ({ ref: link.ref }));
}
