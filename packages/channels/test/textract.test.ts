import 'aws-sdk-client-mock-vitest/extend';
import {
  BadDocumentException,
  DetectDocumentTextCommand,
  TextractClient,
  ThrottlingException,
} from '@aws-sdk/client-textract';
import { UnparseableInput } from '@housing-inbox/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLetter, sniffScanType, TextractLetterReader } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';

describe('TextractLetterReader', () => {
  const textract = mockClient(TextractClient);
  afterEach(() => textract.reset());

  it('sends the scan to DetectDocumentText and reads its lines in order', async () => {
    // Prepare
    textract.on(DetectDocumentTextCommand).resolves({
      DocumentMetadata: { Pages: 1 },
      Blocks: [
        { BlockType: 'PAGE', Id: 'p1' },
        { BlockType: 'LINE', Id: 'l1', Text: 'Re: Rent statement', Confidence: 99.1 },
        { BlockType: 'WORD', Id: 'w1', Text: 'Re:', Confidence: 99.5 },
        { BlockType: 'LINE', Id: 'l2', Text: 'Please send me a rent statement.', Confidence: 96.9 },
        { BlockType: 'LINE', Id: 'l3', Text: 'Phone: 01632 960 518', Confidence: 98 },
      ],
    });
    const image = fixture('letter-rent-photo.jpg');
    const reader = new TextractLetterReader({ awsSdkV3Client: new TextractClient({ region: 'eu-west-2' }) });

    // Act
    const message = await parseLetter(image, { filename: 'photo.jpg', receivedAt: RECEIVED, ocr: reader });

    // Assess
    // Textract is sent the prepared page (a PNG), as tesseract is; the message keeps the JPEG as sent.
    expect(textract).toReceiveCommandTimes(DetectDocumentTextCommand, 1);
    const sent = textract.commandCalls(DetectDocumentTextCommand)[0]?.args[0].input.Document?.Bytes;
    expect(sniffScanType(sent ?? new Uint8Array())).toBe('image/png');
    expect(message.attachments[0]?.content).toEqual(image);
    expect(message.scan?.engine).toBe('Amazon Textract DetectDocumentText');
    expect(message.text).toBe('Re: Rent statement\nPlease send me a rent statement.\nPhone: 01632 960 518');
    expect(message.scan?.method).toBe('textract');
    expect(message.scan?.confidence).toBeCloseTo(98, 0);
    expect(message.from.phone).toBe('01632 960 518');
  });

  it('turns a document Textract cannot read into an unparseable letter, with its reason', async () => {
    textract
      .on(DetectDocumentTextCommand)
      .rejects(new BadDocumentException({ message: 'Unable to process the document', $metadata: {} }));
    const reader = new TextractLetterReader({ awsSdkV3Client: new TextractClient({}) });

    const attempt = reader.read(fixture('letter-rent-photo.jpg'));

    await expect(attempt).rejects.toBeInstanceOf(UnparseableInput);
    await expect(attempt).rejects.toThrow('Textract cannot read the scan: BadDocumentException');
  });

  it('lets throttling through, so the delivery is retried rather than quarantined', async () => {
    textract.on(DetectDocumentTextCommand).rejects(new ThrottlingException({ message: 'Slow down', $metadata: {} }));
    const reader = new TextractLetterReader({ awsSdkV3Client: new TextractClient({}) });

    await expect(reader.read(fixture('letter-rent-photo.jpg'))).rejects.toBeInstanceOf(ThrottlingException);
  });
});
