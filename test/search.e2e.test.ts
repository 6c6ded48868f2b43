/**
 * `GET /api/search` on the local stack: whatever the caller says finds the case
 * (a phone number in any UK format, a postcode any way written, a reference, a
 * tenancy reference, words of a name, an address or a subject), best match first
 * then newest, a page at a time; and never a restricted case for someone it is
 * not shown to. Reading another team's case is allowed; acting on it is not.
 */
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailCaseOwnedBy, MANAGER, restrictCase, startHightown } from './support/cases.js';
import { apiAs } from './support/http.js';

const RECEPTION = 'hightown-reception';
const REPAIRS_OFFICER = 'property-services-officer-1';

describe('search', () => {
  let stack: LocalStack;
  let stop: () => Promise<void>;
  const api = apiAs(() => stack);
  const ref = { priya: '', tom: '', noise: '', secret: '' };

  async function form(fields: Record<string, string>): Promise<string> {
    const res = await fetch(`${stack.httpUrl}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { ref: string }).ref;
  }

  const search = (as: string, q: string, extra = '') =>
    api(as, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
  const refsOf = (body: { items: { ref: string }[] }) => body.items.map((i) => i.ref);

  beforeAll(async () => {
    ({ stack, stop } = await startHightown('search'));
    ref.priya = await form({
      name: 'Priya Raman',
      phone: '07700 900123',
      email: 'Priya.Raman@resident.example',
      address: '12 Acacia Avenue, Hightown HT1 2AB',
      tenancyRef: 'HT/0042-7',
      category: 'repairs',
      message: 'The kitchen tap is dripping',
    });
    await stack.clock.advance(3_600_000);
    ref.tom = await form({ name: 'Tom Raman', email: 'tom@resident.example', category: 'rent', message: 'My rent' });
    await stack.clock.advance(3_600_000);
    ref.noise = await emailCaseOwnedBy(stack, 'customer-services-officer-1', 'noise', 'Noise from the Raman household');
    ref.secret = await form({
      name: 'Rita Quenby',
      phone: '07700 900999',
      category: 'tenancy',
      message: 'Please call me, not my partner',
    });
    await restrictCase(stack, ref.secret);
  }, 180_000);
  afterAll(async () => {
    await stop?.();
  });

  it.each(['07700 900123', '+44 7700 900123', '07700900123', '(07700) 900 123', '+447700900123', '0044 7700 900123'])(
    'finds a resident by the phone number written as %s',
    async (q) => {
      const res = await search(RECEPTION, q);
      expect(res.status).toBe(200);
      expect(refsOf(res.body)).toEqual([ref.priya]);
    },
  );

  it.each([
    ['postcode with its space', 'HT1 2AB'],
    ['postcode without, in lower case', 'ht12ab'],
    ['email in another case', 'PRIYA.RAMAN@resident.example'],
    ['reference', '__priya__'],
    ['tenancy reference', 'HT/0042-7'],
    ['tenancy reference punctuated otherwise', 'ht0042/7'],
    ['address words', 'acacia avenue'],
    ['full name', 'priya raman'],
  ])('finds a case by its %s', async (_label, q) => {
    const res = await search(RECEPTION, q === '__priya__' ? ref.priya : q);
    expect(res.status).toBe(200);
    expect(refsOf(res.body)[0]).toBe(ref.priya);
  });

  it('finds a case by words of its subject', async () => {
    expect(refsOf((await search(RECEPTION, 'noise household')).body)).toEqual([ref.noise]);
  });

  it('ranks a name above a word of a subject, then the newest first; every word must match', async () => {
    const res = await search(RECEPTION, 'Raman');
    expect(refsOf(res.body)).toEqual([ref.tom, ref.priya, ref.noise]);
    expect(refsOf((await search(RECEPTION, 'tom raman')).body)).toEqual([ref.tom]);
    expect(refsOf((await search(RECEPTION, 'zebra raman')).body)).toEqual([]);
  });

  it('answers in the queue’s row shape, with what the case is worked as', async () => {
    const [row] = (await search(RECEPTION, '07700 900123')).body.items;
    expect(row).toMatchObject({ ref: ref.priya, teamId: 'property-services', workKind: expect.any(String) });
    expect(row.contact).toMatchObject({ name: 'Priya Raman', phone: '+447700900123', postcode: 'HT1 2AB' });
  });

  it('pages with a cursor, and refuses a cursor of another search', async () => {
    const first = await search(RECEPTION, 'raman', '&limit=2');
    expect(refsOf(first.body)).toEqual([ref.tom, ref.priya]);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await search(RECEPTION, 'raman', `&limit=2&next=${first.body.next}`);
    expect(refsOf(second.body)).toEqual([ref.noise]);
    expect(second.body.next).toBeNull();
    const other = await search(RECEPTION, 'priya', `&next=${first.body.next}`);
    expect(other.status).toBe(400);
  });

  it('asks for something to look for, in plain words', async () => {
    const res = await search(RECEPTION, '   ');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Type what to look for/);
  });

  it('lets reception read another team’s case it found, but not act on it', async () => {
    const read = await api(RECEPTION, 'GET', `/api/cases/${ref.priya}`);
    expect(read.status).toBe(200);
    expect(read.body.teamId).toBe('property-services');
    const take = await api(RECEPTION, 'POST', `/api/cases/${ref.priya}/take`, {});
    expect(take.status).toBe(403);
    expect((await api(MANAGER, 'GET', `/api/cases/${ref.priya}`)).body.ownerId).not.toBe(RECEPTION);
  });

  it('never shows a restricted case to an officer it is not shown to, whatever they type', async () => {
    for (const as of [RECEPTION, REPAIRS_OFFICER, 'property-services-contributor']) {
      for (const q of ['Rita Quenby', '07700 900999', ref.secret, 'quenby']) {
        const res = await search(as, q);
        expect(res.status, `${as} ${q}`).toBe(200);
        expect(JSON.stringify(res.body), `${as} ${q}`).not.toContain(ref.secret);
      }
      expect((await api(as, 'GET', `/api/cases/${ref.secret}`)).status).toBe(404);
    }
    expect(refsOf((await search(MANAGER, '07700 900999')).body)).toEqual([ref.secret]);
  });

  it('follows a change of the contact’s address: the old postcode finds nothing, the new one finds the case', async () => {
    const move = (address: string) => api(MANAGER, 'POST', `/api/cases/${ref.tom}/contact`, { address });
    expect((await move('3 Birch Road, Hightown HT9 9ZZ')).status).toBe(200);
    expect(refsOf((await search(RECEPTION, 'HT9 9ZZ')).body)).toEqual([ref.tom]);
    expect((await move('5 Elm Road, Hightown HT8 8YY')).status).toBe(200);
    expect(refsOf((await search(RECEPTION, 'HT9 9ZZ')).body)).toEqual([]);
    expect(refsOf((await search(RECEPTION, 'elm road')).body)).toEqual([ref.tom]);
  });
});
