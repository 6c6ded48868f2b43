import { describe, expect, it } from 'vitest';
import { addressLines, letterDate, renderLetterPdf } from '../src/index.js';
import { LANDLORD, LETTER, NOW } from './fixtures.js';
import { readPdf } from './pdf-text.js';

/** About 600 words in 8 paragraphs: enough to need a second page. */
const LONG_BODY = Array.from(
  { length: 8 },
  (_, p) =>
    `Paragraph ${p + 1}. ${'We have looked at your rent account, the repairs history and the tenancy agreement together with the surveyor’s notes. '.repeat(4)}`,
).join('\n\n');

describe('renderLetterPdf', () => {
  it('writes an A4 letter whose text can be read back: letterhead, address, reference, date, subject, body', async () => {
    // Act
    const pdf = await renderLetterPdf(LETTER, LANDLORD, NOW);

    // Assess
    const { pages, items, info } = await readPdf(pdf);
    expect(pages).toHaveLength(1);
    const lines = pages[0] ?? [];
    expect(lines).toEqual(
      expect.arrayContaining([
        'Hightown Housing Association',
        'Hightown House',
        'HX1 1AA',
        'Telephone: 01632 960000',
        'Email: housing@hightown.example',
        'Len Letter',
        '9 Quay Street',
        'Hightown HX2 3EF',
        'Our reference: HT-2026-00044',
        'Date: 30 November 2026',
        'Your question about the garden scheme [HT-2026-00044]',
        'Dear Mr Letter,',
        'Yours sincerely,',
        'Housing Services',
        'Hightown Housing Association · Reference HT-2026-00044 · Page 1 of 1',
      ]),
    );
    // In reading order: address, then reference and date, subject, body.
    const at = (s: string) => lines.indexOf(s);
    expect(at('Len Letter')).toBeLessThan(at('Our reference: HT-2026-00044'));
    expect(at('Date: 30 November 2026')).toBeLessThan(at('Your question about the garden scheme [HT-2026-00044]'));
    expect(at('Dear Mr Letter,')).toBeLessThan(at('Yours sincerely,'));
    // The body at 12pt, left aligned at the 20mm margin.
    const dear = items.find((i) => i.text === 'Dear Mr Letter,');
    expect(dear?.size).toBe(12);
    expect(dear?.x).toBeCloseTo(56.7, 0);
    expect(info).toMatchObject({ Title: LETTER.subject, Author: LANDLORD.name, Language: 'en-GB' });
  });

  it('puts the address where a window envelope shows it, clear of the letterhead', async () => {
    const { items } = await readPdf(await renderLetterPdf({ ...LETTER, largePrint: true }, LANDLORD, NOW));
    const name = items.find((i) => i.text === 'Len Letter');
    const mm = 72 / 25.4;
    // 20mm from the left edge, about 50–60mm from the top of an A4 page (841.9pt tall).
    expect(name?.x).toBeCloseTo(20 * mm, 0);
    expect(841.89 - (name?.y ?? 0)).toBeGreaterThan(50 * mm);
    expect(841.89 - (name?.y ?? 0)).toBeLessThan(60 * mm);
    const letterhead = items.filter((i) => LANDLORD.addressLines.includes(i.text));
    for (const line of letterhead) expect(line.x).toBeGreaterThan(105 * mm);
  });

  it('wraps a long body within the margins and carries it onto numbered pages', async () => {
    const pdf = await renderLetterPdf({ ...LETTER, body: LONG_BODY }, LANDLORD, NOW);
    const { pages, items } = await readPdf(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.at(-1)).toContain(
      `Hightown Housing Association · Reference HT-2026-00044 · Page ${pages.length} of ${pages.length}`,
    );
    const body = items.filter((i) => i.text.includes('rent account') || i.text.startsWith('Paragraph'));
    // Every body line starts at the left margin and none runs past the right margin (A4 is 595pt wide).
    for (const line of body) {
      expect(line.x).toBeCloseTo(56.7, 0);
      expect(line.x + line.width).toBeLessThanOrEqual(595.28 - 56.69 + 0.01);
    }
    // The lines are filled, not one word each.
    expect(Math.max(...body.map((l) => l.width))).toBeGreaterThan(400);
    const bodyText = items
      .filter((i) => i.size === 12 && i.x < 60 && (i.page > 1 || i.y < 620))
      .map((i) => i.text)
      .join(' ');
    // Nothing lost in the wrapping: every word is there, in order.
    expect(bodyText.replace(/\s+/g, ' ')).toContain(LONG_BODY.split('\n\n')[7]?.trim().replace(/\s+/g, ' '));
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(bodyText).toContain(`Paragraph ${n}.`);
  });

  it('sets large print at 18pt with wider spacing, so the same letter takes more pages', async () => {
    const standard = await readPdf(await renderLetterPdf({ ...LETTER, body: LONG_BODY }, LANDLORD, NOW));
    const large = await readPdf(await renderLetterPdf({ ...LETTER, body: LONG_BODY, largePrint: true }, LANDLORD, NOW));
    const sizeOf = (pdf: typeof large, text: string) => pdf.items.find((i) => i.text.startsWith(text))?.size;
    expect(sizeOf(standard, 'Paragraph 1.')).toBe(12);
    expect(sizeOf(large, 'Paragraph 1.')).toBe(18);
    expect(sizeOf(large, 'Our reference')).toBe(18);
    expect(large.pages.length).toBeGreaterThan(standard.pages.length);
    // Wider spacing: the gap between two body lines grows more than the font does (1.5 × 18 against 1.3 × 12).
    const gap = (pdf: typeof large) => {
      const body = pdf.items.filter((i) => i.page === 2 && i.text.includes(' '));
      return Math.min(...body.slice(1, -1).map((line, n) => (body[n]?.y ?? 0) - line.y));
    };
    expect(gap(standard)).toBeCloseTo(15.6, 1);
    expect(gap(large)).toBeCloseTo(27, 1);
  });

  it('breaks a word too long for a line rather than letting it run off the page', async () => {
    const link = `https://www.hightown.example/${'very-long-path-segment/'.repeat(12)}`;
    const { items } = await readPdf(await renderLetterPdf({ ...LETTER, body: link }, LANDLORD, NOW));
    const pieces = items.filter((i) => link.includes(i.text) && i.text.length > 10 && i.size === 12);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.text).join('')).toBe(link);
  });

  it('shows what Helvetica cannot print as the nearest plain letters instead of failing', async () => {
    const body = 'Ŵyn Jones – 2 ≥ 1 → ok ‘quoted’ “double” £5 €5 naïve 東京';
    const { items } = await readPdf(await renderLetterPdf({ ...LETTER, body }, LANDLORD, NOW));
    expect(items.map((i) => i.text)).toContain('Wyn Jones – 2 >= 1 -> ok ‘quoted’ “double” £5 €5 naïve ??');
  });

  it('renders the same bytes for the same letter at the same time', async () => {
    const a = await renderLetterPdf(LETTER, LANDLORD, NOW);
    const b = await renderLetterPdf(LETTER, LANDLORD, NOW);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('letter helpers', () => {
  it.each([
    { address: '9 Quay Street, Hightown HX2 3EF', lines: ['9 Quay Street', 'Hightown HX2 3EF'] },
    {
      address: 'Flat 2\n9 Quay Street, Lower Town\nHX2 3EF\n',
      lines: ['Flat 2', '9 Quay Street, Lower Town', 'HX2 3EF'],
    },
  ])('splits "$address" into address lines', ({ address, lines }) => {
    expect(addressLines(address)).toEqual(lines);
  });

  it.each([
    { instant: '2026-11-30T10:00:00Z', date: '30 November 2026' },
    // 23:30 UTC on 31 March is already 1 April in London (BST).
    { instant: '2027-03-31T23:30:00Z', date: '1 April 2027' },
  ])('dates a letter at $instant as "$date"', ({ instant, date }) => {
    expect(letterDate(new Date(instant))).toBe(date);
  });
});
