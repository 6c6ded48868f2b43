/**
 * The erase/ingest race on moto (issue 12): the blob tombstone's calls as AWS takes them —
 * the erasure's UpdateItem (ReturnValues ALL_OLD) and conditional DeleteItem/UpdateItem, the
 * ingest transaction's ConditionCheck, its cancellation read back as BlobGoneError — with the
 * photo in moto's S3. The scenario is test/support/blob-race.ts, as on the local store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDuringErasure, RACE_PHOTO } from '../support/blob-race.js';
import { type MotoBed, startMotoBed } from './support/moto.js';

describe('a file filed while an erasure deletes it, on moto (DynamoDB + S3)', () => {
  let bed: MotoBed;

  beforeAll(async () => {
    bed = await startMotoBed('blob-race');
  });
  afterAll(() => bed.stop());

  it('keeps the photo the new message names, in S3', async () => {
    const runtime = bed.runtime();

    const race = await fileDuringErasure(runtime.services.ingest, runtime.privacy);

    expect(race.named).toBe(race.photoKey);
    expect(race.photo).toEqual(RACE_PHOTO.bytes);
  });
});
