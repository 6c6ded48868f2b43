/**
 * Writes that could reach a case their writer may not open (issue 12, item 2),
 * end to end on the local stack: a logged call that quotes a case reference,
 * department requests on a case that becomes restricted, notes and logs.
 */
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailCaseOwnedBy, MANAGER, restrictCase, startHightown } from './support/cases.js';
import { apiAs } from './support/http.js';

const OWNER = 'customer-services-officer-1';
const PROPERTY = 'property-services-contributor';
const RECEPTION = 'hightown-reception';

describe('writes reach only cases their writer may open', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  const api = apiAs(() => stack);
  const ownedCase = (id: string, subject: string) => emailCaseOwnedBy(stack, OWNER, id, subject);

  async function askProperty(ref: string, question: string) {
    const res = await api(OWNER, 'POST', `/api/cases/${ref}/requests`, {
      department: 'property-services',
      question,
      dueBy: '2026-12-08',
    });
    expect(res.status).toBe(200);
    return res.body.requests.at(-1).id as string;
  }

  const restrict = (ref: string) => restrictCase(stack, ref);

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('writes'));
  });
  afterAll(async () => {
    await stop?.();
  });

  describe('a department asked before the case was restricted', () => {
    let ref: string;
    let requestId: string;
    beforeAll(async () => {
      ref = await ownedCase('wd1', 'Boiler and a private matter');
      requestId = await askProperty(ref, 'When was the boiler last serviced?');
      expect((await api(PROPERTY, 'GET', '/api/requests')).body.items.map((r: { id: string }) => r.id)).toContain(
        requestId,
      );
      await restrict(ref);
    });

    it('has its request withdrawn, and the owner reads why on the timeline', async () => {
      const kase = (await api(OWNER, 'GET', `/api/cases/${ref}`)).body;
      expect(kase.requests).toEqual([
        expect.objectContaining({
          id: requestId,
          status: 'closed',
          closedReason: expect.stringContaining('restricted'),
        }),
      ]);
      expect(kase.status).not.toBe('awaiting-departments');
      expect(kase.timeline).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'request-closed',
            summary: expect.stringMatching(/^Request to Property Services.* withdrawn/),
            data: expect.objectContaining({ requestId, withdrawn: true }),
          }),
        ]),
      );
    });

    it('no longer lists it, open or done, and cannot answer it or see the case', async () => {
      for (const status of ['open', 'done']) {
        const list = await api(PROPERTY, 'GET', `/api/requests?status=${status}`);
        expect(JSON.stringify(list.body)).not.toContain(ref);
      }
      const answer = await api(PROPERTY, 'POST', `/api/cases/${ref}/requests/${requestId}/answer`, { answer: 'May' });
      expect(answer.status).toBe(404);
      expect((await api(PROPERTY, 'GET', `/api/cases/${ref}`)).status).toBe(404);
    });

    it('never blocks the owner’s reply', async () => {
      const reply = await api(OWNER, 'POST', `/api/cases/${ref}/reply`, { body: 'Here is our answer.' });
      expect(reply.status).toBe(200);
    });
  });

  it('refuses to ask a department for input on a restricted case, saying why', async () => {
    const ref = await ownedCase('wd2', 'Another private matter');
    await restrict(ref);
    const asked = await api(OWNER, 'POST', `/api/cases/${ref}/requests`, {
      department: 'property-services',
      question: 'Can you look?',
      dueBy: '2026-12-08',
    });
    expect(asked.status).toBe(409);
    expect(asked.body.error.message).toContain('restricted');
  });

  describe('a logged call', () => {
    let restricted: string;
    let asked: string;
    beforeAll(async () => {
      restricted = await ownedCase('lg1', 'Confidential matter');
      await restrict(restricted);
      asked = await ownedCase('lg2', 'Damp in the hall');
      await askProperty(asked, 'Is the damp on the works list?');
    });

    const call = (summary: string, extra: Record<string, unknown> = {}) => ({
      kind: 'phone-message',
      summary,
      name: 'Rae Caller',
      phone: '07700 900321',
      ...extra,
    });

    it.each([
      ['a contributor', PROPERTY],
      ['reception', RECEPTION],
    ])('by %s quoting a restricted case’s reference is refused, and the case is untouched', async (_who, as) => {
      const before = (await api(MANAGER, 'GET', `/api/cases/${restricted}`)).body;
      const res = await api(as, 'POST', '/api/contacts/log', call(`Caller quoted ${restricted} and asked for news`));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('not a case you can add to');
      const after = (await api(MANAGER, 'GET', `/api/cases/${restricted}`)).body;
      expect(after.messages).toHaveLength(before.messages.length);
    });

    it('quoting a reference that names no case is refused alike (the answer tells nothing)', async () => {
      const real = await api(PROPERTY, 'POST', '/api/contacts/log', call(`About ${restricted}`));
      const made = await api(PROPERTY, 'POST', '/api/contacts/log', call('About HT-2026-999999'));
      expect(made.status).toBe(real.status);
      expect(made.body.error.message.replace('HT-2026-999999', 'REF')).toBe(
        real.body.error.message.replace(restricted, 'REF'),
      );
    });

    it('naming the case in a caseRef field does not put it there either', async () => {
      const res = await api(
        PROPERTY,
        'POST',
        '/api/contacts/log',
        call('Rang about the repair', { caseRef: restricted }),
      );
      expect(res.status).toBe(201);
      expect(res.body.ref).not.toBe(restricted);
      const after = (await api(MANAGER, 'GET', `/api/cases/${restricted}`)).body;
      expect(after.messages.map((m: { text: string }) => m.text)).not.toContain('Rang about the repair');
    });

    it('quoting a case the caller may add to joins that case (when the one who rang is its contact)', async () => {
      // Issue 10: a quoted reference threads only for the case's own contact (here by email);
      // anyone else's call opens a case of its own, linked (test/ingest-trust.test.ts).
      const res = await api(
        PROPERTY,
        'POST',
        '/api/contacts/log',
        call(`Following up ${asked}: damp is worse`, { email: 'lg2@resident.example' }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ref: asked, outcome: 'threaded' });
    });

    it.each([
      ['a note', 'notes', { text: 'Spoke to the resident' }],
      ['a logged call', 'log', { kind: 'phone-message', summary: 'Rang back' }],
    ])(
      'on the restricted case itself, %s by the contributor is refused as if there were no case',
      async (_what, path, body) => {
        const res = await api(PROPERTY, 'POST', `/api/cases/${restricted}/${path}`, body);
        expect(res.status).toBe(404);
      },
    );
  });
});
