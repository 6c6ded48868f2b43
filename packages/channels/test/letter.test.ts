import { createHash } from 'node:crypto';
import { UnparseableInput } from '@housing-inbox/core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { type LetterTextReader, parseLetter, sniffScanType, spotSenderDetails } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';

/** Stands in for OCR: says what it was shown and answers with fixed text. */
function fakeReader(text: string, confidence = 88): LetterTextReader & { read: ReturnType<typeof vi.fn> } {
  return { method: 'ocr', read: vi.fn(async () => ({ text, confidence })) };
}
const noOcr: LetterTextReader = {
  method: 'ocr',
  read: async () => {
    throw new Error('OCR should not be needed');
  },
};

describe('parseLetter: a PDF with a text layer', () => {
  it('reads the text without OCR, keeps the scan and spots the sender', async () => {
    const file = fixture('letter-damp-text-layer.pdf');

    const message = await parseLetter(file, { filename: 'scan-0042.pdf', receivedAt: RECEIVED, ocr: noOcr });

    expect(message.channel).toBe('letter');
    expect(message.scan).toEqual({ method: 'pdf-text', engine: 'pdf.js text layer' });
    expect(message.subject).toBe('Damp and mould in the back bedroom');
    expect(message.text).toContain(
      'I am writing about the damp in my back bedroom. Black mould has come back\non the wall behind the wardrobe',
    );
    expect(message.text).toMatch(/^Mrs Margaret Okafor\n14 Beech Road\nHightown\nHT4 7QR\n\nTel: 07700 900461/);
    expect(message.from).toEqual({
      name: 'Margaret Okafor',
      email: 'm.okafor@example.com',
      phone: '07700 900461',
      address: '14 Beech Road, Hightown, HT4 7QR',
    });
    expect(message.form).toEqual({ tenancyRef: 'HT-004512' });
    expect(message.attachments).toEqual([
      {
        filename: 'scan-0042.pdf',
        contentType: 'application/pdf',
        size: file.byteLength,
        inline: false,
        content: file,
        sha256: createHash('sha256').update(file).digest('hex'),
      },
    ]);
    expect(message.dedupeKey).toBe(`sha256:${message.attachments[0]?.sha256}`);
  });

  it('gives the same dedupe key to the same file delivered twice, and a different one to another file', async () => {
    const opts = { filename: 'a.pdf', receivedAt: RECEIVED, ocr: noOcr };
    const once = await parseLetter(fixture('letter-damp-text-layer.pdf'), opts);
    const twice = await parseLetter(fixture('letter-damp-text-layer.pdf'), { ...opts, filename: 'copy.pdf' });
    const other = await parseLetter(fixture('letter-rent-scanned.pdf'), { ...opts, ocr: fakeReader('Rent') });

    expect(twice.dedupeKey).toBe(once.dedupeKey);
    expect(other.dedupeKey).not.toBe(once.dedupeKey);
  });
});

describe('parseLetter: images and scanned PDFs go through the OCR port', () => {
  it.each([
    ['a PNG scan', 'letter-damp-scan.png', 'image/png'],
    ['a JPEG photo', 'letter-rent-photo.jpg', 'image/jpeg'],
  ])('prepares %s for the reader and records how the text was got', async (_label, name, type) => {
    const file = fixture(name);
    const ocr = fakeReader(
      'Re: Rent statement\n\nPlease send me a rent statement.\n\nKind regards,\n\nTomasz Nowak',
      91.5,
    );

    const message = await parseLetter(file, { filename: name, receivedAt: RECEIVED, ocr });

    // The reader is given the prepared page (greyscale, flattened, thresholded PNG), not the file as sent.
    expect(ocr.read).toHaveBeenCalledTimes(1);
    const [image, given] = ocr.read.mock.calls[0] as [Uint8Array, string];
    expect(given).toBe('image/png');
    expect(sniffScanType(image)).toBe('image/png');
    expect(image).not.toEqual(file);
    expect(message.scan).toMatchObject({ method: 'ocr', confidence: 91.5, engine: 'ocr' });
    expect(message.scan?.preparation).toEqual(expect.arrayContaining(['greyscale', 'shading flattened']));
    expect(message.subject).toBe('Rent statement');
    expect(message.from.name).toBe('Tomasz Nowak');
    expect(message.attachments[0]).toMatchObject({ filename: name, contentType: type });
  });

  it('renders each page of a PDF without a text layer to PNG for the reader', async () => {
    const ocr = fakeReader('Page text', 80);

    const message = await parseLetter(fixture('letter-rent-scanned.pdf'), {
      filename: 'rent.pdf',
      receivedAt: RECEIVED,
      ocr,
    });

    expect(ocr.read).toHaveBeenCalledTimes(1);
    const [image, type] = ocr.read.mock.calls[0] as [Uint8Array, string];
    expect(type).toBe('image/png');
    expect(sniffScanType(image)).toBe('image/png');
    expect(message).toMatchObject({ text: 'Page text', scan: { method: 'ocr', confidence: 80 } });
    expect(message.attachments[0]?.contentType).toBe('application/pdf');
  });

  it('still records a scan the reader found no text in, for an officer to read by eye', async () => {
    const message = await parseLetter(fixture('letter-damp-scan.png'), {
      filename: 'blank.png',
      receivedAt: RECEIVED,
      ocr: fakeReader('', 0),
    });
    expect(message.text).toBe('');
    expect(message.attachments).toHaveLength(1);
  });
});

describe('parseLetter: a PDF with only a few words on it', () => {
  /** One small page with `words` in Helvetica and, when asked, a grey picture under them. */
  async function shortPdf(words: string, withPicture = false): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    if (withPicture) {
      const grey = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#888888' } })
        .png()
        .toBuffer();
      page.drawImage(await doc.embedPng(grey), { x: 20, y: 20, width: 150, height: 150 });
    }
    page.drawText(words, { x: 20, y: 180, size: 11, font: await doc.embedFont(StandardFonts.Helvetica) });
    return doc.save();
  }

  it('takes its text layer as the letter when the page has nothing else on it for OCR to read', async () => {
    const message = await parseLetter(await shortPdf('Rent please'), {
      filename: 'short.pdf',
      receivedAt: RECEIVED,
      ocr: noOcr,
    });

    expect(message.text).toBe('Rent please');
    expect(message.scan).toMatchObject({ method: 'pdf-text', engine: 'pdf.js text layer' });
    expect(message.scan?.needsReading?.reasons).toEqual([
      'no postal address, email address or phone number found to reply to',
    ]);
  });

  it('still reads the page with OCR when it carries a picture, which may be the letter itself', async () => {
    const ocr = fakeReader('Please send me a rent statement. 12 Example Road, Hightown HT1 2AB', 90);

    const message = await parseLetter(await shortPdf('Scan 0042', true), {
      filename: 'scan.pdf',
      receivedAt: RECEIVED,
      ocr,
    });

    expect(ocr.read).toHaveBeenCalledTimes(1);
    expect(message.scan).toMatchObject({ method: 'ocr', confidence: 90 });
    expect(message.text).toContain('rent statement');
  });
});

describe('parseLetter: what it refuses', () => {
  const html = new TextEncoder().encode('<html><body>Not a letter</body></html>');
  const docx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
  const brokenPdf = new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF\n');

  it.each([
    [
      'a Word document',
      docx,
      'letter.docx',
      '"letter.docx" is not a PDF, PNG or JPEG (declared as application/pdf; it starts with bytes 50 4b 03 04)',
    ],
    ['a web page', html, 'letter.pdf', '"letter.pdf" is not a PDF, PNG or JPEG'],
    ['an empty file', new Uint8Array(), 'scan.png', '"scan.png" is empty (0 bytes)'],
    ['a damaged PDF', brokenPdf, 'scan.pdf', '"scan.pdf" cannot be opened as a PDF'],
  ])('refuses %s, saying why', async (_label, file, filename, reason) => {
    const attempt = parseLetter(file, { filename, contentType: 'application/pdf', receivedAt: RECEIVED, ocr: noOcr });
    await expect(attempt).rejects.toBeInstanceOf(UnparseableInput);
    await expect(attempt).rejects.toThrow(reason);
  });

  it('keeps only the base name of an uploaded file', async () => {
    const message = await parseLetter(fixture('letter-damp-text-layer.pdf'), {
      filename: 'C:\\Users\\scanner\\..\\letter.pdf',
      receivedAt: RECEIVED,
      ocr: noOcr,
    });
    expect(message.attachments[0]?.filename).toBe('letter.pdf');
  });
});

describe('spotSenderDetails', () => {
  it.each([
    ['a mobile number', 'Call me on 07700 900123 any time', { phone: '07700 900123' }],
    ['a landline with an area code in brackets', 'Tel (0121) 496 0000', { phone: '(0121) 496 0000' }],
    ['an international number', 'Mobile: +44 (0)7700 900456', { phone: '+44 (0)7700 900456' }],
    ['an email address', 'write to j.bloggs@example.co.uk please', { email: 'j.bloggs@example.co.uk' }],
    ['a tenancy reference', 'My tenant number is BT/00871', { tenancyRef: 'BT/00871' }],
    [
      'a tenancy reference whose colon OCR read as a semicolon',
      'Tenancy reference; HT-007731',
      { tenancyRef: 'HT-007731' },
    ],
    ['a name under the sign-off', 'Dear Sir,\nHelp.\nYours faithfully,\n\nAlan Price\n', { name: 'Alan Price' }],
    [
      'an address above a postcode',
      'Ms Jo Reid\n3 Canal Street\nGlasgow\nG4 0AB\n\n12 March 2026',
      { name: 'Ms Jo Reid', address: '3 Canal Street, Glasgow, G4 0AB' },
    ],
  ])('finds %s', (_label, text, expected) => {
    expect(spotSenderDetails(text)).toMatchObject(expected);
  });

  it.each([
    ['a number too short to be a phone', 'I paid 0123 456 on Friday'],
    ['an amount of money', 'The bill was 1200.50'],
  ])('does not take %s for a phone number', (_label, text) => {
    expect(spotSenderDetails(text).phone).toBeUndefined();
  });
});
