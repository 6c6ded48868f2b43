import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, parseEmail, safeFilename } from '../src/index.js';
import { caseFile, RECEIVED } from './fixtures.js';

const mime = (s: string) => new TextEncoder().encode(s.replace(/\r?\n/g, '\r\n'));
const parse = (raw: Uint8Array) => parseEmail(raw, { receivedAt: RECEIVED });

/** Q encoding of bytes: printable ASCII other than = ? _ and space as is, the rest =XX. */
function q(bytes: Uint8Array): string {
  return Array.from(bytes, (b) =>
    b > 0x20 && b < 0x7f && b !== 0x3d && b !== 0x3f && b !== 0x5f
      ? String.fromCharCode(b)
      : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
}

interface Chunking {
  cuts: number[];
  encodings: ('B' | 'b-unpadded' | 'Q')[];
  charset: ('UTF-8' | 'utf-8')[];
  separator: (' ' | '\r\n ' | '\r\n\t' | '')[];
}

/** The text's UTF-8 bytes cut anywhere (through characters too) and written as adjacent encoded words. */
function splitEncoded(text: string, c: Chunking): string {
  const bytes = Buffer.from(text, 'utf8');
  const cuts = [...new Set(c.cuts.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > from) pieces.push(bytes.subarray(from, cut));
    from = Math.max(from, cut);
  }
  return pieces
    .map((piece, i) => {
      const encoding = c.encodings[i % c.encodings.length] ?? 'B';
      const charset = c.charset[i % c.charset.length] ?? 'UTF-8';
      const word =
        encoding === 'Q'
          ? `=?${charset}?Q?${q(piece)}?=`
          : `=?${charset}?B?${Buffer.from(piece)
              .toString('base64')
              .replace(encoding === 'b-unpadded' ? /=+$/ : /$^/, '')}?=`;
      return (i === 0 ? '' : (c.separator[i % c.separator.length] ?? ' ')) + word;
    })
    .join('');
}

const chunking: fc.Arbitrary<Chunking> = fc.record({
  cuts: fc.array(fc.nat(400), { maxLength: 8 }),
  encodings: fc.array(fc.constantFrom('B' as const, 'b-unpadded' as const, 'Q' as const), {
    minLength: 1,
    maxLength: 4,
  }),
  charset: fc.array(fc.constantFrom('UTF-8' as const, 'utf-8' as const), { minLength: 1, maxLength: 3 }),
  separator: fc.array(fc.constantFrom(' ' as const, '\r\n ' as const, '\r\n\t' as const, '' as const), {
    minLength: 1,
    maxLength: 3,
  }),
});

/** No lone surrogate halves: those cannot be written as UTF-8 at all. */
const wellFormed = (s: string) => !/\p{Cs}/u.test(s);

describe('RFC 2047: one character split across two encoded words', () => {
  it('reads case 06: Outlook split the apostrophe across two base64 words, the first padded', async () => {
    const message = await parse(caseFile('06-split-b-encoded-word-padding.eml'));

    expect(message.subject).toBe('Rhent wedi\u2019i gymryd ddwywaith – ad-daliad os gwelwch yn dda');
    expect(message.subject).not.toContain('\ufffd');
    expect(message.from.name).toBe('Siân Ó Súilleabháin');
    expect(message.text).toContain('£412.50');
  });

  it.each([
    ['base64, first word padded', '=?UTF-8?B?UmhlbnQgd2VkaeI=?= =?UTF-8?B?gJlp?='],
    ['base64, no padding', '=?UTF-8?B?UmhlbnQgd2VkaeI?= =?UTF-8?B?gJlp?='],
    ['base64, charset in two cases', '=?utf-8?B?UmhlbnQgd2VkaeI=?= =?UTF-8?b?gJlp?='],
    ['Q', '=?UTF-8?Q?Rhent_wedi=E2?= =?UTF-8?Q?=80=99i?='],
    ['Q then base64', '=?UTF-8?Q?Rhent_wedi=E2?= =?UTF-8?B?gJlp?='],
    ['folded onto the next line', '=?UTF-8?B?UmhlbnQgd2VkaeI=?=\r\n\t=?UTF-8?B?gJlp?='],
    ['with a language tag', '=?UTF-8*cy?B?UmhlbnQgd2VkaeI=?= =?UTF-8*cy?B?gJlp?='],
  ])('decodes %s', async (_label, subject) => {
    expect(decodeEncodedWords(subject)).toBe('Rhent wedi\u2019i');
    const message = await parse(mime(`From: a@example.org\nSubject: ${subject}\n\nHello\n`));
    expect(message.subject).toBe('Rhent wedi\u2019i');
  });

  it('keeps text between encoded words and decodes other charsets', () => {
    expect(decodeEncodedWords('Re: =?ISO-8859-1?Q?Caf=E9?= and =?UTF-8?B?w6k=?= done')).toBe('Re: Café and é done');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?= =?UTF-8?Q?b?=')).toBe('ab');
  });

  it('fixes a split display name in From and a split attachment name', async () => {
    const message = await parse(
      mime(
        [
          'From: =?UTF-8?B?Q2VyaWQgUGFy?= =?UTF-8?B?cnk=?= <ceri@example.org>',
          'Subject: Llun',
          'Content-Type: multipart/mixed; boundary="zz"',
          '',
          '--zz',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Photo attached',
          '--zz',
          'Content-Type: image/jpeg',
          'Content-Disposition: attachment;',
          ' filename="=?UTF-8?B?TGx5dGh5ci3F?= =?UTF-8?B?tXlyLmpwZw==?="',
          'Content-Transfer-Encoding: base64',
          '',
          '/9j/4AAQ',
          '--zz--',
        ].join('\n'),
      ),
    );
    expect(message.from.name).toBe('Cerid Parry');
    expect(message.attachments.map((a) => a.filename)).toEqual(['Llythyr-ŵyr.jpg']);
  });

  it('round-trips any text written as adjacent encoded words cut at any byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }).filter(wellFormed), chunking, (text, c) => {
        expect(decodeEncodedWords(splitEncoded(text, c))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips a subject through the whole parser', async () => {
    const visible = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
      .map((s) => s.replace(/[\p{C}\p{Z}]/gu, 'x'))
      .filter((s) => s.length > 0 && wellFormed(s));
    await fc.assert(
      fc.asyncProperty(visible, chunking, async (text, c) => {
        const message = await parse(mime(`From: a@example.org\nSubject: ${splitEncoded(text, c)}\n\nHello\n`));
        expect(message.subject).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
});

/** An email with one attachment whose name is given by RFC 2231 continuations. */
function withContinuedName(params: string[]): Uint8Array {
  return mime(
    [
      'From: a@example.org',
      'Subject: Files',
      'Content-Type: multipart/mixed; boundary="zz"',
      '',
      '--zz',
      'Content-Type: text/plain',
      '',
      'See attached',
      '--zz',
      'Content-Type: application/pdf',
      `Content-Disposition: attachment;${params.map((p) => `\n ${p}`).join(';')}`,
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0=',
      '--zz--',
    ].join('\n'),
  );
}

/** Percent-encoded UTF-8, cut into continuations at random places (never inside a %XX). */
function continued(name: string, cuts: number[]): string[] {
  const units = Array.from(Buffer.from(name, 'utf8'), (b) =>
    /[A-Za-z0-9._-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
  );
  const at = [...new Set(cuts.map((n) => n % (units.length + 1)))].filter((n) => n > 0).sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const cut of [...at, units.length]) {
    if (cut > from) pieces.push(units.slice(from, cut).join(''));
    from = Math.max(from, cut);
  }
  return pieces.map((piece, i) => `filename*${i}*=${i === 0 ? "UTF-8''" : ''}${piece}`);
}

describe('RFC 2231: a long or non-ASCII filename in continuations', () => {
  it.each([
    [
      'encoded, split inside a character',
      ["filename*0*=UTF-8''Llythyr-%C5", 'filename*1*=%B5yr%20hir.pdf'],
      'Llythyr-ŵyr hir.pdf',
    ],
    [
      'quoted, not encoded',
      ['filename*0="Tenancy agreement "', 'filename*1="signed copy.pdf"'],
      'Tenancy agreement signed copy.pdf',
    ],
    ['encoded then plain', ["filename*0*=UTF-8''Caf%C3%A9-", 'filename*1="receipt.pdf"'], 'Café-receipt.pdf'],
  ])('gives the whole name: %s', async (_label, params, name) => {
    const message = await parse(withContinuedName(params));
    expect(message.attachments.map((a) => a.filename)).toEqual([name]);
  });

  it('gives back any filename written as encoded continuations', async () => {
    const name = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
      .map((s) => s.replace(/[\p{C}/\\]/gu, '_'))
      .filter((s) => wellFormed(s) && safeFilename(s) !== undefined);
    await fc.assert(
      fc.asyncProperty(name, fc.array(fc.nat(300), { maxLength: 5 }), async (filename, cuts) => {
        const message = await parse(withContinuedName(continued(filename, cuts)));
        expect(message.attachments.map((a) => a.filename)).toEqual([safeFilename(filename)]);
      }),
      { numRuns: 150 },
    );
  });

  it('never lets a filename carry a path, a control character or a bidi override, and caps its length', async () => {
    const hostile = fc.string({ unit: 'binary', maxLength: 400 }).filter(wellFormed);
    await fc.assert(
      fc.asyncProperty(hostile, async (filename) => {
        const message = await parse(withContinuedName(continued(filename, [])));
        const [stored] = message.attachments.map((a) => a.filename);
        expect(stored).toBeTruthy();
        expect(stored).not.toMatch(/[/\\\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
        expect(Array.from(stored ?? '').length).toBeLessThanOrEqual(255);
      }),
      { numRuns: 150 },
    );
  });
});
