import { UnparseableInput } from '@housing-inbox/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { logContact, parseEmail, parseLetter, parseSms, parseWebForm, TesseractLetterReader } from '../src/index.js';
import { caseFile, fixture, RECEIVED } from './fixtures.js';

/** Runs a parser on input: it either gives a message or throws UnparseableInput, never another error. */
async function outcome(run: () => unknown): Promise<'parsed' | 'unparseable'> {
  try {
    await run();
    return 'parsed';
  } catch (err) {
    if (err instanceof UnparseableInput) return 'unparseable';
    throw new Error(`threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
  }
}

// The real OCR engine, as the local stack runs it: junk behind an image signature must fail as bad input there too.
const ocr = new TesseractLetterReader();
afterAll(() => ocr.close());

describe('one failure policy: bad input throws UnparseableInput, and nothing else', () => {
  it('email: random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
        await outcome(() => parseEmail(bytes, { receivedAt: RECEIVED }));
      }),
      { numRuns: 300 },
    );
  });

  it('email: MIME cut short anywhere', async () => {
    const whole = fixture('inline-image.eml');
    await fc.assert(
      fc.asyncProperty(fc.nat(whole.length), async (at) => {
        await outcome(() => parseEmail(whole.subarray(0, at), { receivedAt: RECEIVED }));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['no bytes', new Uint8Array()],
    ['a string instead of bytes', 'From: a@example.org' as unknown as Uint8Array],
    ['nothing', undefined as unknown as Uint8Array],
    ['binary noise', Uint8Array.from({ length: 512 }, (_, i) => (i * 151) % 256)],
  ])('email: %s is refused', async (_label, raw) => {
    await expect(parseEmail(raw, { receivedAt: RECEIVED })).rejects.toBeInstanceOf(UnparseableInput);
  });

  it('email: a case file keeps parsing after these changes', async () => {
    expect(await outcome(() => parseEmail(caseFile('01a-case-ref-owner.eml'), { receivedAt: RECEIVED }))).toBe(
      'parsed',
    );
  });

  it('sms: anything at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.string(), fc.uint8Array()), async (payload) => {
        await outcome(() => parseSms(payload, { receivedAt: RECEIVED }));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['text that is not JSON', 'STOP'],
    ['JSON that is a number', '42'],
    ['null', null],
    ['an empty Lambda event', { Records: [] }],
    ['cut-short JSON', '{"originationNumber": "+4477'],
  ])('sms: %s is refused', async (_label, payload) => {
    expect(await outcome(() => parseSms(payload, { receivedAt: RECEIVED }))).toBe('unparseable');
  });

  it('web form and logged contact: anything at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        await outcome(() => parseWebForm(input, { receivedAt: RECEIVED }));
        await outcome(() => logContact(input as never));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['an empty file', new Uint8Array()],
    ['random bytes', Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256)],
    ['a PNG signature followed by junk', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])],
    ['a JPEG signature followed by junk', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 9, 9])],
    ['a PDF cut short', fixture('letter-damp-text-layer.pdf').subarray(0, 200)],
    [
      'a PNG cut in half',
      (() => {
        const png = fixture('letter-damp-scan.png');
        return png.subarray(0, png.length / 2);
      })(),
    ],
  ])('letter: %s is refused', async (_label, file) => {
    expect(await outcome(() => parseLetter(file, { filename: 'scan', receivedAt: RECEIVED, ocr }))).toBe('unparseable');
  });

  it('letter: random bytes behind a real PNG header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (tail) => {
        const file = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...tail]);
        await outcome(() => parseLetter(file, { filename: 'scan.png', receivedAt: RECEIVED, ocr }));
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
