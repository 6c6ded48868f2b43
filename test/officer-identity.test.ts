/**
 * One officer per email and per sign-in (issue 12, item 4): the store refuses a
 * second officer with the same email (whatever its case) or the same Cognito
 * sub, and gives an email back when its officer changes it; the seeded
 * directories give every officer an email of their own.
 */
import { type LandlordPolicy, type Officer, OfficerIdentityTakenError } from '@housing-inbox/core';
import { seedOfficers } from '@housing-inbox/local';
import { presets } from '@housing-inbox/policies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from './support/stack.js';

const officer = (id: string, email: string, extra: Partial<Officer> = {}): Officer => ({
  id,
  name: id,
  email,
  role: 'officer',
  teamId: 'customer-services',
  active: true,
  ...extra,
});

describe('officer directory: one officer per email and per sign-in', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('refuses a second officer with the same email, whatever its case', async () => {
    await store.repository.putOfficer(officer('ada', 'ada.lovelace@hightown.example'));
    const twin = store.repository.putOfficer(officer('ada-2', 'Ada.Lovelace@Hightown.example'));
    await expect(twin).rejects.toBeInstanceOf(OfficerIdentityTakenError);
    await expect(twin).rejects.toThrow('another officer already has the email');
    expect((await store.repository.listOfficers()).map((o) => o.id)).not.toContain('ada-2');
  });

  it('lets an officer be written again with their own email and sign-in', async () => {
    const sub = '11111111-1111-4111-8111-111111111111';
    await store.repository.putOfficer(officer('ben', 'ben@hightown.example', { cognitoSub: sub }));
    await store.repository.putOfficer(officer('ben', 'ben@hightown.example', { cognitoSub: sub, patches: ['HX1'] }));
    expect((await store.repository.getOfficer('ben'))?.patches).toEqual(['HX1']);
  });

  it('refuses to link one sign-in to two officers', async () => {
    const sub = '22222222-2222-4222-8222-222222222222';
    await store.repository.putOfficer(officer('cal', 'cal@hightown.example', { cognitoSub: sub }));
    await expect(
      store.repository.putOfficer(officer('dee', 'dee@hightown.example', { cognitoSub: sub })),
    ).rejects.toMatchObject({ field: 'cognitoSub' });
  });

  it('gives back an email or a sign-in its officer no longer has', async () => {
    const sub = '33333333-3333-4333-8333-333333333333';
    await store.repository.putOfficer(officer('eve', 'eve@hightown.example', { cognitoSub: sub }));
    await store.repository.putOfficer(officer('eve', 'eve.married@hightown.example'));
    await store.repository.putOfficer(officer('fay', 'eve@hightown.example', { cognitoSub: sub }));
    expect((await store.repository.getOfficer('fay'))?.cognitoSub).toBe(sub);
  });

  it.each(Object.keys(presets))('seeds %s with an email (and a name) for each officer alone', (id) => {
    const seeded = seedOfficers(presets[id as keyof typeof presets] as LandlordPolicy);
    const emails = seeded.map((o) => o.email.toLowerCase());
    expect(new Set(emails).size).toBe(seeded.length);
    expect(new Set(seeded.map((o) => o.name)).size).toBe(seeded.length);
  });
});
