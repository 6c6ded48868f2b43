import 'aws-sdk-client-mock-vitest/extend';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ManualClock } from '@housing-inbox/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboundSendError, outgoingLetterKey, renderLetterPdf, S3LetterPrinter, s3PutObject } from '../src/index.js';
import { LANDLORD, LETTER, NOW } from './fixtures.js';
import { readPdf } from './pdf-text.js';

describe('S3LetterPrinter', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());

  const printer = (prefix?: string) =>
    new S3LetterPrinter({
      bucketName: 'hightown-inbox-blobs',
      ...(prefix === undefined ? {} : { prefix }),
      landlord: LANDLORD,
      putObject: s3PutObject(new S3Client({ region: 'eu-west-2' })),
      clock: new ManualClock(NOW),
    });

  it('puts the rendered PDF in the day’s outgoing folder, with the case and large print as metadata', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const letter = { ...LETTER, largePrint: true };

    // Act
    const receipt = await printer().queueLetter(letter);

    // Assess
    const key = 'letters/outgoing/2026-11-30/letter-0001.pdf';
    const expected = {
      Bucket: 'hightown-inbox-blobs',
      Key: key,
      Body: await renderLetterPdf(letter, LANDLORD, NOW),
      ContentType: 'application/pdf',
      Metadata: { 'case-ref': 'HT-2026-00044', 'letter-id': 'letter-0001', purpose: 'reply', 'large-print': 'true' },
    };
    expect(s3).toHaveReceivedCommandExactlyOnceWith(PutObjectCommand, expected);
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toStrictEqual(expected);
    expect(receipt).toEqual({ providerMessageId: key, blobKey: key });
    // What the supplier prints is the letter, in large print.
    const body = s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body as Uint8Array;
    const { items } = await readPdf(body);
    expect(items.find((i) => i.text === 'Our reference: HT-2026-00044')?.size).toBe(18);
  });

  it.each([
    { label: 'another prefix', prefix: 'print/queue/', at: NOW, key: 'print/queue/2026-11-30/letter-0001.pdf' },
    { label: 'no prefix', prefix: '', at: NOW, key: '2026-11-30/letter-0001.pdf' },
    {
      label: 'the UK date just after midnight in summer time',
      prefix: 'letters/outgoing',
      at: new Date('2027-06-01T23:30:00Z'),
      key: 'letters/outgoing/2027-06-02/letter-0001.pdf',
    },
  ])('names the object for $label', ({ prefix, at, key }) => {
    expect(outgoingLetterKey(prefix, 'letter-0001', at)).toBe(key);
  });

  it('uses the prefix it is given', async () => {
    s3.on(PutObjectCommand).resolves({});
    const receipt = await printer('print/queue').queueLetter(LETTER);
    expect(receipt.blobKey).toBe('print/queue/2026-11-30/letter-0001.pdf');
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: 'print/queue/2026-11-30/letter-0001.pdf',
      Metadata: expect.objectContaining({ 'large-print': 'false' }),
    });
  });

  it('throws a clear error when S3 refuses, and refuses a letter with no address without calling S3', async () => {
    s3.on(PutObjectCommand).rejects(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: {} }),
    );
    const sending = printer().queueLetter(LETTER);
    await expect(sending).rejects.toThrow(OutboundSendError);
    await expect(sending).rejects.toThrow(
      'letter letter-0001 for case HT-2026-00044 was not queued in S3 (hightown-inbox-blobs): AccessDenied: Access Denied',
    );
    s3.reset();
    await expect(printer().queueLetter({ ...LETTER, to: { name: 'Len', address: '  ' } })).rejects.toThrow(
      'there is no postal address',
    );
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
  });
});
