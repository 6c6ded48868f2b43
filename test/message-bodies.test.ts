/**
 * Long bodies in the blob store on the real store and blob folder (issue 16): where the line
 * falls, what the item keeps, a quarantined delivery's stored body, and a body two residents
 * share filed in the instant an erasure deletes it (stored again, never lost).
 */

import { parseEmail } from '@housing-inbox/channels';
import {
  acceptDelivery,
  type BlobStore,
  BODY_INLINE_BYTES,
  type IngestDeps,
  type IngestOutcome,
  withMessageBodies,
} from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest, privacyOn, refOf, refusingToOpen } from './support/ingest.js';
import { rawEmail } from './support/mail.js';

/** A resident's text of about `bytes` bytes (ASCII). */
const words = (bytes: number) =>
  'Please could someone look at the boiler again. '.repeat(Math.ceil(bytes / 47)).slice(0, bytes);

describe('long message bodies', () => {
  const bed = ingestBedPerTest();
  const history = async (ref: string) => (await bed.store.repository.getCaseWithHistory(ref)) ?? undefined;
  const send = (id: string, body: string, from = `<${id}@resident.example>`) =>
    bed.email(rawEmail({ id, subject: 'Boiler', body, from }));

  it('keeps a body of up to 4 KB in its item and a longer one as a blob, shown the same', async () => {
    const short = refOf(await send('short-1', words(BODY_INLINE_BYTES - 200)));
    const long = refOf(await send('long-1', words(BODY_INLINE_BYTES + 200)));

    const inItem = (await history(short))?.messages[0];
    expect(inItem?.bodyKey).toBeUndefined();
    const asBlob = (await history(long))?.messages[0];
    expect(asBlob?.bodyKey).toMatch(/^bodies\//);
    expect(asBlob?.text.length).toBeLessThan(400);
    // Read back, the long one is whole, without a trace of where it was kept.
    const whole = await withMessageBodies(bed.store.blobs, (await history(long)) as never);
    expect(whole.messages[0]?.text).toBe(words(BODY_INLINE_BYTES + 200));
    expect(whole.messages[0]).not.toHaveProperty('bodyKey');
  });

  it('a quarantined delivery holds the body it stored, and retention of the entry deletes it', async () => {
    // References counted (a store from before them keeps every blob it cannot prove unshared).
    await bed.store.repository.privacy.countBlobReferences(10);
    const outcome = await acceptDelivery(
      { ...bed.deps, repository: refusingToOpen(bed.deps.repository) },
      {
        channel: 'email',
        raw: new TextEncoder().encode(rawEmail({ id: 'q-1', subject: 'Boiler', body: words(9000) })),
        contentType: 'message/rfc822',
        parse: (b) => parseEmail(b, { receivedAt: bed.clock.now().toISOString() }),
      },
    );
    expect(outcome.outcome).toBe('quarantined');
    const entry = await bed.store.repository.getQuarantined((outcome as { quarantineId: string }).quarantineId);
    const bodyKey = entry?.attachmentKeys?.find((k) => k.startsWith('bodies/')) as string;
    expect(await bed.store.blobs.get(bodyKey)).toBeDefined();

    await bed.store.repository.privacy.deleteQuarantined(entry as never, (k) => bed.store.blobs.delete(k));
    expect(await bed.store.blobs.get(bodyKey)).toBeUndefined();
  });

  it('stores a shared body again when it is filed in the instant an erasure deletes it', async () => {
    const text = words(8000);
    await bed.store.repository.privacy.countBlobReferences(10);
    const ann = refOf(await send('ann-1', text));
    const bodyKey = (await history(ann))?.messages[0]?.bodyKey as string;

    // Ben's email with the same words is filed between the erasure's check and its delete.
    let filing: Promise<IngestOutcome> | undefined;
    const deleteBlob = async (key: string) => {
      if (key === bodyKey && !filing) {
        let stored: () => void = () => {};
        const bodyStored = new Promise<void>((resolve) => {
          stored = resolve;
        });
        const blobs: BlobStore = {
          get: (k) => bed.store.blobs.get(k),
          delete: (k) => bed.store.blobs.delete(k),
          put: async (k, body, type) => {
            await bed.store.blobs.put(k, body, type);
            if (k === bodyKey) stored();
          },
        };
        const deps: IngestDeps = { ...bed.deps, blobs };
        filing = acceptDelivery(deps, {
          channel: 'email',
          raw: new TextEncoder().encode(
            rawEmail({ id: 'ben-1', subject: 'Boiler', body: text, from: '<ben@x.example>' }),
          ),
          contentType: 'message/rfc822',
          parse: (b) => parseEmail(b, { receivedAt: bed.clock.now().toISOString() }),
        });
        await bodyStored;
      }
      await bed.store.blobs.delete(key);
    };
    await bed.store.repository.privacy.eraseCase(
      ann,
      { at: bed.clock.now().toISOString(), by: 'mo', reason: 'Article 17' },
      deleteBlob,
    );
    const ben = refOf((await filing) as IngestOutcome);

    const found = await withMessageBodies(bed.store.blobs, (await history(ben)) as never);
    expect(found.messages[0]?.text).toBe(text);
    // Ben's erasure, the last holder, takes it.
    await privacyOn(bed).eraseContact(
      { officerId: 'mo', role: 'manager', teamId: 'customer-services' },
      (await bed.store.repository.getCase(ben))?.contactId as string,
      'Article 17',
    );
    expect(await bed.store.blobs.get(bodyKey)).toBeUndefined();
  });
});
