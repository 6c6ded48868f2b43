/** Reading back the PDFs we render, as a resident's screen reader or the print supplier's checks would. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface PdfText {
  /** Each page's lines, in reading order. */
  pages: string[][];
  /** Every piece of text with its page (1-based), font size and position. */
  items: { page: number; text: string; size: number; x: number; y: number; width: number }[];
  info: Record<string, unknown>;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: string[][] = [];
  const items: PdfText['items'] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const lines: string[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str) continue;
      const [a = 0, , , , x = 0, y = 0] = item.transform as number[];
      items.push({ page: n, text: item.str, size: Math.round(Math.abs(a) * 10) / 10, x, y, width: item.width });
      lines.push(item.str);
    }
    pages.push(lines);
  }
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  await pdf.destroy();
  return { pages, items, info };
}
