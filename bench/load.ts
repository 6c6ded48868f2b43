/**
 * `npm run load`: a bounded load run with autocannon against the local stack on
 * 127.0.0.1 — `POST /contact` (JSON, a different resident each time),
 * `GET /api/cases?queue=all` and `GET /api/search` as a manager — then a
 * recount: every contact the form accepted (201 with a reference) must be a
 * case in the store. Figures go to bench/results/load.json and the table.
 *
 *   node --import tsx bench/load.ts [--seconds N] [--connections N]
 *
 * The stack's per-address limit on form posts (default 20 per 10 minutes) would
 * refuse a load from one address, so this run starts its own stack with the
 * limit set, explicitly, to more than it can send; the default is unchanged.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signLocalToken } from '@housing-inbox/api';
import { readSecret, startLocalStack } from '@housing-inbox/local';
import autocannon, { type Result } from 'autocannon';
import { writeBenchResultFile } from './write-json.js';

export interface LoadFigures {
  route: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  note?: string;
}

const figures = (route: string, seconds: number, connections: number, r: Result): LoadFigures => ({
  route,
  seconds,
  connections,
  requests: r.requests.total,
  requestsPerSecond: Math.round((10 * r.requests.total) / r.duration) / 10,
  latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
  statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
});

export async function runLoad(opts: { seconds: number; connections: number }) {
  const dataDir = await mkdtemp(join(tmpdir(), 'inbox-load-'));
  const stack = await startLocalStack({
    dataDir,
    inMemory: true,
    policy: 'hightown',
    // Explicitly above what this run can send from its one address (see the header).
    contactRateLimit: 1_000_000,
    startAt: new Date('2026-12-01T10:00:00Z'),
  });
  try {
    const url = stack.httpUrl;
    if (!url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to load ${url}: 127.0.0.1 only`);

    // 1. The resident form: a new resident per request; every 201's reference is kept.
    const accepted: string[] = [];
    let n = 0;
    const contact = await autocannon({
      url: `${url}/contact`,
      connections: opts.connections,
      timeout: 60,
      duration: opts.seconds,
      requests: [
        {
          method: 'POST',
          path: '/contact',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          setupRequest: (request) => {
            n++;
            return {
              ...request,
              body: JSON.stringify({
                name: `Load Resident ${n}`,
                email: `load${n}@resident.example`,
                message: `Load test message ${n}: the kitchen tap drips.`,
                category: 'repairs',
              }),
            };
          },
          onResponse: (status, body) => {
            if (status === 201) accepted.push((JSON.parse(body) as { ref: string }).ref);
          },
        },
      ],
    });

    // 2. Officers' queue and search, as the manager (who sees every case).
    const manager = stack.officers.find((o) => o.role === 'manager');
    if (!manager) throw new Error('the seeded directory has no manager');
    const auth = { authorization: `Bearer ${signLocalToken(manager, readSecret(dataDir))}` };
    const queue = await autocannon({
      url: `${url}/api/cases?queue=all`,
      connections: opts.connections,
      timeout: 60,
      duration: opts.seconds,
      headers: auth,
    });
    const probe = await fetch(`${url}/api/search?q=load1%40resident.example`, { headers: auth });
    await probe.arrayBuffer();
    const search =
      probe.status === 404
        ? undefined
        : await autocannon({
            url: `${url}/api/search?q=load1%40resident.example`,
            connections: opts.connections,
            timeout: 60,
            duration: opts.seconds,
            headers: auth,
          });

    // 3. The recount: every accepted contact is a case.
    const missing: string[] = [];
    for (const ref of accepted) if (!(await stack.repository.getCase(ref))) missing.push(ref);

    return {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      contact: figures('POST /contact', opts.seconds, opts.connections, contact),
      queue: figures('GET /api/cases?queue=all', opts.seconds, opts.connections, queue),
      search: search
        ? figures('GET /api/search', opts.seconds, opts.connections, search)
        : { route: 'GET /api/search', note: `answered ${probe.status} on this branch: not measured` },
      recount: { accepted: accepted.length, cases: accepted.length - missing.length, missing },
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '20' }, connections: { type: 'string', default: '8' } },
  });
  const result = await runLoad({ seconds: Number(values.seconds), connections: Number(values.connections) });
  await writeBenchResultFile('load.json', result);
  const rows = [result.contact, result.queue, result.search].map((f) =>
    'requests' in f
      ? {
          route: f.route,
          'req/s': f.requestsPerSecond,
          'p50 ms': f.latencyMs.p50,
          'p90 ms': f.latencyMs.p90,
          'p99 ms': f.latencyMs.p99,
          errors: f.errors,
          'non-2xx': f.non2xx,
        }
      : { route: f.route, 'req/s': f.note },
  );
  console.table(rows);
  console.log(
    `recount: ${result.recount.accepted} contacts accepted, ${result.recount.cases} of them are cases` +
      (result.recount.missing.length ? `; MISSING ${result.recount.missing.join(', ')}` : ' — none lost'),
  );
  process.exit(result.recount.missing.length ? 1 : 0);
}
