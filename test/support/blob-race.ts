/**
 * The erase/ingest race made deterministic (issue 12): a resident's case is erased, and in the
 * instant between the erasure finding no other holder of a photo and deleting it, another
 * resident's email with the same photo arrives and stores it (the filing runs inside the
 * erasure's delete). Shared by the local store's test and moto's.
 */
import { parseEmail } from '@housing-inbox/channels';
import {
  acceptDelivery,
  type BlobStore,
  type IngestDeps,
  type IngestOutcome,
  type PrivacyStore,
} from '@housing-inbox/core';
import { rawEmailWithFile } from './mail.js';

export const RACE_PHOTO = {
  filename: 'damp.jpg',
  contentType: 'image/jpeg',
  bytes: Buffer.from('jpeg bytes of the damp wall'),
};

function sendPhoto(deps: IngestDeps, who: string): Promise<IngestOutcome> {
  const raw = rawEmailWithFile(
    { id: `${who}-1`, subject: 'Damp', body: 'Photo.', from: `<${who}@resident.example>` },
    RACE_PHOTO,
  );
  return acceptDelivery(deps, {
    channel: 'email',
    raw: new TextEncoder().encode(raw),
    contentType: 'message/rfc822',
    parse: (b) => parseEmail(b, { receivedAt: deps.clock.now().toISOString() }),
  });
}

function caseRefOf(outcome: IngestOutcome): string {
  if ('caseRef' in outcome && outcome.caseRef) return outcome.caseRef;
  throw new Error(`no case: ${outcome.outcome}`);
}

/**
 * Files Ann's email with the photo, erases her case while Ben's email with the same photo is
 * filed between the erasure's check and its delete; answers Ben's case, the photo's key and
 * what the blob store holds under it afterwards.
 */
export async function fileDuringErasure(deps: IngestDeps, privacy: PrivacyStore) {
  await privacy.countBlobReferences(10);
  const ann = caseRefOf(await sendPhoto(deps, 'ann'));
  const photoKey = (await deps.repository.getCaseWithHistory(ann))?.messages[0]?.attachments[0]?.blobKey as string;

  let filing: Promise<IngestOutcome> | undefined;
  const deleteBlob = async (key: string) => {
    if (key === photoKey && !filing) {
      let stored: () => void = () => {};
      const photoStored = new Promise<void>((resolve) => {
        stored = resolve;
      });
      const blobs: BlobStore = {
        get: (k) => deps.blobs.get(k),
        delete: (k) => deps.blobs.delete(k),
        put: async (k, body, type) => {
          await deps.blobs.put(k, body, type);
          if (k === photoKey) stored();
        },
      };
      filing = sendPhoto({ ...deps, blobs }, 'ben');
      await photoStored;
    }
    await deps.blobs.delete(key);
  };
  await privacy.eraseCase(ann, { at: deps.clock.now().toISOString(), by: 'mo', reason: 'Article 17' }, deleteBlob);
  const ben = caseRefOf((await filing) as IngestOutcome);
  const named = (await deps.repository.getCaseWithHistory(ben))?.messages[0]?.attachments[0]?.blobKey;
  const stored = await deps.blobs.get(photoKey);
  return { ben, photoKey, named, photo: stored ? Buffer.from(stored.body) : undefined };
}
