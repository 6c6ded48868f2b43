import { readFile } from 'node:fs/promises';
import { DetectDocumentTextCommand } from '@aws-sdk/client-textract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLetterUploadHandler } from '../src/letter-upload.js';
import { s3ObjectCreated } from './support/events.js';
import { invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

const fixture = (name: string) =>
  readFile(new URL(`../../packages/channels/test/fixtures/${name}`, import.meta.url)).then((b) => new Uint8Array(b));

describe('letter upload (S3 letters/inbox/ → Lambda → Textract)', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createLetterUploadHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createLetterUploadHandler({ runtime: () => bed.runtime, logger: bed.logger });
  });
  afterAll(async () => {
    await bed.stop();
  });
  beforeEach(() => {
    bed.textract.reset();
  });

  async function upload(key: string, body: Uint8Array, contentType: string) {
    bed.objects.set(key, { body, contentType });
    await invoke(handler, s3ObjectCreated(key, { size: body.byteLength }), lambdaContext('letter-upload'));
  }

  it('reads a PDF with a text layer into one case, even when S3 notifies twice', async () => {
    // Arrange
    const pdf = await fixture('letter-damp-text-layer.pdf');

    // Act
    await upload('letters/inbox/2026-12-01 damp letter.pdf', pdf, 'application/pdf');
    await invoke(handler, s3ObjectCreated('letters/inbox/2026-12-01 damp letter.pdf'), lambdaContext());

    // Assess
    const letters = (await bed.runtime.repository.listQueue({ queue: 'all' })).items.filter(
      (c) => c.channel === 'letter',
    );
    expect(letters).toHaveLength(1);
    const history = await bed.runtime.repository.getCaseWithHistory(letters[0]?.ref as string);
    expect(history?.messages[0]).toMatchObject({ scan: { method: 'pdf-text' } });
    // The file is named for the day it arrived in the post: the clock counts from that morning's opening, not the scan.
    expect(history?.case.receivedAt).toBe('2026-12-01T09:00:00.000Z');
    expect(bed.textract.calls()).toHaveLength(0);
  });

  it('sends a photographed letter to Textract', async () => {
    // Arrange
    bed.textract.on(DetectDocumentTextCommand).resolves({
      Blocks: [
        { BlockType: 'LINE', Text: 'Dear Hightown Housing,', Confidence: 99.1 },
        { BlockType: 'LINE', Text: 'Re: my rent account', Confidence: 98.7 },
        { BlockType: 'LINE', Text: 'Please send me a statement of my rent account for this year.', Confidence: 97.9 },
        { BlockType: 'LINE', Text: 'Yours sincerely, T. Resident', Confidence: 96.4 },
      ],
    });

    // Act
    await upload('letters/inbox/rent-photo.jpg', await fixture('letter-rent-photo.jpg'), 'image/jpeg');

    // Assess
    expect(bed.textract).toHaveReceivedCommandTimes(DetectDocumentTextCommand, 1);
    const letters = (await bed.runtime.repository.listQueue({ queue: 'all' })).items.filter(
      (c) => c.channel === 'letter',
    );
    const rent = letters.find((c) => /rent account/i.test(c.subject));
    expect(rent).toBeDefined();
  });

  it('quarantines a file that is not a scan, and throws on Textract throttling so Lambda retries', async () => {
    // Quarantined: not a PDF, PNG or JPEG.
    await expect(
      upload('letters/inbox/notes.txt', new TextEncoder().encode('just some notes'), 'text/plain'),
    ).resolves.toBeUndefined();
    expect((await bed.runtime.repository.listQuarantine()).items).toContainEqual(
      expect.objectContaining({ channel: 'letter' }),
    );

    // Thrown: a transient failure.
    bed.textract
      .on(DetectDocumentTextCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' }));
    await expect(
      upload('letters/inbox/second-photo.jpg', await fixture('letter-damp-scan.png'), 'image/png'),
    ).rejects.toThrow(/Rate exceeded/);
  });

  it('ignores objects outside the letters inbox', async () => {
    const before = await bed.runtime.repository.listQueue({ queue: 'all' });

    await invoke(handler, s3ObjectCreated('letters/done/old.pdf'), lambdaContext());

    expect((await bed.runtime.repository.listQueue({ queue: 'all' })).items).toHaveLength(before.items.length);
  });
});
