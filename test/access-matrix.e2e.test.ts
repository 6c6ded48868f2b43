/**
 * The role × route matrix, generated from the OpenAPI document the stack
 * serves: every signed-in route (`/api/*`, lists included) for every role,
 * against a restricted case, an ordinary one and one of another team. Whatever
 * a route answers, it never shows a case — its reference, its words — to a
 * role that `GET /api/cases/{ref}` answers 404, and no write changes such a
 * case. A route added to the document is walked without touching this file.
 */
import { signLocalToken } from '@housing-inbox/api';
import type { Officer } from '@housing-inbox/core';
import { type LocalStack, readSecret } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailCaseOwnedBy, MANAGER, restrictCase, startHightown } from './support/cases.js';
import { apiAs } from './support/http.js';
import { rawEmailWithFile } from './support/mail.js';

const OWNER = 'customer-services-officer-1';
const ROLES = [
  { role: 'officer (the owner)', as: OWNER },
  { role: 'officer', as: 'customer-services-officer-2' },
  { role: 'contributor (department asked)', as: 'property-services-contributor' },
  { role: 'reception', as: 'hightown-reception' },
  { role: 'manager', as: MANAGER },
] as const;

/** A word only one case's subject, text and request carry: seeing it means seeing that case. */
const MARKERS = { restricted: 'Zephyrine', ordinary: 'Quillon', otherTeam: 'Marzipane' } as const;
type Seeded = keyof typeof MARKERS;

/** Writes about the caller alone (their own inbox): answered, but never with a case they may not open. */
const OWN_ONLY = ['POST /api/notifications/read'];

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document and JSON schemas are read as data.
type Json = any;

interface Call {
  method: string;
  /** The documented path, e.g. `/api/cases/{ref}`. */
  route: string;
  url: string;
  body?: unknown;
  /** The seeded case the call names in its path, if any. */
  target?: Seeded;
}

describe('role × route matrix, generated from the OpenAPI document', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  let doc: Json;
  const api = apiAs(() => stack);
  const refs = {} as Record<Seeded, string>;
  const requestIds = {} as Record<Seeded, string>;
  const messageIds = {} as Record<Seeded, string>;
  /** Which seeded cases each role may open, by `GET /api/cases/{ref}`. */
  const opens = new Map<string, Set<Seeded>>();

  const seeded = Object.keys(MARKERS) as Seeded[];

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('matrix'));

    // An ordinary case of Customer Services: one department answered, another still asked.
    refs.ordinary = await emailCaseOwnedBy(stack, OWNER, 'mx-ordinary', `${MARKERS.ordinary} parking`);
    const asked = await ask(refs.ordinary, 'property-services', MARKERS.ordinary);
    await api('property-services-contributor', 'POST', `/api/cases/${refs.ordinary}/requests/${asked}/answer`, {
      answer: `${MARKERS.ordinary}: yes`,
    });
    requestIds.ordinary = await ask(refs.ordinary, 'income', MARKERS.ordinary);

    // A restricted case with an attachment, whose department was asked before the restriction.
    const subject = `${MARKERS.restricted} safeguarding`;
    refs.restricted = await emailCaseOwnedBy(
      stack,
      OWNER,
      'mx-restricted',
      subject,
      withAttachment('mx-restricted', subject),
    );
    requestIds.restricted = await ask(refs.restricted, 'property-services', MARKERS.restricted);
    await restrictCase(stack, refs.restricted);

    // A case of another team (Home Ownership), from the resident form.
    const form = await fetch(`${stack.httpUrl}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Olu Owner',
        email: 'other@resident.example',
        category: 'home-ownership',
        message: `${MARKERS.otherTeam}: my service charge`,
      }),
    });
    refs.otherTeam = ((await form.json()) as { ref: string }).ref;
    requestIds.otherTeam = 'no-such-request';

    for (const name of seeded) {
      messageIds[name] = (await api(MANAGER, 'GET', `/api/cases/${refs[name]}`)).body.messages[0].id;
    }
    for (const { as } of ROLES) {
      const may = new Set<Seeded>();
      for (const name of seeded) if ((await api(as, 'GET', `/api/cases/${refs[name]}`)).status === 200) may.add(name);
      opens.set(as, may);
    }
    doc = (await api(null, 'GET', '/api/openapi.json')).body;
  }, 180_000);
  afterAll(async () => {
    await stop?.();
  });

  /** Any answer, JSON or not (an attachment is a file), as text. */
  async function raw(
    as: string,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; text: string }> {
    const officer = stack.officers.find((o) => o.id === as) as Officer;
    const res = await fetch(`${stack.httpUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${signLocalToken(officer, readSecret(stack.dataDir))}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  async function ask(ref: string, department: string, marker: string): Promise<string> {
    const res = await api(OWNER, 'POST', `/api/cases/${ref}/requests`, {
      department,
      question: `${marker}: a question for ${department}`,
      dueBy: '2026-12-08',
    });
    expect(res.status).toBe(200);
    return res.body.requests.find(
      (r: { department: string; status: string }) => r.department === department && r.status === 'open',
    ).id;
  }

  function withAttachment(id: string, subject: string): string {
    return rawEmailWithFile(
      {
        id,
        subject,
        body: `${subject}: please call me, not my partner.`,
        from: '"Rita Restricted" <restricted@resident.example>',
      },
      {
        filename: `${MARKERS.restricted}.png`,
        contentType: 'image/png',
        bytes: Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
          'base64',
        ),
      },
    );
  }

  // ── the document, walked ──────────────────────────────────────────────────

  /** Every signed-in route: `/api/*` but the document itself; the local routes have their own tests. */
  function signedInRoutes(): { method: string; route: string; op: Json }[] {
    return Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([route, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => route.startsWith('/api/') && route !== '/api/openapi.json' && !op['x-local'])
        .map(([method, op]) => ({ method: method.toUpperCase(), route, op })),
    );
  }

  const resolve = (schema: Json): Json =>
    schema?.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()]) : schema;

  /** Values for fields whose schema alone does not say what a valid one looks like. */
  function fill(name: string | undefined, target: Seeded | undefined): unknown {
    const quoted = target ? `about ${refs[target]}` : 'about nothing in particular';
    switch (name) {
      case 'email':
        return 'matrix@resident.example';
      case 'phone':
        return '07700 900555';
      case 'summary':
      case 'text':
      case 'question':
      case 'answer':
      case 'body':
        return `Matrix check ${quoted}`;
      case 'ownerId':
        return 'customer-services-officer-2';
      case 'department':
        return 'income';
      case 'cognitoSub':
        return '00000000-0000-4000-8000-000000000000';
      default:
        return undefined;
    }
  }

  /** A valid body from the route's JSON schema: every property given, so refinements are met. */
  function sample(schema: Json, target: Seeded | undefined, name?: string): unknown {
    const s = resolve(schema);
    const filled = fill(name, target);
    if (filled !== undefined) return filled;
    // Another case's reference (to merge, link or close as a duplicate of): not the one in the path.
    if (typeof s.pattern === 'string' && s.pattern.includes('{6}'))
      return target === 'ordinary' ? refs.otherTeam : refs.ordinary;
    if (s.enum) return s.enum.includes('repair') ? 'repair' : s.enum[0];
    if (s.anyOf || s.oneOf) return sample((s.anyOf ?? s.oneOf)[0], target, name);
    switch (s.type) {
      case 'object':
        return Object.fromEntries(
          Object.entries(s.properties ?? {}).map(([key, value]) => [key, sample(value, target, key)]),
        );
      case 'array':
        return s.items ? [sample(s.items, target)] : [];
      case 'boolean':
        return true;
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      default:
        if (s.format === 'date') return '2026-12-08';
        return s.format === 'date-time' ? '2026-12-08T10:00:00Z' : 'Matrix check';
    }
  }

  /** A queue's order and filters: each value tried on its own (all together would be tens of thousands). */
  const ONE_AT_A_TIME = new Set(['sort', 'kind', 'priority', 'hazard', 'channel']);

  /** Query strings: every value of an enum, and the teams, states and searches a list can be asked for. */
  function queries(op: Json): string[] {
    let combos: Record<string, string>[] = [{}];
    const singles: Record<string, string>[] = [];
    for (const p of (op.parameters ?? []).filter((x: Json) => x.in === 'query')) {
      const values: string[] | undefined =
        p.schema?.enum ??
        {
          team: ['customer-services', 'property-services', 'home-ownership'],
          status: ['open', 'done'],
          month: ['2026-12'],
          q: [...Object.values(MARKERS), 'Rita Restricted', 'restricted@resident.example'],
        }[p.name as string];
      if (!values) continue;
      // A queue's states are walked in full; one status of an open case, and two values of each filter, stand for the rest.
      const walked = p.name === 'status' ? values.filter((v) => ['open', 'closed', 'done'].includes(v)) : values;
      const rest = values.filter((v) => !walked.includes(v)).slice(0, 1);
      if (ONE_AT_A_TIME.has(p.name)) singles.push(...values.slice(0, 2).map((v) => ({ [p.name]: v })));
      else {
        combos = combos.flatMap((c) => walked.map((v) => ({ ...c, [p.name]: v })));
        singles.push(...rest.map((v) => ({ [p.name]: v })));
      }
    }
    combos.push(...singles.map((s) => ({ ...combos[0], ...s })));
    return combos.map((c) => (Object.keys(c).length ? `?${new URLSearchParams(c)}` : ''));
  }

  /**
   * The calls a route stands for: each seeded case in its path, each query it can be asked.
   * A body's free text quotes the case in its path, or else `quote` (a call quoting a
   * reference joins that case).
   */
  function calls(method: string, route: string, op: Json, quote: Seeded = 'restricted'): Call[] {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    const targets: (Seeded | undefined)[] = route.includes('{ref}') ? seeded : [undefined];
    return targets.flatMap((target) => {
      const path = route
        .replace('{ref}', target ? refs[target] : '')
        .replace('{messageId}', target ? messageIds[target] : '')
        .replace('{index}', '0')
        // An officer route names nobody real: the matrix reads the answer, it does not record leavers.
        .replace('{id}', target ? requestIds[target] : 'no-such-officer');
      return queries(op).map((query) => ({
        method,
        route,
        url: `${path}${query}`,
        target,
        body: schema ? sample(schema, target ?? quote) : undefined,
      }));
    });
  }

  /** What a role may not see: the references and words of every seeded case it cannot open. */
  function hiddenFrom(as: string): Seeded[] {
    const may = opens.get(as) ?? new Set();
    return seeded.filter((s) => !may.has(s));
  }

  function expectNothingOf(hidden: Seeded[], res: { status: number; text: string }, call: Call) {
    const { text } = res;
    for (const s of hidden) {
      expect(text, `${call.method} ${call.url} shows ${s}'s words`).not.toContain(MARKERS[s]);
      // A refusal may repeat the reference the caller gave; an answer never names a hidden case.
      if (res.status < 400) expect(text, `${call.method} ${call.url} names ${s}`).not.toContain(refs[s]);
    }
  }

  it('walks every signed-in route of the document', () => {
    const routes = signedInRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(30);
    for (const { method, route, op } of routes)
      expect(calls(method, route, op).length, `${method} ${route}`).toBeGreaterThan(0);
    // The lists are in it.
    expect(routes.map((r) => `${r.method} ${r.route}`)).toEqual(
      expect.arrayContaining([
        'GET /api/cases',
        'GET /api/search',
        'GET /api/requests',
        'GET /api/quarantine',
        'POST /api/quarantine/{id}/release',
      ]),
    );
  });

  it('lets only the owner and managers open the restricted case; any staff member reads the others', () => {
    expect(opens.get(OWNER)).toEqual(new Set(seeded));
    expect(opens.get(MANAGER)).toEqual(new Set(seeded));
    for (const { as } of ROLES.slice(1, 4)) {
      expect(opens.get(as)?.has('restricted'), as).toBe(false);
      expect(opens.get(as), as).toEqual(new Set(['ordinary', 'otherTeam']));
    }
  });

  describe.each(ROLES)('$role', ({ as }) => {
    it('sees on a resident’s page only the cases it may open', async () => {
      const hidden = hiddenFrom(as);
      for (const name of seeded) {
        const contactId = (await api(MANAGER, 'GET', `/api/cases/${refs[name]}`)).body.contact.id;
        const res = await raw(as, 'GET', `/api/contacts/${contactId}`);
        const call = { method: 'GET', route: '/api/contacts/{id}', url: `/api/contacts/${contactId}` };
        expect(res.status, call.url).toBe(hidden.includes(name) ? 404 : 200);
        expectNothingOf(hidden, res, call);
        if (res.status === 200) expect(res.text).toContain(refs[name]);
      }
    });

    it('reads nothing, on any GET route, from a case it may not open', { timeout: 120_000 }, async () => {
      const hidden = hiddenFrom(as);
      let walked = 0;
      for (const { method, route, op } of signedInRoutes().filter((r) => r.method === 'GET')) {
        for (const call of calls(method, route, op)) {
          const res = await raw(as, call.method, call.url);
          expect(res.status, `${call.method} ${call.url}`).toBeLessThan(500);
          if (call.target && hidden.includes(call.target)) expect(res.status, `${call.method} ${call.url}`).toBe(404);
          expectNothingOf(hidden, res, call);
          walked++;
        }
      }
      expect(walked).toBeGreaterThan(10);
    });

    it('changes nothing, by any write route, on a case it may not open', { timeout: 120_000 }, async () => {
      const hidden = hiddenFrom(as);
      const before = await Promise.all(hidden.map((s) => api(MANAGER, 'GET', `/api/cases/${refs[s]}`)));
      for (const { method, route, op } of signedInRoutes().filter((r) => r.method !== 'GET')) {
        for (const call of calls(method, route, op, hidden[0])) {
          // A case it may open is its own to change: the matrix only tries the ones it may not.
          if (call.target && !hidden.includes(call.target)) continue;
          if (!call.target && hidden.length === 0) continue;
          const res = await raw(as, call.method, call.url, call.body);
          if (OWN_ONLY.includes(`${call.method} ${call.route}`)) {
            expect(res.status, `${call.method} ${call.url}`).toBe(200);
            expectNothingOf(hidden, res, call);
            continue;
          }
          expect(res.status, `${call.method} ${call.url}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${call.method} ${call.url}: ${res.text}`).not.toBe(400);
          if (call.target) expect(res.status, `${call.method} ${call.url}`).toBe(404);
          expectNothingOf(hidden, res, call);
        }
      }
      const after = await Promise.all(hidden.map((s) => api(MANAGER, 'GET', `/api/cases/${refs[s]}`)));
      for (const [i, s] of hidden.entries()) {
        expect(after[i]?.body.timeline.length, s).toBe(before[i]?.body.timeline.length);
        expect(after[i]?.body.messages.length, s).toBe(before[i]?.body.messages.length);
      }
    });
  });
});
