import { basename } from 'node:path';
import { type InboundMessage, isLocalDate, UnparseableInput } from '@housing-inbox/core';
import { receivedInstant, sha256Key, validated } from '../validate.js';
import { type ScanType, sniffScanType } from './file-type.js';
import type { LetterText, LetterTextReader } from './port.js';
import { PreparationUnavailable, type PreparedScan, prepareScan } from './prepare.js';
import { type SenderDetails, spotSenderDetails } from './sender-details.js';

export interface ParseLetterOptions {
  /** The uploaded or dropped file's name; kept on the attachment. */
  filename: string;
  /** What the uploader declared; the bytes decide. */
  contentType?: string;
  receivedAt: string;
  /**
   * The local date (YYYY-MM-DD) the letter arrived in the post, entered when it
   * was scanned: its clock starts that day where the policy says so, not at the
   * scan. Left out, a file name that starts with a date ("2026-11-27 rent.pdf",
   * dropped in the folder or uploaded to the bucket) gives it.
   */
  arrivedOn?: string;
  ocr: LetterTextReader;
  /** Pages of a scanned (image-only) PDF read by OCR, 10 by default: OCR is slow, and the scan is kept whole. */
  maxOcrPages?: number;
  /** OCR confidence (0–100) below which an officer must read the letter: `NEEDS_READING_BELOW` by default. */
  needsReadingBelow?: number;
}

/** The day a scan's file name says the letter arrived ("2026-11-27 rent.pdf"), when it starts with a real date. */
export function arrivedOnOf(filename: string): string | undefined {
  const day = /^(\d{4}-\d{2}-\d{2})(?!\d)/.exec(filename)?.[1];
  return day && isLocalDate(day) ? day : undefined;
}

/**
 * Below this mean confidence tesseract's words are more often wrong than
 * right where it matters (names, numbers, postcodes): on the fixtures a clean
 * scan reads at 90+, the phone photo read at 16. An officer reads it.
 */
export const NEEDS_READING_BELOW = 60;

const MAX_BYTES = 25 * 1024 * 1024;
/** Fewer visible characters than this in a PDF's text layer means it is a scan without one. */
const MIN_TEXT_LAYER_CHARS = 20;

/**
 * A posted letter, scanned: a PDF with a text layer is read directly; a PNG or
 * JPEG, or a PDF that is only pictures of pages, goes through OCR. The scan is
 * kept as the message's attachment, so an officer can always see the original.
 */
export async function parseLetter(file: Uint8Array, opts: ParseLetterOptions): Promise<InboundMessage> {
  const receivedAt = receivedInstant('letter', opts.receivedAt);
  const filename = basename(String(opts.filename ?? '').replace(/\\/g, '/')).trim() || 'letter';
  if (!(file instanceof Uint8Array)) throw new UnparseableInput(`"${filename}" is not a file's bytes`, 'letter');
  if (file.byteLength === 0) throw new UnparseableInput(`"${filename}" is empty (0 bytes)`, 'letter');
  if (file.byteLength > MAX_BYTES) {
    throw new UnparseableInput(
      `"${filename}" is ${megabytes(file.byteLength)}; a letter scan may be up to 25 MB`,
      'letter',
    );
  }
  const type = sniffScanType(file);
  if (!type) {
    const head = Array.from(file.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new UnparseableInput(
      `"${filename}" is not a PDF, PNG or JPEG (declared as ${opts.contentType ?? 'no type'}; it starts with bytes ${head})`,
      'letter',
    );
  }

  const read = type === 'application/pdf' ? await readPdf(file, filename, opts) : await readPage(file, type, opts.ocr);
  const text = read.text.replace(/\r\n?/g, '\n').trim();
  const details = spotSenderDetails(text);
  const needsReading = reasonsToRead(read, text, details, opts.needsReadingBelow ?? NEEDS_READING_BELOW);

  return validated('letter', {
    channel: 'letter',
    dedupeKey: sha256Key(file),
    receivedAt,
    from: { name: details.name, email: details.email, phone: details.phone, address: details.address },
    subject: findSubject(text),
    text,
    attachments: [
      { filename, contentType: type, size: file.byteLength, inline: false, content: file as Uint8Array<ArrayBuffer> },
    ],
    scan: {
      method: read.method,
      arrivedOn: opts.arrivedOn ?? arrivedOnOf(filename),
      confidence: read.confidence,
      engine: read.engine,
      preparation: read.preparation?.length ? read.preparation : undefined,
      needsReading: needsReading.length ? { reasons: needsReading } : undefined,
    },
    form: details.tenancyRef ? { tenancyRef: details.tenancyRef } : undefined,
  });
}

interface Read extends LetterText {
  method: 'pdf-text' | 'ocr' | 'textract';
  engine?: string;
  preparation?: string[];
}

/**
 * Why an officer must read this letter before anyone answers it: the reading
 * is doubtful, or there is no way to reply (an acknowledgement would go
 * nowhere, or to a number OCR made up).
 */
function reasonsToRead(read: Read, text: string, details: SenderDetails, below: number): string[] {
  const reasons: string[] = [];
  if (!text) reasons.push('no text could be read from the scan');
  else if (read.confidence !== undefined && read.confidence < below) {
    reasons.push(`OCR confidence ${Math.round(read.confidence)} is below ${below}: the text may be wrong`);
  }
  if (!details.email && !details.phone && !details.address) {
    reasons.push('no postal address, email address or phone number found to reply to');
  }
  return reasons;
}

/**
 * One page image through OCR, prepared first (prepare.ts). A poor reading is
 * tried again turned, in case the page was photographed sideways or scanned
 * upside down with no EXIF tag to say so: as the engine's orientation check
 * says when it is sure, else each other way up until one reads well. Last,
 * the image as it came, in case preparing it did harm. The most confident
 * reading wins; a good one costs one pass.
 */
async function readPage(
  image: Uint8Array,
  type: Exclude<ScanType, 'application/pdf'>,
  ocr: LetterTextReader,
): Promise<Read> {
  let prepared: PreparedScan;
  try {
    prepared = await prepareScan(image);
  } catch (err) {
    if (!(err instanceof PreparationUnavailable)) throw err;
    const asSent = await ocr.read(image, type);
    return {
      ...asSent,
      ...readBy(ocr),
      confidence: clampConfidence(asSent.confidence),
      preparation: [`none: ${err.message}`],
    };
  }
  const readings = [await readPrepared(ocr, prepared.image, prepared.steps)];
  const good = (r: Read) => (r.confidence ?? 100) >= NEEDS_READING_BELOW;
  if (readings.some(good)) return readings[0] as Read;

  for (const turn of await turnsToTry(ocr, prepared.image)) {
    const turned = await prepareScan(image, { turn });
    readings.push(await readPrepared(ocr, turned.image, turned.steps));
    if (readings.some(good)) break;
  }
  if (!readings.some(good)) {
    const asSent = await ocr.read(image, type);
    readings.push({
      ...asSent,
      ...readBy(ocr),
      confidence: clampConfidence(asSent.confidence),
      preparation: ['none: the image as sent read better than prepared'],
    });
  }
  return readings.reduce((best, r) => ((r.confidence ?? 0) > (best.confidence ?? 0) ? r : best));
}

/** Tesseract's OSD is sure of itself above about 2; below, or on a small photo where it finds too few letters, it guesses. */
const SURE_ORIENTATION = 2;

async function turnsToTry(ocr: LetterTextReader, prepared: Uint8Array): Promise<(90 | 180 | 270)[]> {
  // An engine without an orientation check (Textract) finds the orientation itself.
  if (!ocr.orientation) return [];
  const found = await ocr.orientation(prepared);
  if (found && found.confidence >= SURE_ORIENTATION) return found.turn === 0 ? [] : [found.turn];
  // Sideways first: phone photos are taken in landscape far more often than letters are scanned upside down.
  return [90, 270, 180];
}

function readBy(ocr: LetterTextReader): Pick<Read, 'method' | 'engine'> {
  return { method: ocr.method, engine: ocr.engine ?? ocr.method };
}

async function readPrepared(ocr: LetterTextReader, png: Uint8Array, steps: string[]): Promise<Read> {
  const { text, confidence } = await ocr.read(png, 'image/png');
  return {
    text,
    confidence: clampConfidence(confidence),
    method: ocr.method,
    engine: ocr.engine ?? ocr.method,
    preparation: steps,
  };
}

async function readPdf(file: Uint8Array, filename: string, opts: ParseLetterOptions): Promise<Read> {
  // pdf.js is large: loaded when the first PDF arrives, not by every function that imports this package.
  const { openPdf, pdfPageDrawing, pdfPageTexts, renderPdfPage } = await import('./pdf.js');
  let pdf: Awaited<ReturnType<typeof openPdf>>;
  try {
    pdf = await openPdf(file);
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'PasswordException' ? 'it is password-protected' : e.message;
    throw new UnparseableInput(`"${filename}" cannot be opened as a PDF: ${why}`, 'letter');
  }
  // pdf.js failing on a page is the file's fault; the OCR reader failing may be the service's, so it propagates.
  const fromPdf = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      throw new UnparseableInput(`"${filename}" cannot be read as a PDF: ${(err as Error).message}`, 'letter');
    }
  };
  try {
    const pages = await fromPdf(() => pdfPageTexts(pdf));
    const layer = pages.join('\n\n').trim();
    if (layer.replace(/\s/g, '').length >= MIN_TEXT_LAYER_CHARS) {
      return { text: layer, method: 'pdf-text', engine: PDF_TEXT_ENGINE };
    }

    const last = Math.min(pdf.numPages, opts.maxOcrPages ?? 10);
    // A page of only a little text (no picture, no shapes, fewer glyphs than a text layer needs) would
    // render as just that text: OCR could read nothing more, and costs seconds a page (up to five readings
    // of a near-empty page, turned each way). Its text layer is the letter.
    let worthReading = false;
    for (let n = 1; n <= last && !worthReading; n++) {
      const drawn = await fromPdf(() => pdfPageDrawing(pdf, n));
      worthReading = drawn.pictures || drawn.glyphs >= MIN_TEXT_LAYER_CHARS;
    }
    if (!worthReading) return { text: layer, method: 'pdf-text', engine: PDF_TEXT_ENGINE };

    const texts: string[] = [];
    const confidences: number[] = [];
    const preparation = new Set<string>();
    for (let n = 1; n <= last; n++) {
      const image = await fromPdf(() => renderPdfPage(pdf, n));
      const page = await readPage(image, 'image/png', opts.ocr);
      texts.push(page.text.trim());
      if (page.confidence !== undefined) confidences.push(page.confidence);
      for (const step of page.preparation ?? []) preparation.add(last > 1 ? `page ${n}: ${step}` : step);
    }
    const confidence = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : undefined;
    return {
      text: texts.join('\n\n'),
      confidence: clampConfidence(confidence),
      method: opts.ocr.method,
      engine: opts.ocr.engine ?? opts.ocr.method,
      preparation: [...preparation],
    };
  } finally {
    await pdf.destroy();
  }
}

const PDF_TEXT_ENGINE = 'pdf.js text layer';

/** "Re: Damp in the back bedroom" or "Subject: …" near the top of a letter. */
function findSubject(text: string): string | undefined {
  const line = text
    .split('\n')
    .slice(0, 40)
    .map((l) => l.trim())
    .find((l) => /^(re|subject|ref)\s*:\s*\S/i.test(l) && !/^ref\s*:\s*[A-Z0-9/-]+$/i.test(l));
  return line?.replace(/^(re|subject|ref)\s*:\s*/i, '').trim();
}

function clampConfidence(confidence: number | undefined): number | undefined {
  return confidence === undefined || Number.isNaN(confidence) ? undefined : Math.max(0, Math.min(100, confidence));
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
