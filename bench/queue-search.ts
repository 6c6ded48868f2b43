/**
 * Queue and search latency with a large store (CONTRACTS.md "Benchmarks": `queue` and `search`).
 *
 * The local stack (in memory) is started as `npm start` would, then seeded with `cases` cases
 * (and a contact for every two) straight into its embedded DynamoDB's store
 * (`LocalDynamoDB.bulkLoad`: no HTTP, so 100,000 cases take minutes, not hours), each item built
 * by the store's own builders — the case item with `caseIndexAttributes`, the contact, and
 * `lookupItems` (search tokens, queue entries) — exactly what the repository writes. Then, over
 * HTTP on 127.0.0.1 as a manager, what the console asks: `GET /api/cases?queue=all&sort=…` (a
 * first page and a page deep behind a cursor, each order) and `GET /api/search?q=…` (a name, a
 * phone number in UK format, a postcode, a reference). Beside the times, the DynamoDB requests
 * and items read per query, counted by SDK middleware on a repository on the same endpoint
 * making the calls the routes make (`listQueue` or `searchCases`, then `getContacts`).
 *
 * Run: `node --import tsx bench/queue-search.ts [cases]` (prints JSON), or `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { signLocalToken } from '@housing-inbox/api';
import type { Case, Contact, Officer, QueueSort } from '@housing-inbox/core';
import { type LocalStack, readSecret, startLocalStack, TABLE_NAME } from '@housing-inbox/local';
import {
  caseIndexAttributes,
  contactCasesItem,
  DynamoCaseRepository,
  keys,
  lookupItems,
  wakeUpItems,
} from '@housing-inbox/store';
import { percentile, round } from './stats.js';

export interface LatencyFigures {
  cases: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Each query on its own: times, and the DynamoDB requests and items it read. */
  detail: Record<string, QueryFigures>;
}

export interface QueryFigures {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** DynamoDB requests the repository made for one query, by operation. */
  requests: Record<string, number>;
  /** Items DynamoDB read for it (Query `ScannedCount`, items BatchGetItem / GetItem returned). */
  itemsRead: number;
}

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
const CHANNELS = ['email', 'sms', 'web-form', 'letter'] as const;
const PRIORITIES = ['emergency', 'urgent', 'standard', 'programmed'] as const;
const ORDERS: QueueSort[] = ['due', 'received', 'activity', 'priority'];

/** A deterministic pseudo-random sequence, so every run seeds the same store. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
/** UK mobile numbers from the range Ofcom keeps for drama (07700 900000–900999), then beyond. */
const phoneOf = (n: number) => `+447700${String(900_000 + n).padStart(6, '0')}`;
const ukPhoneOf = (n: number) => `07700 ${String(900_000 + n).padStart(6, '0')}`;
const postcodeOf = (n: number) => `HT${(n % 9) + 1} ${n % 10}${'ABDEFGHJ'[n % 8]}${'LNPQRSTU'[(n >> 3) % 8]}`;
const refOf = (n: number) => `HT-2026-${String(n).padStart(6, '0')}`;

function contactOf(n: number): Contact {
  const r = random(n + 1);
  return {
    id: `bench-contact-${n}`,
    name: `${pick(r, FIRST)} ${pick(r, LAST)}`,
    email: `resident${n}@resident.example`,
    phone: phoneOf(n),
    address: `${(n % 200) + 1} ${pick(r, STREETS)}, Hightown ${postcodeOf(n)}`,
    postcode: postcodeOf(n),
    tenancyRef: `T${String(n).padStart(6, '0')}`,
  };
}

/** Teams and their officers as the stack seeded them: owners are real officers of the case's team. */
function teamsOf(officers: Officer[]): { teamId: string; owners: string[] }[] {
  const teams = new Map<string, string[]>();
  for (const o of officers) {
    if (o.role === 'manager') continue;
    teams.set(o.teamId, [...(teams.get(o.teamId) ?? []), o.id]);
  }
  return [...teams].map(([teamId, owners]) => ({ teamId, owners }));
}

function caseOf(n: number, contact: Contact, teams: Teams, r: () => number): Case {
  const received = new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 330 * 86_400_000));
  const at = received.toISOString();
  const due = new Date(received.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  const repair = r() < 0.3;
  const channel = pick(r, CHANNELS);
  const team = pick(r, teams);
  const priority = pick(r, PRIORITIES);
  const kind = repair ? `repair-${priority}` : channel;
  return {
    ref: refOf(n),
    policyId: 'hightown',
    channel,
    kind,
    classification: {
      category: repair ? 'repair' : 'service-request',
      ...(repair ? { priority } : {}),
      kind,
      reason: 'bench',
      decidedBy: 'system',
    },
    status: r() < 0.9 ? pick(r, ['new', 'in-progress', 'awaiting-departments'] as const) : 'closed',
    ...(r() < 0.8 ? { ownerId: pick(r, team.owners) } : {}),
    teamId: team.teamId,
    contactId: contact.id,
    subject: pick(r, SUBJECTS),
    receivedAt: at,
    targets: { clockStarts: at.slice(0, 10), acknowledgeBy: null, respondBy: due },
    restricted: r() < 0.02,
    lastMessageAt: at,
    messageCount: 1,
    createdAt: at,
    updatedAt: at,
  } as unknown as Case;
}

type Teams = { teamId: string; owners: string[] }[];

/** Teams and owners for a store without the stack's directory (`seedStore`). */
const DEFAULT_TEAMS: Teams = [
  'customer-services',
  'housing-management',
  'property-services',
  'income',
  'home-ownership',
  'support',
].map((teamId) => ({ teamId, owners: Array.from({ length: 10 }, (_, i) => `${teamId}-officer-${i + 1}`) }));

/** The stack's clock while the bench runs (a Tuesday, 10:00 in London). */
const BENCH_NOW = new Date('2026-12-01T10:00:00Z');
/**
 * Where a seeded open case's timer is parked: 09:00 on one of the next five working days after
 * BENCH_NOW (the policy's delay updates come every 5 working days, at opening time), so none
 * falls due while the bench runs.
 */
const PARKED_AT = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'].map(
  (d) => `${d}T09:00:00.000Z`,
);

/**
 * The items of cases `from`..`to` (numbered from 1) and their contacts (a contact for every two
 * cases, `contacts` in all), `chunk` cases at a time, as the repository writes them: the case item
 * with its index attributes, the contact, and `lookupItems` (search tokens, queue entries). Each
 * open case also gets its timer's wake-up (`wakeUpItems`), parked as a store that planned its
 * cases would have it: without one, the stack's timer sweep finds the case with no live timer and
 * re-plans it — 100 cases per sweep, each acknowledged, warned, updated and alerted (four notices
 * by email) while the timed requests run.
 */
function* seedItems(
  range: { from: number; to: number; contacts: number },
  teams: Teams,
  timeZone: string,
  chunk = 2_000,
): Generator<Record<string, unknown>[]> {
  const r = random(42 + range.from);
  const ofContact = new Map<string, Case[]>();
  for (let from = range.from; from < range.to; from += chunk) {
    const items: Record<string, unknown>[] = [];
    const touched = new Set<string>();
    for (let n = from; n < Math.min(range.to, from + chunk); n++) {
      const contactNo = n % range.contacts;
      const contact = contactOf(contactNo);
      const kase = caseOf(n + 1, contact, teams, r);
      const first = n < range.contacts;
      items.push({ ...keys.case(kase.ref), ...caseIndexAttributes(kase, timeZone), entity: 'case', ...kase });
      if (first) items.push({ ...keys.contact(contact.id), entity: 'contact', ...contact });
      items.push(...lookupItems(kase, first ? contact : undefined, []));
      if (kase.status !== 'closed') {
        const parked = wakeUpItems(kase.ref, PARKED_AT[n % PARKED_AT.length] as string, 'seeded: parked');
        items.push(parked.current, parked.due);
      }
      ofContact.set(contact.id, [...(ofContact.get(contact.id) ?? []), kase]);
      touched.add(contact.id);
    }
    // Each contact's set of cases once a chunk, whole (a later chunk puts it again with more).
    for (const id of touched)
      items.push(...[contactCasesItem(id, ofContact.get(id) ?? [])].filter((i) => i !== undefined));
    yield items;
  }
}

/** Writes the seed (`seedItems`) through BatchWriteItem: small stores in tests. */
export async function seedStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  range: { from: number; to: number; contacts: number },
): Promise<void> {
  for (const all of seedItems(range, DEFAULT_TEAMS, 'Europe/London')) {
    // Sets of cases added to (a contact's cases of an earlier call stay), the rest put.
    const items = all.filter((i) => i.entity !== 'contact-cases');
    for (const set of all.filter((i) => i.entity === 'contact-cases')) {
      const { pk, sk, cases } = set;
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk, sk },
          UpdateExpression: 'ADD cases :cases SET entity = :entity, contactId = :id',
          ExpressionAttributeValues: { ':cases': cases, ':entity': 'contact-cases', ':id': set.contactId },
        }),
      );
    }
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: item } }));
      while (requests.length) {
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  }
}

/** The phone number, postcode and case reference the seed gives number `n`. */
export const seededDetails = { phoneOf, postcodeOf, refOf };

/** Seeds cases 1..`cases` and their contacts straight into the stack's embedded DynamoDB (`bulkLoad`). */
export async function seedStack(stack: LocalStack, cases: number): Promise<void> {
  const range = { from: 0, to: cases, contacts: Math.ceil(cases / 2) };
  for (const items of seedItems(range, teamsOf(stack.officers), stack.policy.timeZone)) {
    await stack.dynamodb.bulkLoad(
      TABLE_NAME,
      items.map((i) => marshall(i, { removeUndefinedValues: true })),
    );
  }
}

/**
 * The stack's timers idle (the sweep and any execution it started), one full garbage collection,
 * then a second's rest, between the seeding and the timing: the
 * bulk load leaves gigabytes of garbage (every item built, marshalled and copied into the store
 * at once) that a store grown over months would not have, and collecting it during the timed
 * requests would time the seeding. `--expose-gc` is switched on here when node was started
 * without it. The requests' own garbage is still collected while they are timed.
 */
async function settle(stack: LocalStack): Promise<void> {
  await stack.timerSweep.idle();
  await stack.timers.idle();
  setFlagsFromString('--expose-gc');
  const gc = (globalThis as { gc?: () => void }).gc ?? (runInNewContext('gc') as () => void);
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** Requests and items read, counted by middleware on one client (one query measured at a time). */
function countingRepository(stack: LocalStack) {
  const client = new DynamoDBClient(stack.dynamodb.clientConfig);
  let counts = { requests: {} as Record<string, number>, itemsRead: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const op = String(context.commandName).replace(/Command$/, '');
      counts.requests[op] = (counts.requests[op] ?? 0) + 1;
      const o = out.output as {
        ScannedCount?: number;
        Count?: number;
        Item?: unknown;
        Responses?: Record<string, unknown[]>;
      };
      counts.itemsRead +=
        o.ScannedCount ?? o.Count ?? (o.Item ? 1 : 0) + Object.values(o.Responses ?? {}).flat().length;
      return out;
    },
    { step: 'initialize', name: 'countReads' },
  );
  const repository = new DynamoCaseRepository({ tableName: TABLE_NAME, awsSdkV3Client: client });
  return {
    repository,
    async measure(work: () => Promise<unknown>) {
      counts = { requests: {}, itemsRead: 0 };
      await work();
      return counts;
    },
    destroy: () => client.destroy(),
  };
}

/**
 * Seeds `cases` cases into a fresh local stack and times, over its HTTP API, queue pages (each
 * order, first and deep) and searches (name, UK phone, postcode, reference): `requests` of each
 * (default 50) after 5 warm-up runs. Milliseconds of wall clock on this machine.
 */
export async function measureQueueAndSearch(opts: {
  cases: number;
  requests?: number;
}): Promise<{ queue: LatencyFigures; search: LatencyFigures; seedSeconds: number }> {
  const runs = opts.requests ?? 50;
  const dataDir = await mkdtemp(join(tmpdir(), 'inbox-bench-qs-'));
  const stack = await startLocalStack({
    dataDir,
    inMemory: true,
    policy: 'hightown',
    letterPollMs: 3_600_000,
    startAt: BENCH_NOW,
  });
  const counter = countingRepository(stack);
  try {
    const seeding = performance.now();
    await seedStack(stack, opts.cases);
    const seedSeconds = round((performance.now() - seeding) / 1000, 0);
    await settle(stack);
    const manager = stack.officers.find((o) => o.role === 'manager' && o.active);
    if (!manager) throw new Error('the seeded directory has no manager');
    const headers = { authorization: `Bearer ${signLocalToken(manager, readSecret(dataDir))}` };
    const get = async (path: string) => {
      const res = await fetch(`${stack.httpUrl}${path}`, { headers });
      const body = (await res.json()) as { items: unknown[]; next: string | null };
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    };
    const time = async (paths: (i: number) => string) => {
      for (let i = 0; i < 5; i++) await get(paths(i));
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await get(paths(i));
        ms.push(performance.now() - t);
      }
      return ms;
    };
    const figures = (ms: number[]) => ({
      p50Ms: round(percentile(ms, 50)),
      p95Ms: round(percentile(ms, 95)),
      p99Ms: round(percentile(ms, 99)),
    });

    // The seeded store answers as a stored one would: a full page, a reference found once.
    const firstPage = await get('/api/cases?queue=all&sort=received');
    const byRef = await get(`/api/search?q=${refOf(1)}`);
    if ((opts.cases >= 200 && firstPage.items.length !== 50) || byRef.items.length !== 1)
      throw new Error(`the seeded store answers wrongly: ${firstPage.items.length} rows, ${byRef.items.length} found`);

    const queueDetail: Record<string, QueryFigures> = {};
    const queueMs: number[] = [];
    const deepPages = Math.max(1, Math.min(20, Math.floor(opts.cases / 50 / 4)));
    for (const sort of ORDERS) {
      // A cursor `deepPages` pages in (1,000 cases at 100,000): paging deep costs what the first page does.
      let cursor: string | null = null;
      for (let p = 0; p < deepPages; p++) {
        cursor = (await get(`/api/cases?queue=all&sort=${sort}${cursor ? `&next=${encodeURIComponent(cursor)}` : ''}`))
          .next;
      }
      const deep: string = cursor ? `&next=${encodeURIComponent(cursor)}` : '';
      for (const [name, suffix] of [
        ['first', ''],
        [`page ${deepPages + 1}`, deep],
      ] as const) {
        const ms = await time(() => `/api/cases?queue=all&sort=${sort}${suffix}`);
        queueMs.push(...ms);
        const counted = await counter.measure(async () => {
          const page = await counter.repository.listQueue(
            { queue: 'all' },
            { limit: 50, sort, ...(suffix ? { cursor: cursor as string } : {}) },
          );
          // As the route does: only the contacts the store did not read with the cases.
          const missing = page.items.map((c) => c.contactId).filter((id) => !page.contacts?.has(id));
          if (missing.length) await counter.repository.getContacts(missing);
        });
        queueDetail[`${sort}, ${name}`] = { ...figures(ms), ...counted };
      }
    }

    const contacts = Math.ceil(opts.cases / 2);
    const rs = random(7);
    const someone = () => Math.floor(rs() * contacts);
    const searches: [string, () => string][] = [
      ['name', () => `${pick(rs, FIRST)} ${pick(rs, LAST)}`],
      ['phone (07700 900123)', () => ukPhoneOf(someone())],
      ['postcode', () => postcodeOf(someone())],
      ['reference', () => refOf(1 + Math.floor(rs() * opts.cases))],
    ];
    const searchDetail: Record<string, QueryFigures> = {};
    const searchMs: number[] = [];
    for (const [name, text] of searches) {
      const texts = Array.from({ length: runs + 5 }, text);
      const ms = await time((i) => `/api/search?q=${encodeURIComponent(texts[i] as string)}`);
      searchMs.push(...ms);
      const counted = await counter.measure(async () => {
        const page = await counter.repository.searchCases(texts[0] as string, { limit: 50, visible: () => true });
        await counter.repository.getContacts(page.items.map((c) => c.contactId));
      });
      searchDetail[name] = { ...figures(ms), ...counted };
    }
    return {
      queue: { cases: opts.cases, ...figures(queueMs), detail: queueDetail },
      search: { cases: opts.cases, ...figures(searchMs), detail: searchDetail },
      seedSeconds,
    };
  } finally {
    counter.destroy();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cases = Number(process.argv[2] ?? 100_000);
  const started = performance.now();
  const figures = await measureQueueAndSearch({ cases });
  console.log(JSON.stringify({ ...figures, seconds: Math.round((performance.now() - started) / 1000) }, null, 2));
}
