import { describe, expect, it, vi } from 'vitest';
import { type LetterTextReader, NEEDS_READING_BELOW, parseLetter } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';

const LETTER = `Mrs Ada Lovell
9 Orchard Way
Hightown
HT3 2PQ

Re: Broken gate

The gate at the back of the flats is broken.

Yours sincerely,

Ada Lovell`;

/** Answers every reading with the same text and confidence; counts how often it was asked. */
function reader(text: string, confidence: number): LetterTextReader & { read: ReturnType<typeof vi.fn> } {
  return { method: 'ocr', engine: 'fake', read: vi.fn(async () => ({ text, confidence })) };
}

const parse = (ocr: LetterTextReader, extra: { needsReadingBelow?: number } = {}) =>
  parseLetter(fixture('letter-damp-scan.png'), { filename: 'scan.png', receivedAt: RECEIVED, ocr, ...extra });

describe('parseLetter: letters an officer must read', () => {
  it('keeps a confident reading with a way to reply as it is: nobody needs to read it first', async () => {
    const message = await parse(reader(LETTER, 91));

    expect(message.scan).toMatchObject({ method: 'ocr', confidence: 91, engine: 'fake' });
    expect(message.scan?.needsReading).toBeUndefined();
  });

  it.each([
    [
      'the confidence is low',
      'z7 ;; Orchrd W@y HT3 2PQ gate brkn',
      16,
      ['OCR confidence 16 is below 60: the text may be wrong'],
    ],
    [
      'no way to reply is found',
      'The gate at the back of the flats is broken.\n\nYours sincerely,\n\nAda Lovell',
      93,
      ['no postal address, email address or phone number found to reply to'],
    ],
    [
      'the issue’s photo: confidence 16, a garbage subject and no contact',
      'Re: ~~ ,., 1l|\nT4k qg',
      16,
      [
        'OCR confidence 16 is below 60: the text may be wrong',
        'no postal address, email address or phone number found to reply to',
      ],
    ],
    [
      'no text at all',
      '',
      0,
      ['no text could be read from the scan', 'no postal address, email address or phone number found to reply to'],
    ],
  ])('marks it as needing reading when %s, saying why', async (_label, text, confidence, reasons) => {
    const message = await parse(reader(text, confidence));

    expect(message.scan?.needsReading).toEqual({ reasons });
    expect(message.scan?.confidence).toBe(confidence);
  });

  it('takes the threshold from the caller, 60 by default', async () => {
    expect(NEEDS_READING_BELOW).toBe(60);
    const strict = await parse(reader(LETTER, 75), { needsReadingBelow: 80 });
    const usual = await parse(reader(LETTER, 75));

    expect(strict.scan?.needsReading?.reasons).toEqual(['OCR confidence 75 is below 80: the text may be wrong']);
    expect(usual.scan?.needsReading).toBeUndefined();
  });

  it('tries a poor reading again each other way up, then as sent, and keeps the best', async () => {
    const ocr = reader('x', 20);
    ocr.orientation = vi.fn(async () => undefined);

    const message = await parse(ocr);

    // Prepared, turned 90°, 270° and 180° (OSD could not tell), and the file as it came.
    expect(ocr.read).toHaveBeenCalledTimes(5);
    expect(message.scan?.confidence).toBe(20);
  });

  it('stops at the first way up that reads well', async () => {
    const ocr = reader('x', 20);
    ocr.read
      .mockResolvedValueOnce({ text: 'x', confidence: 20 })
      .mockResolvedValueOnce({ text: LETTER, confidence: 88 });
    ocr.orientation = vi.fn(async () => ({ turn: 0 as const, confidence: 0.3 }));

    const message = await parse(ocr);

    expect(ocr.read).toHaveBeenCalledTimes(2);
    expect(message.text).toContain('The gate at the back of the flats is broken.');
    expect(message.scan?.preparation).toContain('turned 90°: it reads that way up');
    expect(message.scan?.needsReading).toBeUndefined();
  });
});
