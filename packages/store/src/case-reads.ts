/** Cases read by reference, many at once: the queues' other orders and search read their entries, then the cases. */
import type { Case, Contact } from '@housing-inbox/core';
import { keys } from './keys.js';
import type { Table } from './table.js';

/** The cases, in the order of `refs`, in one BatchGetItem per 100; a reference whose case is gone is left out. */
export async function getCases(table: Table, refs: readonly string[]): Promise<Case[]> {
  if (refs.length === 0) return [];
  const found = new Map((await table.getMany<Case>(refs.map((ref) => keys.case(ref)))).map((c) => [c.ref, c]));
  return [...new Set(refs)].map((ref) => found.get(ref)).filter((c): c is Case => c !== undefined);
}

/** Contacts by id, in one BatchGetItem per 100 (a page of queue rows names up to 200). */
export async function getContacts(table: Table, ids: readonly string[]): Promise<Map<string, Contact>> {
  if (ids.length === 0) return new Map();
  const found = await table.getMany<Contact>(ids.map((id) => keys.contact(id)));
  return new Map(found.map((c) => [c.id, c]));
}
