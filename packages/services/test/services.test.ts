import { ManualClock } from '@housing-inbox/core';
import { LocalOutbox } from '@housing-inbox/outbound';
import { createServices, type Services } from '@housing-inbox/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hightown, startTestStore, type TestStore } from '../../../test/support/stack.js';

const actor = { officerId: 'reception', role: 'reception' as const, teamId: 'customer-services' };

describe('createServices', () => {
  let store: TestStore;
  let services: Services;

  beforeAll(async () => {
    store = await startTestStore();
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    services = createServices({
      policy: hightown,
      repository: store.repository,
      blobs: store.blobs,
      clock,
      outbound: new LocalOutbox(`${store.blobDir}/outbox`, clock),
      mailDomain: 'inbox.hightown.example',
    });
  });
  afterAll(async () => {
    await store.stop();
  });

  const raw = { raw: new Uint8Array([1]), contentType: 'application/x-www-form-urlencoded' };

  it('opens a case for a resident’s form and says when the answer is due', async () => {
    const result = await services.submitContact(
      { name: 'Rosa Resident', email: 'rosa@resident.example', message: 'My boiler is broken' },
      raw,
    );
    expect(result).toEqual({ ok: true, ref: expect.stringMatching(/^HT-2026-\d{6}$/), respondBy: expect.any(String) });
  });

  it('answers a form with problems field by field, and one caught by its trap as spam, storing neither', async () => {
    expect(await services.submitContact({ name: 'Rosa', message: 'Hello' }, raw)).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.any(String) },
    });
    expect(
      await services.submitContact({ name: 'Bot', email: 'b@x.example', message: 'Buy', website: 'x' }, raw),
    ).toEqual({ ok: false, spam: true });
    expect((await store.repository.listQuarantine()).items).toEqual([]);
  });

  it('keeps a valid form it cannot file, and tells the resident staff will read it (no 500 to retry forever)', async () => {
    // The store refuses the case for good (as DynamoDB refuses an item over 400 KB): ingest quarantines it.
    const refusing = new Proxy(store.repository, {
      get: (target, key) => {
        if (key === 'openCase') {
          return async () => {
            throw Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
              name: 'ValidationException',
            });
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    const strict = createServices({
      policy: hightown,
      repository: refusing,
      blobs: store.blobs,
      clock,
      outbound: new LocalOutbox(`${store.blobDir}/outbox-held`, clock),
      mailDomain: 'inbox.hightown.example',
    });
    const before = (await store.repository.listQuarantine()).items.length;

    const result = await strict.submitContact(
      { name: 'Rosa Resident', email: 'rosa.held@resident.example', message: 'My boiler is broken' },
      raw,
    );

    expect(result).toEqual({ ok: true, held: true });
    expect((await store.repository.listQuarantine()).items).toHaveLength(before + 1);
  });

  it('logs a phone message as a new case, and refuses one with no way to reply', async () => {
    const logged = await services.logNewContact(actor, {
      kind: 'phone-message',
      summary: 'Called about the rent',
      phone: '07700 900123',
    });
    expect(logged).toEqual({ ref: expect.stringMatching(/^HT-/), outcome: 'created' });
    await expect(
      services.logNewContact(actor, { kind: 'visit', summary: 'Came in about a repair' }),
    ).rejects.toMatchObject({ name: 'CommandError', kind: 'invalid' });
  });
});
