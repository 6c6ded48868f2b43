/**
 * A letter to a resident as an A4 PDF for print and post: the landlord's
 * letterhead, the resident's address where a windowed (DL/C5) envelope shows
 * it, our reference, the date, the subject and the body, wrapped across pages
 * and numbered. Helvetica (a standard PDF font, so nothing is embedded and the
 * text stays extractable). Large print follows RNIB's clear-print advice:
 * 18pt body, wider line spacing, left aligned, no hyphenation.
 */
import type { OutboundLetter } from '@housing-inbox/core';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

export interface LetterLandlord {
  name: string;
  /** Postal address, one element per line. */
  addressLines: string[];
  phone?: string;
  email?: string;
  website?: string;
}

export interface LetterStyle {
  /** Body text, reference, date and subject. */
  bodySize: number;
  /** Line height as a multiple of the font size. */
  lineSpacing: number;
  /** The landlord's name at the top. */
  headingSize: number;
  /** The landlord's address and contact lines. */
  letterheadSize: number;
  /** The resident's address: kept small enough for the envelope window even in large print. */
  addressSize: number;
  footerSize: number;
}

export const STANDARD_PRINT: LetterStyle = {
  bodySize: 12,
  lineSpacing: 1.3,
  headingSize: 16,
  letterheadSize: 10,
  addressSize: 12,
  footerSize: 9,
};

export const LARGE_PRINT: LetterStyle = {
  bodySize: 18,
  lineSpacing: 1.5,
  headingSize: 22,
  letterheadSize: 16,
  addressSize: 14,
  footerSize: 14,
};

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
const MARGIN = { left: 20 * MM, right: 20 * MM, top: 15 * MM, bottom: 20 * MM };
/** Where a DL/C5 window envelope shows the address: 20mm in, from about 50mm down, 85mm wide. */
const ADDRESS_WINDOW = { left: 20 * MM, top: 50 * MM, width: 85 * MM };
const LETTERHEAD_WIDTH = 80 * MM;
const INK = rgb(0, 0, 0);

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** The date as a UK letter writes it: "14 December 2026" (the Europe/London date). */
export function letterDate(now: Date): string {
  return LONG_DATE.format(now);
}

/** A postal address as lines: its own line breaks, else one line per comma-separated part. */
export function addressLines(address: string): string[] {
  const lines = address.replace(/\r\n?/g, '\n').split('\n');
  const parts = lines.length > 1 ? lines : address.split(',');
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Characters Helvetica cannot show (it covers Windows-1252) become their nearest plain letters, else "?". */
const FALLBACKS: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2713': 'v',
};

function printable(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (supported.has(ch.codePointAt(0) as number)) {
      out += ch;
      continue;
    }
    const plain = FALLBACKS[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += plain && [...plain].every((c) => supported.has(c.codePointAt(0) as number)) ? plain : '?';
  }
  return out;
}

/** One line of text into lines no wider than `width`, breaking at spaces (and inside a word only if it must). */
export function wrapLine(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const indent = /^ */.exec(text)?.[0] ?? '';
  const words = text.trim().split(/ +/).filter(Boolean);
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = indent;
  for (let word of words) {
    const candidate = line.trim() ? `${line} ${word}` : `${line}${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line.trim()) lines.push(line);
    line = '';
    // A word wider than the line (a long link or reference): break it where it must.
    while (!fits(word)) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    line = word;
  }
  lines.push(line);
  return lines;
}

interface Run {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
}

/**
 * The letter as PDF bytes. `now` gives the date on the letter and the PDF's
 * dates, so the same letter renders the same bytes.
 */
export async function renderLetterPdf(
  letter: OutboundLetter,
  landlord: LetterLandlord,
  now: Date,
): Promise<Uint8Array> {
  const style = letter.largePrint ? LARGE_PRINT : STANDARD_PRINT;
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const clean = (s: string) => printable(s.replace(/\t/g, '    ').replace(/\p{Cc}/gu, ''), supported);
  const fontOf = (run: { bold: boolean }) => (run.bold ? bold : regular);

  const [pageWidth, pageHeight] = A4;
  const textWidth = pageWidth - MARGIN.left - MARGIN.right;
  const footerTop = MARGIN.bottom + style.footerSize * 2;
  const pages: Run[][] = [[]];
  let runs = pages[0] as Run[];

  // Letterhead: the landlord, right aligned in the top right corner.
  let headY = pageHeight - MARGIN.top;
  const rightEdge = pageWidth - MARGIN.right;
  const letterhead: { text: string; size: number; bold: boolean }[] = [
    { text: landlord.name, size: style.headingSize, bold: true },
    ...landlord.addressLines.map((text) => ({ text, size: style.letterheadSize, bold: false })),
    ...(landlord.phone ? [{ text: `Telephone: ${landlord.phone}`, size: style.letterheadSize, bold: false }] : []),
    ...(landlord.email ? [{ text: `Email: ${landlord.email}`, size: style.letterheadSize, bold: false }] : []),
    ...(landlord.website ? [{ text: landlord.website, size: style.letterheadSize, bold: false }] : []),
  ];
  for (const [i, item] of letterhead.entries()) {
    const font = fontOf(item);
    // The name sits above the address window, so it may use the full width; the rest keeps to its column.
    const width = i === 0 ? textWidth : LETTERHEAD_WIDTH;
    for (const line of wrapLine(clean(item.text), font, item.size, width)) {
      headY -= item.size * style.lineSpacing;
      runs.push({
        text: line,
        x: rightEdge - font.widthOfTextAtSize(line, item.size),
        y: headY,
        size: item.size,
        bold: item.bold,
      });
    }
  }

  // The resident's name and address, where the envelope window shows it (the letterhead column is clear of it).
  let addressY = pageHeight - ADDRESS_WINDOW.top;
  const recipient = addressLines(letter.to.address);
  const name = letter.to.name?.trim();
  if (name && recipient[0]?.toLowerCase() !== name.toLowerCase()) recipient.unshift(name);
  for (const part of recipient) {
    for (const line of wrapLine(clean(part), regular, style.addressSize, ADDRESS_WINDOW.width)) {
      addressY -= style.addressSize * 1.25;
      runs.push({ text: line, x: ADDRESS_WINDOW.left, y: addressY, size: style.addressSize, bold: false });
    }
  }

  // Then the letter itself, flowing onto further pages as needed.
  const lineHeight = style.bodySize * style.lineSpacing;
  let y = Math.min(addressY, headY) - lineHeight * 2;
  const write = (text: string, isBold = false) => {
    for (const line of wrapLine(clean(text), isBold ? bold : regular, style.bodySize, textWidth)) {
      if (y - lineHeight < footerTop) {
        runs = [];
        pages.push(runs);
        y = pageHeight - MARGIN.top;
      }
      y -= lineHeight;
      if (line) runs.push({ text: line, x: MARGIN.left, y, size: style.bodySize, bold: isBold });
    }
  };
  write(`Our reference: ${letter.caseRef}`);
  write(`Date: ${letterDate(now)}`);
  write('');
  write(letter.subject.replace(/\s*[\r\n]+\s*/g, ' ').trim(), true);
  write('');
  const bodyLines = letter.body.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  for (const line of bodyLines) write(line.replace(/\s+$/, ''));

  // Every page says whose letter it is, which case, and which page of how many.
  pages.forEach((pageRuns, i) => {
    const footer = `${landlord.name} · Reference ${letter.caseRef} · Page ${i + 1} of ${pages.length}`;
    pageRuns.push({ text: clean(footer), x: MARGIN.left, y: MARGIN.bottom, size: style.footerSize, bold: false });
  });

  for (const pageRuns of pages) {
    const page: PDFPage = doc.addPage(A4);
    for (const run of pageRuns) {
      page.drawText(run.text, { x: run.x, y: run.y, size: run.size, font: fontOf(run), color: INK });
    }
  }

  doc.setTitle(clean(letter.subject));
  doc.setAuthor(clean(landlord.name));
  doc.setSubject(`Letter about case ${letter.caseRef}`);
  doc.setKeywords([letter.caseRef, letter.purpose, ...(letter.largePrint ? ['large print'] : [])]);
  doc.setLanguage('en-GB');
  doc.setCreator('housing-inbox');
  doc.setProducer('housing-inbox (pdf-lib)');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return doc.save();
}
