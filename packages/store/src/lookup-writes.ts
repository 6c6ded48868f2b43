/**
 * The lookup items written with a case or a contact, in the same transaction:
 * search tokens, queue entries and the contact's set of cases. Each write compares
 * what the item was with what it becomes and puts only what changed, deleting what
 * no longer applies, so a stale token never finds a case and an unchanged case
 * writes nothing extra.
 */
import type { Case, Contact } from '@housing-inbox/core';
import { contactCaseEntry, contactCasesItem, queueEntries, searchTokenItem } from './index-keys.js';
import { keys } from './keys.js';
import { caseTokens, contactTokens, type Tokens, tokenHash } from './search-tokens.js';
import type { Role, Table, TransactItem } from './table.js';

type Item = Record<string, unknown>;

function diff(table: Table, before: Item[], after: Item[]): [Role, TransactItem][] {
  const id = (i: Item) => `${i.pk}\u0000${i.sk}`;
  const was = new Map(before.map((i) => [id(i), JSON.stringify(i)]));
  const now = new Set(after.map(id));
  const puts = after
    .filter((i) => was.get(id(i)) !== JSON.stringify(i))
    .map((i): [Role, TransactItem] => ['other', table.put(i)]);
  const deletes = before
    .filter((i) => !now.has(id(i)))
    .map((i): [Role, TransactItem] => ['other', { Delete: { TableName: table.name, Key: { pk: i.pk, sk: i.sk } } }]);
  return [...puts, ...deletes];
}

function tokenItems(owner: { ref: string; receivedAt: string } | { contactId: string }, tokens: Tokens): Item[] {
  return [...tokens].map(([token, field]) => searchTokenItem(owner, tokenHash(token), field));
}

/** Every lookup item a case has: its search tokens and its queue entries. */
export const caseLookupItems = (kase: Case): Item[] => [...tokenItems(kase, caseTokens(kase)), ...queueEntries(kase)];

/** Every lookup item a contact has: its search tokens. */
export const contactLookupItems = (c: Contact): Item[] => tokenItems({ contactId: c.id }, contactTokens(c));

/**
 * A case's search tokens and queue entries, from what it was (`before`, absent for a new case) to
 * `after`; a new case (with the cases the same message opens beside it, `openedBeside`, which take
 * no lookups of their own) is added to its contact's set of cases (`contactCasesItem`) by one
 * Update, which adds and so never loses another write's case. No request of its own: these go in
 * the case's transaction. A transaction holds one such Update per contact, so pass a message's
 * cases together, never as two calls in one transaction.
 */
export function caseLookupWrites(
  table: Table,
  before: Case | undefined,
  after: Case,
  openedBeside: Case[] = [],
): [Role, TransactItem][] {
  const moved = before && before.contactId !== after.contactId;
  return [
    ...diff(table, before ? caseLookupItems(before) : [], caseLookupItems(after)),
    ...(!before || moved ? [contactCasesChange(table, 'ADD', after.contactId, [after, ...openedBeside])] : []),
    ...(before && moved ? [contactCasesChange(table, 'DELETE', before.contactId, [before])] : []),
  ];
}

/** Cases added to (or taken from) a contact's set of cases (`contactCasesItem`), without reading it. */
export function contactCasesChange(
  table: Table,
  change: 'ADD' | 'DELETE',
  contactId: string,
  cases: Pick<Case, 'ref' | 'receivedAt'>[],
): [Role, TransactItem] {
  return [
    'other',
    {
      Update: {
        TableName: table.name,
        Key: keys.contactCases(contactId),
        UpdateExpression: `${change} #cases :cases SET #entity = :entity, #contactId = :contactId`,
        ExpressionAttributeNames: { '#cases': 'cases', '#entity': 'entity', '#contactId': 'contactId' },
        ExpressionAttributeValues: {
          ':cases': new Set(cases.map(contactCaseEntry)),
          ':entity': 'contact-cases',
          ':contactId': contactId,
        },
      },
    },
  ];
}

/** A contact's search tokens, from what it was (`before`, absent for a new contact) to `after`. */
export function contactLookupWrites(table: Table, before: Contact | undefined, after: Contact): [Role, TransactItem][] {
  return diff(table, before ? contactLookupItems(before) : [], contactLookupItems(after));
}

/**
 * Every lookup item of a new case and a new contact: what a bulk load (the bench) writes beside
 * them. The contact's set of cases holds `contactCases` (default: this case alone; a loader of a
 * contact's later cases passes all of them, the item being put whole).
 */
export function lookupItems(
  kase: Case,
  contact?: Contact,
  contactCases: Pick<Case, 'ref' | 'receivedAt'>[] = [kase],
): Item[] {
  const cases = contactCasesItem(kase.contactId, contactCases);
  return [
    ...tokenItems(kase, caseTokens(kase)),
    ...queueEntries(kase),
    ...(contact ? tokenItems({ contactId: contact.id }, contactTokens(contact)) : []),
    ...(cases ? [cases] : []),
  ];
}
