import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';
import { attribute, longFilenameProps, tnef } from './tnef-builder.js';

const mime = (s: string) => new TextEncoder().encode(s.replace(/\r?\n/g, '\r\n'));
const parse = (raw: Uint8Array) => parseEmail(raw, { receivedAt: RECEIVED });
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An Outlook email with a text part and a winmail.dat. */
function withWinmail(dat: Uint8Array, contentType = 'application/ms-tnef'): Uint8Array {
  const base64 = Buffer.from(dat).toString('base64').replace(/.{76}/g, '$&\n');
  return mime(
    [
      'From: Ann Resident <ann@example.org>',
      'Subject: Photos of the damp',
      'Content-Type: multipart/mixed; boundary="outlook"',
      '',
      '--outlook',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Photos attached.',
      '--outlook',
      `Content-Type: ${contentType}; name="winmail.dat"`,
      'Content-Disposition: attachment; filename="winmail.dat"',
      'Content-Transfer-Encoding: base64',
      '',
      base64,
      '--outlook--',
    ].join('\n'),
  );
}

describe('attachments: content hashes', () => {
  it('gives each attachment the sha-256 of its bytes; the filename is only metadata', async () => {
    const message = await parse(fixture('inline-image.eml'));

    expect(message.attachments.length).toBeGreaterThan(0);
    for (const a of message.attachments) expect(a.sha256).toBe(sha256(a.content ?? new Uint8Array()));
  });
});

describe('attachments: Outlook winmail.dat (TNEF) is unpacked', () => {
  it('unpacks a real Outlook winmail.dat into its files, with their long names', async () => {
    const dat = fixture('tnef/outlook-attachments.dat');
    const message = await parse(withWinmail(dat));

    expect(message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['zappa_av1.jpg', 'image/jpeg'],
      ['bookmark.htm', 'text/html'],
    ]);
    const [jpeg] = message.attachments;
    expect(Array.from(jpeg?.content?.subarray(0, 3) ?? [])).toEqual([0xff, 0xd8, 0xff]);
    expect(jpeg?.size).toBe(2937);
    expect(jpeg?.sha256).toBe(sha256(jpeg?.content ?? new Uint8Array()));
    expect(message.text).toBe('Photos attached.');
  });

  it('takes the Unicode long name over the 8.3 one, and recognises application/vnd.ms-tnef', async () => {
    const pdf = Buffer.from('%PDF-1.4 rent statement');
    const dat = tnef([{ title: 'LLYTHY~1.PDF', data: pdf, longName: 'Llythyr-ŵyr rhent.pdf' }]);
    const message = await parse(withWinmail(dat, 'application/vnd.ms-tnef'));

    expect(message.attachments).toMatchObject([
      { filename: 'Llythyr-ŵyr rhent.pdf', contentType: 'application/pdf', size: pdf.length, inline: false },
    ]);
  });

  it('uses the 8.3 name when the MAPI properties claim more than they hold', async () => {
    const props = longFilenameProps('Long name.pdf', 1_000_000);
    const dat = Buffer.concat([
      tnef([{ title: 'LONGNA~1.PDF', data: Buffer.from('%PDF-') }]),
      attribute(2, 0x9005, 6, props),
    ]);
    const message = await parse(withWinmail(dat));

    expect(message.attachments.map((a) => a.filename)).toEqual(['LONGNA~1.PDF']);
  });

  it.each([
    ['cut short', (d: Buffer) => d.subarray(0, d.length - 40)],
    [
      'an attribute claiming 2 GB',
      (d: Buffer) => Buffer.concat([d, attribute(2, 0x800f, 6, Buffer.from('x'), 0x7fffffff)]),
    ],
    ['no attachments in it', () => tnef([])],
  ])('keeps the winmail.dat itself when it is %s', async (_label, damage) => {
    const dat = damage(tnef([{ title: 'A.TXT', data: Buffer.from('hello') }]));
    const started = Date.now();
    const message = await parse(withWinmail(dat));

    expect(message.attachments.map((a) => a.filename)).toEqual(['winmail.dat']);
    expect(message.attachments[0]?.content).toEqual(new Uint8Array(dat));
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('leaves String.prototype.replaceAll as the language defines it', async () => {
    await parse(withWinmail(fixture('tnef/outlook-attachments.dat')));
    expect('a.b.c'.replaceAll('.', '-')).toBe('a-b-c');
  });
});

describe('a broken MIME boundary keeps the text', () => {
  const head = (contentType: string) =>
    `From: Ann Resident <ann@example.org>\nSubject: Leak\nMIME-Version: 1.0\nContent-Type: ${contentType}\n\n`;

  it.each([
    [
      'a boundary that is never closed',
      `${head('multipart/mixed; boundary="AA"')}--AA\nContent-Type: text/plain\n\nWater is coming through the ceiling.\n`,
    ],
    [
      'a boundary that never appears',
      `${head('multipart/mixed; boundary="AA"')}Water is coming through the ceiling.\n`,
    ],
    ['no boundary parameter at all', `${head('multipart/alternative')}Water is coming through the ceiling.\n`],
    [
      'parts written with another boundary',
      `${head('multipart/alternative; boundary="AA"')}--BB\nContent-Type: text/plain; charset=utf-8\n\nWater is coming through the ceiling.\n--BB\nContent-Type: text/html\n\n<p>Water is coming through the ceiling.</p>\n--BB--\n`,
    ],
    [
      'parts with another boundary and no closing line',
      `${head('multipart/mixed; boundary=AA')}--BB\nContent-Type: text/plain\n\nWater is coming through the ceiling.\n`,
    ],
  ])('%s', async (_label, raw) => {
    const message = await parse(mime(raw));
    expect(message.text).toContain('Water is coming through the ceiling.');
  });

  it('reads the parts of a multipart with the wrong boundary as parts, not as text', async () => {
    const raw = `${head('multipart/alternative; boundary="AA"')}--BB\nContent-Type: text/plain\n\nWater.\n--BB\nContent-Type: text/html\n\n<p>Water.</p>\n--BB--\n`;
    const message = await parse(mime(raw));

    expect(message.text).toBe('Water.');
    expect(message.html).toContain('<p>Water.</p>');
  });
});
