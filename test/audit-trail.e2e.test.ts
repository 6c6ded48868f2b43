/**
 * The audit trail of access (issue 12, item 9): every look at a restricted case
 * (the case, or one of its attachments) is recorded — who, when, which case —
 * before anything is shown; managers read the trail newest first, nobody else
 * reads it, and nothing changes or removes an entry.
 */
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailCaseOwnedBy, MANAGER, restrictCase, startHightown } from './support/cases.js';
import { apiAs } from './support/http.js';

const OWNER = 'customer-services-officer-1';
const TEAMMATE = 'customer-services-officer-2';

describe('audit trail of access to restricted cases', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  let restricted: string;
  let ordinary: string;
  const api = apiAs(() => stack);

  const emailCase = (id: string, subject: string) => emailCaseOwnedBy(stack, OWNER, id, subject);

  const trail = async (query = '') => (await api(MANAGER, 'GET', `/api/audit${query}`)).body;

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('audit'));
    restricted = await emailCase('au1', 'A safeguarding matter');
    ordinary = await emailCase('au2', 'A parking permit');
    await restrictCase(stack, restricted);
  });
  afterAll(async () => {
    await stop?.();
  });

  it('records who looked at a restricted case and when, newest first; not refused looks, not ordinary cases', async () => {
    const before = (await trail()).items.length;
    await stack.clock.set(new Date('2026-12-02T09:15:00Z'));
    expect((await api(OWNER, 'GET', `/api/cases/${restricted}`)).status).toBe(200);
    expect((await api(TEAMMATE, 'GET', `/api/cases/${restricted}`)).status).toBe(404);
    expect((await api(OWNER, 'GET', `/api/cases/${ordinary}`)).status).toBe(200);
    await stack.clock.set(new Date('2026-12-02T11:30:00Z'));
    expect((await api(MANAGER, 'GET', `/api/cases/${restricted}`)).status).toBe(200);

    const { items } = await trail();
    expect(items.length - before).toBe(2);
    expect(items.slice(0, 2)).toEqual([
      expect.objectContaining({
        officerId: MANAGER,
        caseRef: restricted,
        action: 'viewed-restricted-case',
        at: expect.stringMatching(/^2026-12-02T11:30/),
      }),
      expect.objectContaining({
        officerId: OWNER,
        caseRef: restricted,
        action: 'viewed-restricted-case',
        at: expect.stringMatching(/^2026-12-02T09:15/),
      }),
    ]);
    expect(JSON.stringify(items)).not.toContain(ordinary);
  });

  it('pages the trail with the cursor it gives', async () => {
    const first = await trail('?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.next).toEqual(expect.any(String));
    const second = await trail(`?limit=1&next=${encodeURIComponent(first.next)}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].at <= first.items[0].at).toBe(true);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await api(MANAGER, 'GET', '/api/audit?next=made-up')).status).toBe(400);
  });

  it.each([OWNER, TEAMMATE, 'hightown-reception', 'property-services-contributor'])(
    'is read by managers only, not %s',
    async (as) => {
      const res = await api(as, 'GET', '/api/audit');
      expect(res.status).toBe(403);
    },
  );

  it('has no route that changes or removes an entry', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await api(MANAGER, method, '/api/audit', {})).status, method).toBe(405);
    }
    const doc = (await api(null, 'GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths).filter((p: string) => p.includes('audit'))).toEqual(['/api/audit']);
    expect(Object.keys(doc.paths['/api/audit'])).toEqual(['get']);
  });

  it('never overwrites an entry', async () => {
    const [entry] = (await trail('?limit=1')).items;
    await expect(stack.repository.audit.record({ ...entry, officerId: 'someone-else' })).rejects.toThrow();
    expect((await trail('?limit=1')).items[0]).toEqual(entry);
  });
});
