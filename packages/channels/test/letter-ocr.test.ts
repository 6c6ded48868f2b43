import { afterAll, describe, expect, it } from 'vitest';
import { parseLetter, TesseractLetterReader } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';

// Real OCR, offline (model and wasm from node_modules). Slow: keep to these two pages.
describe('parseLetter with tesseract.js', () => {
  const ocr = new TesseractLetterReader();
  afterAll(() => ocr.close());

  it('reads a scanned letter image well enough for an officer and spots who sent it', async () => {
    const message = await parseLetter(fixture('letter-damp-scan.png'), {
      filename: 'scan-0043.png',
      receivedAt: RECEIVED,
      ocr,
    });

    expect(message.scan?.method).toBe('ocr');
    expect(message.scan?.confidence).toBeGreaterThan(80);
    expect(message.subject).toBe('Damp and mould in the back bedroom');
    expect(message.text).toContain('I am writing about the damp in my back bedroom.');
    expect(message.text).toContain('My grandson sleeps in that room and he has asthma.');
    expect(message.text).toContain('I would prefer a reply');
    expect(message.from).toEqual({
      name: 'Margaret Okafor',
      email: 'm.okafor@example.com',
      phone: '07700 900461',
      address: '14 Beech Road, Hightown, HT4 7QR',
    });
    expect(message.form?.tenancyRef).toBe('HT-004512');
  });

  it('reads a PDF that is only a picture of the page', async () => {
    const message = await parseLetter(fixture('letter-rent-scanned.pdf'), {
      filename: 'rent.pdf',
      receivedAt: RECEIVED,
      ocr,
    });

    expect(message.scan?.method).toBe('ocr');
    expect(message.text).toContain('Please send me a rent statement for the last six months.');
    expect(message.text).toContain('£412.50 on 1 February');
    expect(message.from).toMatchObject({ name: 'Tomasz Nowak', phone: '01632 960 518' });
    expect(message.form?.tenancyRef).toBe('HT-007731');
  });
});
