/**
 * Search: the cases a text finds, by the search tokens written with each case and
 * contact (`search-tokens.ts`, `lookup-writes.ts`). Every read is a bounded Query
 * on `byLookup` or a BatchGetItem; nothing scans the table. A whole reference reads its
 * case by key (one BatchGetItem). A search costs one Query
 * per token where it can be found (`tokenOwners`: a phone number one,
 * a word two, each name pair of a text's words one), one BatchGetItem of the matched
 * contacts' sets of cases (`contactCasesItem`, not one Query per contact) and one
 * BatchGetItem per page of cases: whatever the table holds, "john smith" costs 7.
 *
 * A text of several words also reads their name pairs (`queryNamePairs`): a contact
 * carrying the pair meets both words at once, so "John Smith" is found when thousands
 * share each word and the first `CONTACTS_PER_TOKEN` of each would not meet.
 *
 * Ranking: a case must match every term of the text (directly, or through its
 * contact); the better the fields matched (`FIELD_WEIGHT`: a reference or a phone
 * number before a name, a name before a word of the subject), the higher it ranks;
 * equal matches rank newest received first.
 */
import type { Case, SearchPage } from '@housing-inbox/core';
import { getCases } from './case-reads.js';
import { keys, queries } from './keys.js';
import {
  FIELD_WEIGHT,
  queryNamePairs,
  queryTerms,
  referenceOf,
  type TokenField,
  tokenHash,
  tokenOwners,
} from './search-tokens.js';
import { decodeCursor, encodeCursor, type Item, type Table } from './table.js';

/** The newest cases one token can find: a word every case shares finds its newest 200. */
export const CASES_PER_TOKEN = 200;
/** The contacts one token can find, and how many of them have their cases read. */
export const CONTACTS_PER_TOKEN = 50;
/** The cases of one contact a search takes, newest received first. */
export const CASES_PER_CONTACT = 50;

interface Candidate {
  ref: string;
  receivedAt: string;
  /** The best weight found for each term (undefined: not matched). */
  weights: (number | undefined)[];
}

const weightOf = (item: Item) => FIELD_WEIGHT[item.field as TokenField] ?? 1;

export class Search {
  constructor(private readonly table: Table) {}

  async searchCases(
    text: string,
    options: { limit?: number; cursor?: string; visible: (kase: Case) => boolean },
  ): Promise<SearchPage> {
    const terms = queryTerms(text);
    if (terms.length === 0) return { items: [], next: null };
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const offset = readCursor(options.cursor, text);

    const ranked = await this.#rank(terms);
    const items: Case[] = [];
    let at = offset;
    while (items.length < limit && at < ranked.length) {
      const batch = ranked.slice(at, at + (limit - items.length));
      at += batch.length;
      const read = await getCases(
        this.table,
        batch.map((c) => c.ref),
      );
      items.push(...read.filter((kase) => options.visible(kase)));
    }
    return { items, next: at < ranked.length ? encodeCursor({ q: text.trim(), at }) : null };
  }

  /** Every case that matches every term, best first. */
  async #rank(terms: string[][]): Promise<Candidate[]> {
    const candidates = new Map<string, Candidate>();
    const candidate = (ref: string, receivedAt: string): Candidate => {
      let c = candidates.get(ref);
      if (!c) {
        c = { ref, receivedAt, weights: terms.map(() => undefined) };
        candidates.set(ref, c);
      }
      return c;
    };
    const better = (c: Candidate, term: number, weight: number) => {
      c.weights[term] = Math.max(c.weights[term] ?? 0, weight);
    };

    // Each token as the terms it meets: a word one term, a name pair (contacts only) two at once;
    // each asked only of the owners that can carry it (`tokenOwners`).
    const lookups = [
      ...terms.flatMap((alternatives, term) => alternatives.map((token) => ({ terms: [term], token }))),
      ...queryNamePairs(terms).map((pair) => ({ terms: pair.terms, token: pair.token })),
    ];
    const found = await Promise.all(
      lookups.map(async ({ terms: met, token }) => {
        const reference = referenceOf(token);
        if (reference) return { met, cases: await caseByReference(this.table, reference), contacts: [] };
        const hash = tokenHash(token);
        const owners = tokenOwners(token);
        const [cases, contacts] = await Promise.all([
          owners.cases
            ? this.table.query(queries.searchToken(hash, 'case'), { ScanIndexForward: false, Limit: CASES_PER_TOKEN })
            : undefined,
          owners.contacts
            ? this.table.query(queries.searchToken(hash, 'contact'), { Limit: CONTACTS_PER_TOKEN })
            : undefined,
        ]);
        return { met, cases: cases?.Items ?? [], contacts: contacts?.Items ?? [] };
      }),
    );

    // Contacts by the terms they match; the best-matching ones have their cases read.
    const contactWeights = new Map<string, (number | undefined)[]>();
    for (const { met, cases, contacts } of found) {
      for (const item of cases) {
        const [, receivedAt = '', ref = String(item.ref)] = String(item.gsi6sk).split('#');
        for (const term of met) better(candidate(ref, receivedAt), term, weightOf(item));
      }
      for (const item of contacts) {
        const id = String(item.contactId);
        const weights = contactWeights.get(id) ?? terms.map(() => undefined);
        for (const term of met) weights[term] = Math.max(weights[term] ?? 0, weightOf(item));
        contactWeights.set(id, weights);
      }
    }
    // A contact missing a term can only lead to a case that matches it itself: none if no case did.
    const casesMatch = terms.map((_, term) => found.some((f) => f.cases.length > 0 && f.met.includes(term)));
    const couldMatch = (weights: (number | undefined)[]) =>
      weights.every((w, term) => w !== undefined || casesMatch[term]);
    const contactsRead = new Map(
      [...contactWeights]
        .filter(([, weights]) => couldMatch(weights))
        .sort(([, a], [, b]) => matched(b) - matched(a))
        .slice(0, CONTACTS_PER_TOKEN),
    );
    // Their cases from each one's set of cases (`contactCasesItem`): one BatchGetItem for them all.
    const sets = await this.table.getItems([...contactsRead.keys()].map((id) => keys.contactCases(id)));
    for (const item of sets) {
      const weights = contactsRead.get(String(item.contactId));
      if (!weights) continue;
      const newest = [...((item.cases as Set<string> | undefined) ?? [])].sort().reverse().slice(0, CASES_PER_CONTACT);
      for (const entry of newest) {
        const at = entry.lastIndexOf('#');
        const c = candidate(entry.slice(at + 1), entry.slice(0, at));
        weights.forEach((w, term) => {
          if (w !== undefined) better(c, term, w);
        });
      }
    }

    return [...candidates.values()]
      .filter((c) => c.weights.every((w) => w !== undefined))
      .sort((a, b) => score(b) - score(a) || b.receivedAt.localeCompare(a.receivedAt) || a.ref.localeCompare(b.ref));
  }
}

/** The case a whole reference names, as the token item that found it used to read; none once erased. */
async function caseByReference(table: Table, ref: string): Promise<Item[]> {
  const [kase] = await table.getItems([keys.case(ref)]);
  if (!kase || kase.erased) return [];
  return [{ gsi6sk: `C#${kase.receivedAt}#${kase.ref}`, ref: kase.ref, field: 'ref' }];
}

const matched = (weights: (number | undefined)[]) => weights.filter((w) => w !== undefined).length;
const score = (c: Candidate) => c.weights.reduce<number>((sum, w) => sum + (w ?? 0), 0);

/** Where the previous page of the same search ended; a cursor of another search or none of ours is refused. */
function readCursor(cursor: string | undefined, text: string): number {
  if (!cursor) return 0;
  const value = decodeCursor(cursor);
  if (value.q !== text.trim() || typeof value.at !== 'number' || !Number.isInteger(value.at) || value.at < 0)
    throw new RangeError('invalid page cursor: it belongs to another search');
  return value.at;
}
