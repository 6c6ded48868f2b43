/**
 * Issue 10, message identity, storage names and the one failure policy: a delivery's
 * identity is the transport's id or the parser's dedupe key (Message-ID plus a content
 * digest), every key built from sender input is bounded, attachments are stored by
 * hash, and nothing a sender writes makes a delivery fail for ever.
 */
import { type IngestOutcome, ingestMessage, isTransient, WriteConflictError } from '@housing-inbox/core';
import { FileBlobStore } from '@housing-inbox/store';
import { describe, expect, it } from 'vitest';
import { caseText, emailWithAttachment, ingestBedPerTest, refOf, runToken } from './support/ingest.js';
import { email, sms } from './support/stack.js';

const mime = (headers: string[], body: string) =>
  [...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');

describe('message identity', () => {
  const bed = ingestBedPerTest();

  it('keeps both of two different emails that reuse one Message-ID (shared cases 02a, 02b)', async () => {
    const RUN = runToken();
    const first = await bed.email(caseText('02a-reused-message-id-first.eml', { RUN }));
    const second = await bed.email(caseText('02b-reused-message-id-second.eml', { RUN }));

    expect(first.outcome).toBe('created');
    expect(second.outcome).not.toBe('duplicate');
    const texts = await Promise.all(
      [refOf(first), refOf(second)].map(async (ref) =>
        (await bed.store.repository.getCaseWithHistory(ref))?.messages.map((m) => m.subject),
      ),
    );
    expect(texts.flat()).toEqual(
      expect.arrayContaining([expect.stringContaining('Job 5512'), expect.stringContaining('Job 5519')]),
    );
  });

  it('drops an email without a Message-ID redelivered with one more Received: header', async () => {
    const body = mime(
      [
        'From: Ada <ada@resident.example>',
        'To: contact@hightown.example',
        'Subject: Broken gate',
        'Date: Tue, 01 Dec 2026 09:00:00 +0000',
      ],
      'The side gate will not latch.',
    );
    const first = await bed.email(body);
    const again = await bed.email(
      `Received: from relay.example by mx.example; Tue, 01 Dec 2026 09:00:05 +0000\r\n${body}`,
    );

    expect(first.outcome).toBe('created');
    expect(again).toMatchObject({ outcome: 'duplicate', caseRef: refOf(first) });
  });

  it('treats a retry with the same SES message id as the same delivery, whatever its bytes', async () => {
    const a = mime(['From: b@resident.example', 'Subject: One', 'Message-ID: <one@resident.example>'], 'one');
    const b = mime(['From: b@resident.example', 'Subject: Two', 'Message-ID: <two@resident.example>'], 'two');
    const first = await bed.email(a, { transportId: 'ses:0000014a-f4d4' });
    const retry = await bed.email(b, { transportId: 'ses:0000014a-f4d4' });
    expect(retry).toMatchObject({ outcome: 'duplicate', caseRef: refOf(first) });
  });

  it('files a 2,100-character Message-ID, threads a reply to it, and drops its redelivery', async () => {
    const long = `<${'x'.repeat(2090)}@resident.example>`;
    const first = mime(['From: c@resident.example', 'Subject: Hello', `Message-ID: ${long}`], 'first');
    const created = await bed.email(first);
    const again = await bed.email(first);
    const reply = await bed.email(
      mime(
        ['From: c@resident.example', 'Subject: Re: Hello', 'Message-ID: <r@resident.example>', `In-Reply-To: ${long}`],
        'more',
      ),
    );

    expect(created.outcome).toBe('created');
    expect(again).toMatchObject({ outcome: 'duplicate', caseRef: refOf(created) });
    expect(reply).toMatchObject({ outcome: 'threaded', caseRef: refOf(created), via: 'email-thread' });
  });

  it('files a text with a 2,100-character inboundMessageId, and drops its redelivery', async () => {
    const payload = {
      originationNumber: '+447700900321',
      destinationNumber: '+447700900100',
      messageBody: 'My boiler is leaking',
      inboundMessageId: 'i'.repeat(2100),
    };
    const first = await bed.sms(payload);
    const again = await bed.sms(payload);
    expect(first.outcome).toBe('created');
    expect(again).toMatchObject({ outcome: 'duplicate', caseRef: refOf(first) });
  });
});

describe('storage names', () => {
  const bed = ingestBedPerTest();

  it.each([
    ['a path', '../../../etc/passwd'],
    ['a name the disk refuses', `${'ŵ'.repeat(300)}.pdf`],
    ['a right-to-left override', 'invoice\u202Efdp.exe'],
    ['Welsh', 'Llythyr-ŵyr.pdf'],
  ])('stores an attachment named with %s under its content hash, the name kept as metadata', async (_, filename) => {
    const content = new TextEncoder().encode(`%PDF-1.4 ${filename}`);
    const result = await ingestMessage(
      bed.deps,
      email({
        attachments: [{ filename, contentType: 'application/pdf', size: content.length, inline: false, content }],
      }) as never,
    );
    const [attachment] = (await bed.store.repository.getCaseWithHistory(refOf(result)))?.messages[0]?.attachments ?? [];
    expect(attachment?.filename).toBe(filename);
    expect(attachment?.blobKey).toMatch(/^attachments\/[0-9a-f]{64}$/);
    expect((await bed.store.blobs.get(attachment?.blobKey as string))?.body).toEqual(content);
  });

  it('answers 240 concurrent deliveries of one email with one case and 239 duplicates, none failing', async () => {
    const raw = emailWithAttachment({
      from: 'd@resident.example',
      subject: 'Photo of the damp',
      messageId: '<burst@resident.example>',
      name: 'damp photo.png',
      contentType: 'image/png',
      bytes: 'not really a png',
    });
    const results = await Promise.allSettled(Array.from({ length: 240 }, () => bed.email(raw)));
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : `error: ${String(r.reason)}`));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(239);
  }, 120_000);

  it('writes one blob from 240 concurrent writers without a temporary file colliding', async () => {
    const blobs = new FileBlobStore(bed.store.blobDir);
    const body = new TextEncoder().encode('same bytes');
    const results = await Promise.allSettled(
      Array.from({ length: 240 }, () => blobs.put('attachments/same', body, 'text/plain')),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await blobs.get('attachments/same')).toEqual({ body, contentType: 'text/plain' });
  });
});

describe('one failure policy', () => {
  const bed = ingestBedPerTest();

  it('quarantines, with the reason, a message the store refuses (an item over 400 KB)', async () => {
    const { acceptDelivery } = await import('@housing-inbox/core');
    const huge = 'word '.repeat(29_000);
    const outcome = await acceptDelivery(bed.deps, {
      channel: 'email',
      raw: new TextEncoder().encode('kept as it came'),
      contentType: 'message/rfc822',
      // Text and safe HTML go to the blob store whatever their length; a subject over 400 KB fits no item.
      parse: () => email({ text: huge, safeHtml: huge, subject: huge.repeat(3) }) as never,
    });
    expect(outcome).toMatchObject({ outcome: 'quarantined', reason: expect.stringContaining('could not be filed') });
    const { items } = await bed.store.repository.listQuarantine();
    expect(items).toHaveLength(1);
    expect((await bed.store.repository.listQueue({ queue: 'all' })).items).toHaveLength(0);
  });

  it('quarantines a message whose attachment the disk refuses, and rethrows a disk that is only full', async () => {
    const refuse = (code: string) => ({
      ...bed.deps,
      blobs: {
        get: bed.store.blobs.get.bind(bed.store.blobs),
        delete: bed.store.blobs.delete.bind(bed.store.blobs),
        put: async (key: string, body: Uint8Array, type: string) => {
          if (key.startsWith('attachments/')) throw Object.assign(new Error(`${code}: refused`), { code });
          return bed.store.blobs.put(key, body, type);
        },
      },
    });
    const raw = (id: string) =>
      new TextEncoder().encode(
        emailWithAttachment({
          from: 'f@resident.example',
          subject: 'Scan',
          messageId: `<${id}@resident.example>`,
          name: 'scan.pdf',
          contentType: 'application/pdf',
          bytes: '%PDF-1.4',
        }),
      );
    const { acceptDelivery } = await import('@housing-inbox/core');
    const { parseEmail } = await import('@housing-inbox/channels');
    const deliver = (deps: typeof bed.deps, id: string): Promise<IngestOutcome> =>
      acceptDelivery(deps, {
        channel: 'email',
        raw: raw(id),
        contentType: 'message/rfc822',
        parse: (b) => parseEmail(b, { receivedAt: bed.clock.now().toISOString() }),
      });

    await expect(deliver(refuse('ENAMETOOLONG'), 'g1')).resolves.toMatchObject({ outcome: 'quarantined' });
    await expect(deliver(refuse('ENOSPC'), 'g2')).rejects.toThrow('ENOSPC');
  });

  it('files a form that names one resident’s email and another’s phone, without touching either', async () => {
    await ingestMessage(bed.deps, email({ from: { name: 'Ann', email: 'ann@resident.example' } }) as never);
    await ingestMessage(bed.deps, sms({ from: { phone: '+447700900555' }, text: 'Bob here, about my rent' }) as never);

    const outcome = await bed.webForm({
      name: 'Someone',
      email: 'ann@resident.example',
      phone: '07700 900555',
      message: 'Please change my details',
    });

    expect(outcome.outcome).toBe('created');
    const ann = await bed.store.repository.findContactByEmail('ann@resident.example');
    const bob = await bed.store.repository.findContactByPhone('+447700900555');
    expect(ann?.phone).toBeUndefined();
    expect(bob?.id).not.toBe(ann?.id);
    const saved = await bed.store.repository.getCaseWithHistory(refOf(outcome));
    expect(saved?.case.pendingDetails?.conflicts).toEqual({ phone: 'this number belongs to another contact' });
  });

  it('counts a lost race as transient, and a claim another contact holds as permanent', () => {
    expect(isTransient(new WriteConflictError('raced'))).toBe(true);
    expect(isTransient(new WriteConflictError('claimed', true))).toBe(false);
    expect(
      isTransient(Object.assign(new Error('x'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } })),
    ).toBe(false);
  });
});
