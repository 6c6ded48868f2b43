/**
 * The one rule every list applies, item by item: an item that comes from a
 * case is listed only to someone who could open that case with
 * `GET /api/cases/{ref}` (core's `canSeeCase`). A list never shows a case's
 * reference, subject or question to anyone that route would answer 404.
 */
import { type Case, canSeeCase, type DepartmentRequest } from '@housing-inbox/core';
import type { Principal } from './auth.js';
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
  const covered = await covering(deps, actor);
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
      return kase !== undefined && canSeeCase(actor, kase, about.requests ?? [], covered);
    }),
  );
  return items.filter((_, i) => seen[i]);
}

