import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | undefined;
/**
 * pdf.js, loaded on the first PDF read (~230 ms of CPU to load, which every
 * start of the letter function paid at import before, image letters included)
 * and kept for the process after.
 */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

/** pdf.js's standard fonts, as a local path, so it never reaches for a CDN for fonts or colour profiles. */
function standardFonts(): string {
  const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return `${join(pdfjsRoot, 'standard_fonts')}/`;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  return getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: standardFonts(),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

/** The text layer of each page, lines kept. */
export async function pdfPageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    let text = '';
    let lastLineY: number | undefined;
    let lineStart = true;
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] ?? 0;
      const size = Math.abs(item.transform[3] ?? 0) || item.height || 10;
      // pdf.js gives lines, not paragraphs: a gap of well over a line's height is a blank line on the page.
      if (lineStart && lastLineY !== undefined && lastLineY - y > size * 1.9) text += '\n';
      if (lineStart) lastLineY = y;
      text += item.str;
      lineStart = item.hasEOL;
      if (item.hasEOL) text += '\n';
    }
    pages.push(
      text
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    );
    page.cleanup();
  }
  return pages;
}

/** Drawing operators that put something other than text on a page: pictures, shadings and shapes. */
const pictureOps = (OPS: PdfJs['OPS']) =>
  new Set<number>([
    OPS.paintImageXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintInlineImageXObject,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintImageMaskXObject,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintImageMaskXObjectRepeat,
    OPS.paintSolidColorImageMask,
    OPS.shadingFill,
    OPS.constructPath,
  ]);
const textOps = (OPS: PdfJs['OPS']) =>
  new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
let drawingOps: { pictures: Set<number>; text: Set<number> } | undefined;

/**
 * What page `n` draws: whether it paints any picture, shading or shape (a
 * scanned page is one picture; a letter in outlined type is shapes), and how
 * many glyphs it shows as text (spaces left out). A page with no picture and
 * few glyphs has nothing on it for OCR to read beyond its text layer.
 * The operator list is the one rendering uses (pdf.js keeps it for the page).
 */
export async function pdfPageDrawing(pdf: PDFDocumentProxy, n: number): Promise<{ pictures: boolean; glyphs: number }> {
  if (!drawingOps) {
    const { OPS } = await loadPdfJs();
    drawingOps = { pictures: pictureOps(OPS), text: textOps(OPS) };
  }
  const { pictures: PICTURE_OPS, text: TEXT_OPS } = drawingOps;
  const page = await pdf.getPage(n);
  const { fnArray, argsArray } = await page.getOperatorList();
  let pictures = false;
  let glyphs = 0;
  fnArray.forEach((fn, i) => {
    if (PICTURE_OPS.has(fn)) pictures = true;
    else if (TEXT_OPS.has(fn)) {
      const shown = (argsArray[i] as unknown[] | undefined)?.find(Array.isArray) as unknown[] | undefined;
      for (const g of shown ?? [])
        if (typeof g === 'object' && g !== null && !(g as { isSpace?: boolean }).isSpace) glyphs++;
    }
  });
  return { pictures, glyphs };
}

/** What pdf.js's Node canvas factory hands out: an @napi-rs/canvas canvas and its 2D context. */
interface CanvasAndContext {
  canvas: { width: number; height: number; toBuffer(type: 'image/png'): Uint8Array };
  context: { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
}
type RenderParameters = Parameters<PDFPageProxy['render']>[0];

/**
 * A page as a PNG, for reading a scanned PDF (no text layer) with OCR. Rendered
 * at about 200 dpi, which suits tesseract; pdf.js draws with @napi-rs/canvas in Node.
 */
export async function renderPdfPage(pdf: PDFDocumentProxy, n: number, dpi = 200): Promise<Uint8Array> {
  const page = await pdf.getPage(n);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const factory = pdf.canvasFactory as { create(w: number, h: number): CanvasAndContext };
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: context, viewport } as unknown as RenderParameters).promise;
  const png = canvas.toBuffer('image/png');
  page.cleanup();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
