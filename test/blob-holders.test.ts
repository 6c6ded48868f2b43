/**
 * Personal data bytes never left behind (issue 12, the residuals of blob reference counting), on
 * the real store and blob folder: attachments stored for a delivery that is then quarantined go
 * when the quarantine entry goes (retention) or pass to the case its release files; a redelivery
 * on a later day, or a resend of the same message in other bytes, leaves no raw copy nothing names.
 * The proof is the blob folder itself: after erasure or retention, nothing of the resident is left.
 */
import { readdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseEmail } from '@housing-inbox/channels';
import { type Actor, acceptDelivery, type IngestDeps } from '@housing-inbox/core';
import { createRelease } from '@housing-inbox/services';
import { describe, expect, it } from 'vitest';
import { fileDuringErasure, RACE_PHOTO } from './support/blob-race.js';
import { ingestBedPerTest, privacyOn, refOf, refusingToOpen } from './support/ingest.js';
import { rawEmailWithFile } from './support/mail.js';

const MANAGER: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };
const PHOTO = RACE_PHOTO;

describe('blob holders: quarantine, redelivery', () => {
  const bed = ingestBedPerTest();
  const repository = () => bed.store.repository;
  const privacy = () => privacyOn(bed);
  const rawOfCase = async (ref: string) => (await repository().getCaseWithHistory(ref))?.messages[0]?.rawKey as string;
  const eraseContactOf = async (ref: string) =>
    privacy().eraseContact(MANAGER, (await repository().getCase(ref))?.contactId as string, 'Article 17');

  /** Every blob key in the folder (not the content-type files beside them). */
  async function storedKeys(): Promise<string[]> {
    const entries = await readdir(bed.store.blobDir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !e.name.endsWith('.content-type'))
      .map((e) => relative(bed.store.blobDir, `${e.parentPath}/${e.name}`))
      .sort();
  }

  /** An email ingest quarantines because its store refuses to open the case (as it refuses an item over 400 KB). */
  async function heldAside(raw: string) {
    const deps: IngestDeps = { ...bed.deps, repository: refusingToOpen(bed.deps.repository) };
    const outcome = await acceptDelivery(deps, {
      channel: 'email',
      raw: new TextEncoder().encode(raw),
      contentType: 'message/rfc822',
      parse: (b) => parseEmail(b, { receivedAt: bed.clock.now().toISOString() }),
    });
    expect(outcome.outcome).toBe('quarantined');
    const id = (outcome as { quarantineId: string }).quarantineId;
    return { id, entry: await repository().getQuarantined(id) };
  }

  const quarantinedWithPhoto = (who: string) =>
    heldAside(
      rawEmailWithFile(
        { id: `${who}-1`, subject: 'Damp', body: 'Photo attached.', from: `<${who}@resident.example>` },
        PHOTO,
      ),
    );

  it('deletes a quarantined delivery’s stored attachment and payload when retention ages the entry out, keeping a copy a case holds', async () => {
    const { entry } = await quarantinedWithPhoto('qua');
    // The photo was stored before filing failed: the entry names (and holds) it beside its payload.
    expect(entry?.attachmentKeys).toHaveLength(1);
    const photoKey = entry?.attachmentKeys?.[0] as string;
    expect(await storedKeys()).toEqual([photoKey, entry?.rawKey].sort());
    // Another resident sends the same photo and it is filed: their case holds the same bytes.
    const filed = await bed.email(
      rawEmailWithFile(
        { id: 'rho-1', subject: 'Damp too', body: 'Same photo.', from: '<rho@resident.example>' },
        PHOTO,
      ),
    );

    // Within the period the entry stays; past it (6 years after arrival, the policy's period) it goes.
    bed.clock.set(new Date('2031-06-01T10:00:00Z'));
    expect((await privacy().runRetention()).quarantineDeleted).toBe(0);
    bed.clock.set(new Date('2033-01-01T10:00:00Z'));
    const run = await privacy().runRetention();

    expect(run.quarantineDeleted).toBe(1);
    expect((await repository().listQuarantine()).items).toEqual([]);
    expect(await storedKeys()).toEqual([photoKey, await rawOfCase(refOf(filed))].sort());
    // The filed case's erasure then takes the last copy.
    await eraseContactOf(refOf(filed));
    expect(await storedKeys()).toEqual([]);
  });

  it('passes a released delivery’s payload and attachment to the case it files, so erasing the case leaves no byte', async () => {
    const { id, entry } = await quarantinedWithPhoto('rel');
    const released = await createRelease(bed.deps)(MANAGER.officerId, id);
    expect(released.released).toBe(true);
    const ref = (released as { release: { caseRef: string } }).release.caseRef;
    expect(await rawOfCase(ref)).toBe(entry?.rawKey);

    await eraseContactOf(ref);

    expect(await storedKeys()).toEqual([]);
  });

  it('drops the raw copy of a delivery released as a duplicate of one filed before', async () => {
    const raw = rawEmailWithFile({ id: 'dup-1', subject: 'Leak', body: 'Kitchen.', from: '<dup@resident.example>' });
    // Held aside by a failure, while the same message (resent with a header of its own) was filed.
    const { id } = await heldAside(raw);
    const filed = await bed.email(raw.replace('Subject:', 'X-Resent: yes\r\nSubject:'));
    await repository().privacy.countBlobReferences(10);
    expect(await storedKeys()).toHaveLength(2);

    const released = await createRelease(bed.deps)(MANAGER.officerId, id);

    expect((released as { release: { outcome: string } }).release.outcome).toBe('duplicate');
    expect(await storedKeys()).toEqual([await rawOfCase(refOf(filed))]);
  });

  it('keeps one raw copy when a delivery is redelivered on a later day, and erasure leaves none', async () => {
    const raw = rawEmailWithFile(
      { id: 'late-1', subject: 'Boiler', body: 'Cold.', from: '<late@resident.example>' },
      PHOTO,
    );
    const first = await bed.email(raw);
    bed.clock.advanceMs(26 * 3_600_000);
    expect((await bed.email(raw)).outcome).toBe('duplicate');
    expect(await storedKeys()).toHaveLength(2); // the payload and the photo, once each

    await eraseContactOf(refOf(first));

    expect(await storedKeys()).toEqual([]);
  });

  it('deletes the raw copy of a duplicate in other bytes (a resend with new headers) at once', async () => {
    await repository().privacy.countBlobReferences(10);
    const raw = rawEmailWithFile({ id: 'again-1', subject: 'Rent', body: 'Query.', from: '<again@resident.example>' });
    const first = await bed.email(raw);
    const resent = await bed.email(raw.replace('Subject:', 'Received: by relay.example\r\nSubject:'));

    expect(resent.outcome).toBe('duplicate');
    expect(await storedKeys()).toEqual([await rawOfCase(refOf(first))]);
  });

  it('keeps the file of a message filed in the instant between an erasure’s check and its delete', async () => {
    const race = await fileDuringErasure(bed.deps, repository().privacy);

    // Ben's message names the photo, and the photo is there.
    expect(race.named).toBe(race.photoKey);
    expect(race.photo).toEqual(RACE_PHOTO.bytes);
    // Nothing is left blocking: Ben's erasure takes the photo and his payload.
    await eraseContactOf(race.ben);
    expect(await storedKeys()).toEqual([]);
  });
});
