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
 * `after`, and its place in its contact's set of cases (`contactCasesItem`): a new case (with the
 * cases the same message opens beside it, `openedBeside`, which take no lookups of their own) is
 * added to the set by one Update, which adds and so never loses another write's case; and the
 * contact's open cases on the same item (`open#<ref>`, set while the case is open) follow every
 * open, close, reopen, merge or move, so the item names exactly the cases the gsi4 Query
 * `openCasesOfContact` finds, in the case's own transaction (a message on an open case changes
 * nothing there). `tracked`: the contact is new in this write, so the item starts complete
 * (`openTracked`). No request of its own: these go in the case's transaction. A transaction holds
 * one Update per contact: pass a message's cases together, or join changes with `joinContactCases`.
 */
export function caseLookupWrites(
  table: Table,
  before: Case | undefined,
  after: Case,
  openedBeside: Case[] = [],
  tracked = false,
): [Role, TransactItem][] {
  const moved = before !== undefined && before.contactId !== after.contactId;
  const added = !before || moved;
  const open: OpenChange = {};
  for (const c of added ? [after, ...openedBeside] : [after]) {
    if (added ? isOpen(c) : isOpen(before) !== isOpen(c)) open[c.ref] = isOpen(c) ? c.receivedAt : null;
  }
  const onAfter = added || Object.keys(open).length > 0 || tracked;
  return [
    ...diff(table, before ? caseLookupItems(before) : [], caseLookupItems(after)),
    ...(onAfter
      ? [contactCasesChange(table, after.contactId, { add: added ? [after, ...openedBeside] : [], open, tracked })]
      : []),
    ...(before && moved
      ? [contactCasesChange(table, before.contactId, { remove: [before], open: { [before.ref]: null } })]
      : []),
  ];
}

/** Case reference → its receipt while open (the attribute's value), or null: no longer open. */
export type OpenChange = Record<string, string | null>;

/** What one transaction changes on a contact's set of cases. */
export interface ContactCasesDelta {
  add?: Pick<Case, 'ref' | 'receivedAt'>[];
  remove?: Pick<Case, 'ref' | 'receivedAt'>[];
  open?: OpenChange;
  tracked?: boolean;
}

/** The attribute of the contact's set of cases that holds an open case (`open#<ref>`). */
export const OPEN_ATTRIBUTE_PREFIX = 'open#';

/** Open as gsi4 files it (`caseIndexAttributes`: anything not closed). */
const isOpen = (kase: Case | undefined): boolean => kase !== undefined && kase.status !== 'closed';

const deltas = new WeakMap<TransactItem, { contactId: string; delta: ContactCasesDelta }>();

/**
 * A contact's set of cases changed without reading it: cases added (`ADD`) or taken (`DELETE`),
 * open cases set or removed, and `openTracked` set for a new contact.
 */
export function contactCasesChange(table: Table, contactId: string, delta: ContactCasesDelta): [Role, TransactItem] {
  const names: Record<string, string> = { '#entity': 'entity', '#contactId': 'contactId' };
  const values: Record<string, unknown> = { ':entity': 'contact-cases', ':contactId': contactId };
  const set = ['#entity = :entity', '#contactId = :contactId'];
  const remove: string[] = [];
  const clauses: string[] = [];
  const entries = (cases: Pick<Case, 'ref' | 'receivedAt'>[]) => new Set(cases.map(contactCaseEntry));
  if (delta.add?.length) {
    names['#cases'] = 'cases';
    values[':add'] = entries(delta.add);
    clauses.push('ADD #cases :add');
  }
  if (delta.remove?.length) {
    names['#cases'] = 'cases';
    values[':remove'] = entries(delta.remove);
    clauses.push('DELETE #cases :remove');
  }
  Object.entries(delta.open ?? {}).forEach(([ref, since], i) => {
    names[`#o${i}`] = `${OPEN_ATTRIBUTE_PREFIX}${ref}`;
    if (since === null) remove.push(`#o${i}`);
    else {
      values[`:o${i}`] = since;
      set.push(`#o${i} = :o${i}`);
    }
  });
  if (delta.tracked) {
    names['#tracked'] = 'openTracked';
    values[':tracked'] = true;
    set.push('#tracked = :tracked');
  }
  const item: TransactItem = {
    Update: {
      TableName: table.name,
      Key: keys.contactCases(contactId),
      UpdateExpression: [
        ...clauses,
        `SET ${set.join(', ')}`,
        ...(remove.length ? [`REMOVE ${remove.join(', ')}`] : []),
      ].join(' '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
  deltas.set(item, { contactId, delta });
  return ['other', item];
}

/**
 * Several case changes in one transaction (a merge, a link, a close as duplicate) may each
 * change the same contact's set of cases; DynamoDB takes one operation per item in a
 * transaction, so their Updates are joined into one per contact (the later change's open
 * state of a case wins; a case both added and taken is left as it was).
 */
export function joinContactCases(table: Table, items: [Role, TransactItem][]): [Role, TransactItem][] {
  const byContact = new Map<string, ContactCasesDelta>();
  const first = new Map<string, number>();
  const out: ([Role, TransactItem] | undefined)[] = [];
  for (const entry of items) {
    const known = deltas.get(entry[1]);
    if (!known) {
      out.push(entry);
      continue;
    }
    const joined = byContact.get(known.contactId);
    if (!joined) {
      byContact.set(known.contactId, { ...known.delta });
      first.set(known.contactId, out.length);
      out.push(entry);
      continue;
    }
    joined.add = [...(joined.add ?? []), ...(known.delta.add ?? [])];
    joined.remove = [...(joined.remove ?? []), ...(known.delta.remove ?? [])];
    joined.open = { ...joined.open, ...known.delta.open };
    joined.tracked = joined.tracked || known.delta.tracked;
    out[first.get(known.contactId) as number] = undefined;
    first.set(known.contactId, out.length);
    out.push(undefined);
  }
  for (const [contactId, at] of first) {
    const delta = byContact.get(contactId) as ContactCasesDelta;
    if (out[at] !== undefined) continue;
    const both = new Set((delta.add ?? []).map(contactCaseEntry));
    const taken = (delta.remove ?? []).filter((c) => !both.has(contactCaseEntry(c)));
    const takenKeys = new Set((delta.remove ?? []).map(contactCaseEntry));
    out[at] = contactCasesChange(table, contactId, {
      ...delta,
      add: (delta.add ?? []).filter((c) => !takenKeys.has(contactCaseEntry(c))),
      remove: taken,
    });
  }
  return out.filter((e): e is [Role, TransactItem] => e !== undefined);
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
