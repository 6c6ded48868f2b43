/**
 * Blobs that records share, on the real store (issue 12, erasure): a file's
 * bytes stay while another record names them and go with the last. Records
 * from before references were counted are counted on the first erasure and
 * never lose a file meanwhile; a web form posted twice on one day shares its
 * raw payload; a texted opt-out's raw payload goes with the contact.
 */
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Actor, createCaseCommands } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest, privacyOn } from './support/ingest.js';
import { rawEmailWithFile } from './support/mail.js';

const MANAGER: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };
const LEAFLET = { filename: 'leaflet.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4 bin-days') };

describe('blobs that records share', () => {
  const bed = ingestBedPerTest();
  const repository = () => bed.store.repository;
  const privacy = () => privacyOn(bed);

  /** A resident's email with the leaflet: its case, contact and the blob key. */
  async function sendsLeaflet(who: string) {
    const raw = rawEmailWithFile(
      { id: `${who}-1`, subject: 'Bin days', body: 'See the leaflet.', from: `<${who}@resident.example>` },
      LEAFLET,
    );
    const { caseRef } = (await bed.email(raw)) as { caseRef: string };
    const found = await repository().getCaseWithHistory(caseRef);
    const blobKey = found?.messages[0]?.attachments[0]?.blobKey as string;
    return { ref: caseRef, contactId: found?.case.contactId as string, blobKey };
  }

  /** The table as an older version left it: no reference items, nothing counted. */
  async function forgetReferences(blobKey: string) {
    const db = bed.store.client;
    const refs = await db.send(
      new QueryCommand({
        TableName: 'inbox',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `BLOB#${blobKey}` },
      }),
    );
    expect(refs.Items?.length).toBeGreaterThan(0);
    for (const key of [...(refs.Items ?? []), { pk: 'BLOB-REFS', sk: '#COUNT' }]) {
      await db.send(new DeleteCommand({ TableName: 'inbox', Key: { pk: key.pk, sk: key.sk } }));
    }
  }

  it('never deletes a file records from before counting may share; counts them on the next erasure', async () => {
    const [ann, ben, cat] = [await sendsLeaflet('ann'), await sendsLeaflet('ben'), await sendsLeaflet('cat')];
    await forgetReferences(ann.blobKey);
    const erasure = { at: bed.clock.now().toISOString(), by: 'mo', reason: 'test' };

    // Uncounted: Ann's case erased in the store alone keeps the file (another case may name it).
    const deleted: string[] = [];
    const out = await repository().privacy.eraseCase(ann.ref, erasure, async (k) => {
      deleted.push(k);
    });
    expect(out).toEqual({ blobsDeleted: 0, blobsKept: 2 });
    expect(deleted).toEqual([]);

    // The next erasure counts the table first: Cat still holds the leaflet, so Ben's erasure keeps it.
    await privacy().eraseContact(MANAGER, ben.contactId, 'Article 17');
    expect(Buffer.from((await bed.store.blobs.get(cat.blobKey))?.body ?? [])).toEqual(LEAFLET.bytes);
    await privacy().eraseContact(MANAGER, cat.contactId, 'Article 17');
    expect(await bed.store.blobs.get(cat.blobKey)).toBeUndefined();
  });

  it('keeps a web form’s raw payload that a second identical post the same day shares, when retention ages out the first', async () => {
    const form = { name: 'Dot Dwelling', email: 'dot@resident.example', message: 'Mould in the bathroom' };
    const first = (await bed.webForm(form)) as { caseRef: string };
    const commands = createCaseCommands({
      policy: bed.deps.policy,
      repository: repository(),
      clock: bed.clock,
      notices: bed.notices().sender,
    });
    await commands.close(MANAGER, first.caseRef, { reason: 'Sent the leaflet' });
    bed.clock.advanceMs(5 * 60_000);
    const second = (await bed.webForm(form)) as { caseRef: string };
    expect(second.caseRef).not.toBe(first.caseRef);
    const rawKey = (await repository().getCaseWithHistory(second.caseRef))?.messages[0]?.rawKey as string;
    expect((await repository().getCaseWithHistory(first.caseRef))?.messages[0]?.rawKey).toBe(rawKey);

    bed.clock.set(new Date('2033-12-01T10:00:00Z'));
    const run = await privacy().runRetention();
    expect(run.erased).toEqual([first.caseRef]);
    expect(await bed.store.blobs.get(rawKey)).toBeDefined();
  });

  it('deletes a texted opt-out’s raw payload with the contact', async () => {
    await bed.sms({
      originationNumber: '+447700900311',
      destinationNumber: '+447700900100',
      messageBody: 'STOP',
      inboundMessageId: 'stop-311',
    });
    const contact = await repository().findContactByPhone('+447700900311');
    const [entry] = await repository().listContactTimeline(contact?.id as string);
    const rawKey = entry?.data?.rawKey as string;
    expect(await bed.store.blobs.get(rawKey)).toBeDefined();

    await privacy().eraseContact(MANAGER, contact?.id as string, 'Article 17');
    expect(await bed.store.blobs.get(rawKey)).toBeUndefined();
  });

  it('files more than a transaction holds: ingested, merged and erased with every reference', async () => {
    const files = Array.from({ length: 60 }, (_, i) => ({
      filename: `page-${i}.pdf`,
      contentType: 'application/pdf',
      bytes: Buffer.from(`%PDF-1.4 page ${i}`),
    }));
    const from = '<eve@resident.example>';
    const many = await bed.email(
      rawEmailWithFile({ id: 'eve-1', subject: 'My file', body: 'All pages.', from }, ...files),
    );
    const other = await bed.email(rawEmailWithFile({ id: 'eve-2', subject: 'Also', body: 'One more.', from }));
    expect([many.outcome, other.outcome]).toEqual(['created', 'created']);
    const [absorbed, survivor] = [many, other].map((o) => (o as { caseRef: string }).caseRef) as [string, string];
    const commands = createCaseCommands({
      policy: bed.deps.policy,
      repository: repository(),
      clock: bed.clock,
      notices: bed.notices().sender,
    });
    const merged = await commands.merge(MANAGER, survivor, { from: absorbed, reason: 'Same' });
    const keys = merged.messages.flatMap((m) => m.attachments.map((a) => a.blobKey));
    expect(keys).toHaveLength(60);

    await privacy().eraseContact(MANAGER, merged.case.contactId, 'Article 17');
    for (const key of keys) expect(await bed.store.blobs.get(key)).toBeUndefined();
  });
});
