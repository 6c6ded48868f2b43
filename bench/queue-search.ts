/**
 * Queue and search latency with a large store (CONTRACTS.md "Benchmarks": `queue`
 * and `search`). Seeds the embedded DynamoDB with `cases` cases (and a contact for
 * every two) written directly as the repository writes them — the case item, its
 * search tokens and queue entries, the contact and its tokens — through
 * BatchWriteItem for speed, then times, through the repository, what a console page
 * reads: a queue page of 50 (mine, a team's, everyone's; each order; a filter) with
 * its rows' contacts, and a search (a phone number in any UK format, a name, a
 * postcode, a reference, subject words) with its rows' contacts.
 *
 * Run: `npx tsx bench/queue-search.ts [cases]` (prints JSON), or through `npm run bench`.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Case, Contact, QueueFilter, QueueSelector, QueueSort } from '@housing-inbox/core';
import { startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import {
  caseIndexAttributes,
  createTableInput,
  DynamoCaseRepository,
  documentClient,
  keys,
  lookupItems,
} from '@housing-inbox/store';

export interface LatencyFigures {
  cases: number;
  p50Ms: number;
  p95Ms: number;
}

const TEAMS = ['customer-services', 'housing-management', 'property-services', 'income', 'home-ownership', 'support'];
const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Erin', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jade', 'Kofi', 'Lena'];
const LAST = ['Raman', 'Okafor', 'Smith', 'Jones', 'Nowak', 'Patel', 'Evans', 'Byrne', 'Khan', 'Lewis', 'Hughes'];
const STREETS = ['Acacia Avenue', 'Birch Road', 'Mill Lane', 'Church Street', 'Station Road', 'Park View'];
const SUBJECTS = [
  'Broken window in the kitchen',
  'Rent statement question',
  'Noise from next door',
  'Damp in the bedroom',
  'Boiler not working',
  'Service charge query',
  'Parking permit',
];
const KINDS = ['email', 'sms', 'web-form', 'letter'] as const;
const PRIORITIES = ['emergency', 'urgent', 'standard', 'programmed'] as const;
const TABLE = 'bench-queue-search';

/** A deterministic pseudo-random sequence, so every run seeds the same store. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const phoneOf = (n: number) => `+4477009${String(n).padStart(5, '0')}`;
const postcodeOf = (n: number) => `HT${(n % 9) + 1} ${(n % 10) + 0}${'ABDEFGHJ'[n % 8]}${'LNPQRSTU'[(n >> 3) % 8]}`;
const refOf = (n: number) => `HT-2026-${String(n).padStart(6, '0')}`;

function contactOf(n: number, r: () => number): Contact {
  return {
    id: `contact-${n}`,
    name: `${pick(r, FIRST)} ${pick(r, LAST)}`,
    email: `resident${n}@resident.example`,
    phone: phoneOf(n),
    address: `${(n % 200) + 1} ${pick(r, STREETS)}, Hightown ${postcodeOf(n)}`,
    postcode: postcodeOf(n),
    tenancyRef: `T${String(n).padStart(6, '0')}`,
  };
}

function caseOf(n: number, contact: Contact, r: () => number): Case {
  const received = new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 330 * 86_400_000));
  const due = new Date(received.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  const repair = r() < 0.3;
  const kind = pick(r, KINDS);
  const at = received.toISOString();
  return {
    ref: refOf(n),
    policyId: 'hightown',
    channel: kind === 'web-form' ? 'web-form' : kind,
    kind,
    classification: {
      category: repair ? 'repair' : 'service-request',
      ...(repair ? { priority: pick(r, PRIORITIES) } : {}),
      kind,
      reason: 'bench',
      decidedBy: 'system',
    },
    status: r() < 0.9 ? pick(r, ['new', 'in-progress', 'awaiting-departments'] as const) : 'closed',
    ...(r() < 0.8 ? { ownerId: `officer-${Math.floor(r() * 60)}` } : {}),
    teamId: pick(r, TEAMS),
    contactId: contact.id,
    subject: pick(r, SUBJECTS),
    receivedAt: at,
    targets: { clockStarts: at.slice(0, 10), acknowledgeBy: null, respondBy: due },
    restricted: r() < 0.02,
    lastMessageAt: at,
    messageCount: 1,
    createdAt: at,
    updatedAt: at,
  } as Case;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] as number) * 10) / 10;
}

async function timed(runs: number, once: (i: number) => Promise<unknown>): Promise<{ p50Ms: number; p95Ms: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await once(i);
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) };
}

/** Writes every item in batches of 25, a few batches at a time (BatchWriteItem; unprocessed items retried). */
async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as Record<string, unknown>[];
      let requests = batch.map((item) => ({ PutRequest: { Item: item } }));
      while (requests.length) {
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/**
 * Writes cases `from`..`to` (numbered from 1) and their contacts (a contact for every two
 * cases, `contacts` in all) as the repository writes them: case item, search tokens, queue
 * entries, contact and its tokens, in batches of 25.
 */
export async function seedStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  range: { from: number; to: number; contacts: number },
): Promise<void> {
  const r = random(42 + range.from);
  const CHUNK = 2_000;
  for (let from = range.from; from < range.to; from += CHUNK) {
    const items: Record<string, unknown>[] = [];
    for (let n = from; n < Math.min(range.to, from + CHUNK); n++) {
      const contactNo = n % range.contacts;
      const contact = contactOf(contactNo, random(contactNo + 1));
      const kase = caseOf(n + 1, contact, r);
      const first = n < range.contacts;
      items.push({ ...keys.case(kase.ref), ...caseIndexAttributes(kase), entity: 'case', ...kase });
      if (first) items.push({ ...keys.contact(contact.id), entity: 'contact', ...contact });
      items.push(...lookupItems(kase, first ? contact : undefined));
    }
    await batchWrite(client, tableName, items);
  }
}

/** The phone number, postcode and case reference the seeded store gives number `n`. */
export const seededDetails = { phoneOf, postcodeOf, refOf };

/**
 * Seeds `cases` cases into a fresh in-memory embedded DynamoDB and times queue pages
 * and searches through the repository (200 of each, after 20 warm-up runs).
 * Figures in milliseconds, wall clock, on this machine.
 */
export async function measureQueueAndSearch(opts: {
  cases: number;
}): Promise<{ queue: LatencyFigures; search: LatencyFigures }> {
  const db = await startLocalDynamoDB({ ttlSweepIntervalMs: 0 });
  const client = new DynamoDBClient(db.clientConfig);
  try {
    await client.send(new CreateTableCommand(createTableInput(TABLE)));
    const repository = new DynamoCaseRepository({ tableName: TABLE, awsSdkV3Client: client });
    const documents = documentClient(client);
    await seedStore(documents, TABLE, { from: 0, to: opts.cases, contacts: Math.ceil(opts.cases / 2) });
    const contacts = Math.ceil(opts.cases / 2);

    const queues: { selector: QueueSelector; sort: QueueSort; filter?: QueueFilter }[] = [
      { selector: { queue: 'owner', ownerId: 'officer-7' }, sort: 'due' },
      { selector: { queue: 'team', teamId: 'property-services' }, sort: 'due' },
      { selector: { queue: 'all' }, sort: 'due' },
      { selector: { queue: 'all' }, sort: 'received' },
      { selector: { queue: 'team', teamId: 'income' }, sort: 'activity' },
      { selector: { queue: 'team', teamId: 'property-services' }, sort: 'priority' },
      { selector: { queue: 'team', teamId: 'property-services' }, sort: 'due', filter: { kind: 'repair-urgent' } },
      { selector: { queue: 'owner', ownerId: 'officer-12' }, sort: 'received', filter: { channel: 'sms' } },
    ];
    const cursors = new Map<number, string | null>();
    const queuePage = async (i: number) => {
      const q = queues[i % queues.length] as (typeof queues)[number];
      const page = await repository.listQueue(q.selector, {
        limit: 50,
        sort: q.sort,
        ...(q.filter ? { filter: q.filter } : {}),
        // Every other page of a queue is the next one: paging deep costs the same.
        cursor: cursors.get(i % queues.length) ?? undefined,
      });
      cursors.set(i % queues.length, page.next);
      await repository.getContacts(page.items.map((c) => c.contactId));
    };

    const rs = random(7);
    const phoneFormats = [
      (n: number) => `0770 09${String(n).padStart(5, '0')}`.replace(/^(\d{4}) (\d{2})/, '0$1$2 '),
      (n: number) => `07700 9${String(n).padStart(5, '0')}`,
      (n: number) => `+44 7700 9${String(n).padStart(5, '0')}`,
      (n: number) => `(07700) 9${String(n).padStart(5, '0').slice(0, 2)} ${String(n).padStart(5, '0').slice(2)}`,
    ];
    const searches = [
      () => (pick(rs, phoneFormats) as (n: number) => string)(Math.floor(rs() * contacts)),
      () => `${pick(rs, FIRST)} ${pick(rs, LAST)}`,
      () => postcodeOf(Math.floor(rs() * contacts)).replace(' ', rs() < 0.5 ? '' : ' '),
      () => refOf(1 + Math.floor(rs() * opts.cases)),
      () => pick(rs, ['boiler', 'damp bedroom', 'broken window', 'service charge']),
      () => `T${String(Math.floor(rs() * contacts)).padStart(6, '0')}`,
    ];
    const search = async (i: number) => {
      const text = (searches[i % searches.length] as () => string)();
      const page = await repository.searchCases(text, { limit: 50, visible: (c) => !c.restricted });
      await repository.getContacts(page.items.map((c) => c.contactId));
    };

    await timed(20, queuePage);
    const queue = await timed(200, queuePage);
    await timed(20, search);
    const found = await timed(200, search);
    return { queue: { cases: opts.cases, ...queue }, search: { cases: opts.cases, ...found } };
  } finally {
    client.destroy();
    await db.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cases = Number(process.argv[2] ?? 100_000);
  const started = performance.now();
  const figures = await measureQueueAndSearch({ cases });
  console.log(JSON.stringify({ ...figures, seconds: Math.round((performance.now() - started) / 1000) }));
}
