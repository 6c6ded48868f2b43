/**
 * Search tokens: what a case and its contact can be found by, normalised so the
 * words an officer types meet the words stored. A phone number in any common UK
 * format becomes its E.164 digits, a postcode loses its space and case, an email
 * address its case; names, addresses and subjects become lower-case words.
 *
 * Tokens are stored hashed (`tokenHash`): an index key never holds a resident's
 * name, number or address in the clear, so nothing personal reaches a log line
 * or an error message that quotes a key.
 */
import { createHash } from 'node:crypto';
import { type Case, type Contact, normaliseEmail, normalisePhone } from '@housing-inbox/core';

/** Where a token came from; a better field ranks a case higher. */
export type TokenField = 'ref' | 'email' | 'phone' | 'tenancy' | 'postcode' | 'name' | 'address' | 'subject';

/** Relevance of a match in each field: an exact reference or number beats a word of the subject. */
export const FIELD_WEIGHT: Record<TokenField, number> = {
  ref: 10,
  email: 8,
  phone: 8,
  tenancy: 8,
  postcode: 6,
  name: 4,
  address: 2,
  subject: 1,
};

/** Token → the best field it came from. */
export type Tokens = Map<string, TokenField>;

/** Words that find everything and so find nothing. */
const STOP = new Set(
  'a an and are as at be by for from has have i in is it me my of on or our re fw fwd so the this to was we with you your'.split(
    ' ',
  ),
);

/** At most this many words of one field become tokens: a long subject or address must not make a write huge. */
const MAX_WORDS = 10;

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/;
const REFERENCE = /^[A-Z]{2,4}-\d{4}-\d+$/i;

function add(tokens: Tokens, token: string, field: TokenField) {
  const had = tokens.get(token);
  if (!had || FIELD_WEIGHT[had] < FIELD_WEIGHT[field]) tokens.set(token, field);
}

/**
 * A number as a word: without leading zeros, so "000412", "0412" and "412" (a reference's
 * number, a flat) are one token, stored once and met however it is typed.
 */
const numberWord = (w: string) => (/^\d+$/.test(w) ? w.replace(/^0+(?=\d)/, '') : w);

/** Lower-case words of letters and digits (numbers without leading zeros), stop words left out. */
export function words(text: string | undefined): string[] {
  if (!text) return [];
  const out = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && (w.length > 1 || /\d/.test(w)) && !STOP.has(w))
    .map(numberWord);
  return [...new Set(out)].slice(0, MAX_WORDS);
}

function addWords(tokens: Tokens, text: string | undefined, field: TokenField) {
  for (const w of words(text)) add(tokens, `w:${w}`, field);
}

/**
 * The first words of a name that are paired (4 words: 6 pair tokens), so a long name adds at most
 * 6 items to a contact's write (with its other tokens, at most 41 — within DynamoDB's 100 per
 * transaction even when a renamed contact deletes as many).
 */
const NAME_PAIR_WORDS = 4;

/** Two words of one name as one token, in either order: "John Smith" and "Smith, John" meet. */
export const namePair = (a: string, b: string) => `nm:${[a, b].sort().join(' ')}`;

/** Each unordered pair of the first `NAME_PAIR_WORDS` name words: a whole name is found even when both words are common. */
function addNamePairs(tokens: Tokens, name: string | undefined) {
  const found = words(name).slice(0, NAME_PAIR_WORDS);
  found.forEach((a, i) => {
    for (const b of found.slice(i + 1)) add(tokens, namePair(a, b), 'name');
  });
}

/** `SW1A 1AA`, `sw1a1aa` → `SW1A1AA`; undefined when the text holds no postcode. */
export function postcodeOf(text: string | undefined): string | undefined {
  const m = text?.toUpperCase().match(POSTCODE);
  return m ? `${m[1]}${m[2]}` : undefined;
}

/**
 * A case's own tokens: its reference's number (a word, without its zeros) and its subject's
 * words. The whole reference is no token: a search for it reads the case by its key
 * (`referenceOf`), and stops finding it once it is erased, as a deleted token did.
 */
export function caseTokens(kase: Pick<Case, 'ref' | 'subject'>): Tokens {
  const tokens: Tokens = new Map();
  const number = kase.ref.match(/(\d+)$/)?.[1];
  if (number) add(tokens, `w:${numberWord(number)}`, 'ref');
  addWords(tokens, kase.subject, 'subject');
  return tokens;
}

/** The prefix of the term a whole reference is searched by (`queryTerms`). */
const REFERENCE_TERM = 'ref:';

/** The case reference a search term names (`HT-2026-000412`), or undefined: a token to look up. */
export function referenceOf(term: string): string | undefined {
  return term.startsWith(REFERENCE_TERM) ? term.slice(REFERENCE_TERM.length).toUpperCase() : undefined;
}

/** E.164 (`+` and digits): how every writer stores a contact's number (core's `normalisePhone`). */
const E164 = /^\+\d+$/;

/**
 * A contact's tokens: name, email, phone, postcode, address words and tenancy reference.
 * The phone token is the stored number's digits: every write of `contact.phone` (ingest's
 * `detailsOf`, the letter-read command, confirmed pending details) stores it already in E.164
 * (test/stored-phones.test.ts), so the timers' and retention's bundles need no phone parser.
 * A stored number not in E.164 (none is written by any version) gets no phone token.
 */
export function contactTokens(contact: Contact): Tokens {
  const tokens: Tokens = new Map();
  addWords(tokens, contact.name, 'name');
  addNamePairs(tokens, contact.name);
  const email = normaliseEmail(contact.email);
  if (email) add(tokens, `em:${email}`, 'email');
  if (contact.phone && E164.test(contact.phone)) add(tokens, `tel:${contact.phone.slice(1)}`, 'phone');
  const postcode = postcodeOf(contact.postcode) ?? postcodeOf(contact.address);
  if (postcode) {
    add(tokens, `pc:${postcode}`, 'postcode');
    add(tokens, `w:${postcode.slice(0, -3).toLowerCase()}`, 'postcode');
  }
  addWords(tokens, contact.address, 'address');
  if (contact.tenancyRef) {
    add(tokens, `ten:${contact.tenancyRef.toLowerCase().replace(/[^a-z0-9]/g, '')}`, 'tenancy');
    addWords(tokens, contact.tenancyRef, 'tenancy');
  }
  return tokens;
}

/**
 * What an officer typed, as terms: a case must match every term, a term is met by
 * any of its tokens. The whole text is first read as one thing (a reference, an
 * email address, a phone number in any UK format, a postcode, a tenancy
 * reference); otherwise each word is a term.
 */
export function queryTerms(text: string): string[][] {
  const q = text.trim();
  if (!q) return [];
  if (REFERENCE.test(q)) return [[`${REFERENCE_TERM}${q.toLowerCase()}`]];
  const email = normaliseEmail(q);
  if (email) return [[`em:${email}`]];
  if (/^[\d\s()+\-.]+$/.test(q) && q.replace(/\D/g, '').length >= 10) {
    const phone = normalisePhone(q);
    if (phone) return [[`tel:${phone.replace(/\D/g, '')}`]];
  }
  const postcode = postcodeOf(q);
  if (postcode && q.replace(/\s/g, '').length === postcode.length) return [[`pc:${postcode}`]];
  const found = words(q).map((w) => [`w:${w}`]);
  // A tenancy reference typed with other punctuation ("HT/0042-7" for "HT0042/7") also matches whole.
  const compact = q.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (compact.length >= 4 && !/\s/.test(q)) for (const term of found) term.push(`ten:${compact}`);
  return found.slice(0, 6);
}

/**
 * The name pairs a text's words could be (`namePair`), each with the two terms of `queryTerms`
 * it meets at once: a contact found by the pair matches both, however many others share either
 * word. Only the first `NAME_PAIR_WORDS` word terms pair (at most 6 lookups).
 */
export function queryNamePairs(terms: string[][]): { terms: [number, number]; token: string }[] {
  const wordTerms = terms
    .map((alternatives, term) => ({ term, word: alternatives[0]?.startsWith('w:') ? alternatives[0].slice(2) : '' }))
    .filter((t) => t.word)
    .slice(0, NAME_PAIR_WORDS);
  const pairs: { terms: [number, number]; token: string }[] = [];
  wordTerms.forEach((a, i) => {
    for (const b of wordTerms.slice(i + 1)) pairs.push({ terms: [a.term, b.term], token: namePair(a.word, b.word) });
  });
  return pairs;
}

/**
 * Who can carry a token (`caseTokens`, `contactTokens`): a reference only a case (read by its key,
 * `referenceOf`), a word either,
 * a name pair, email, phone, postcode or tenancy reference only a contact. A search asks only
 * where it can be found.
 */
export function tokenOwners(token: string): { cases: boolean; contacts: boolean } {
  if (token.startsWith('ref:')) return { cases: true, contacts: false };
  if (token.startsWith('w:')) return { cases: true, contacts: true };
  return { cases: false, contacts: true };
}

/** The stored form of a token: its SHA-256, so no key holds personal data in the clear. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}
