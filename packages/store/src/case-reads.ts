/** Cases read by reference, many at once: the queues' other orders and search read their entries, then the cases. */
import type { Case } from '@housing-inbox/core';
import { keys } from './keys.js';
import type { Table } from './table.js';

/**
 * The cases, in the order of `refs`, read in parallel (GetItem: the table's grants
 * name no batch call); a reference whose case is gone is left out.
 */
export async function getCases(table: Table, refs: readonly string[]): Promise<Case[]> {
  const found = await Promise.all([...new Set(refs)].map((ref) => table.get<Case>(keys.case(ref))));
  return found.filter((c): c is Case => c !== undefined);
}
