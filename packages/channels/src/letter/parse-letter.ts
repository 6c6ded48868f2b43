import { basename } from 'node:path';
import { type InboundMessage, UnparseableInput } from '@housing-inbox/core';
import { receivedInstant, sha256Key, validated } from '../validate.js';
import { type ScanType, sniffScanType } from './file-type.js';
import type { LetterText, LetterTextReader } from './port.js';
import { spotSenderDetails } from './sender-details.js';

export interface ParseLetterOptions {
  /** The uploaded or dropped file's name; kept on the attachment. */
  filename: string;
  /** What the uploader declared; the bytes decide. */
  contentType?: string;
  receivedAt: string;
  ocr: LetterTextReader;
  /** Pages of a scanned (image-only) PDF read by OCR, 10 by default: OCR is slow, and the scan is kept whole. */
  maxOcrPages?: number;
}

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

  const read = type === 'application/pdf' ? await readPdf(file, filename, opts) : await readImage(file, type, opts.ocr);
  const text = read.text.replace(/\r\n?/g, '\n').trim();
  const details = spotSenderDetails(text);

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
    scan: { method: read.method, confidence: read.confidence },
    form: details.tenancyRef ? { tenancyRef: details.tenancyRef } : undefined,
  });
}

interface Read extends LetterText {
  method: 'pdf-text' | 'ocr' | 'textract';
}

async function readImage(
  file: Uint8Array,
  type: Exclude<ScanType, 'application/pdf'>,
  ocr: LetterTextReader,
): Promise<Read> {
  const { text, confidence } = await ocr.read(file, type);
  return { text, confidence: clampConfidence(confidence), method: ocr.method };
}

async function readPdf(file: Uint8Array, filename: string, opts: ParseLetterOptions): Promise<Read> {
  // pdf.js is large: loaded when the first PDF arrives, not by every function that imports this package.
  const { openPdf, pdfPageTexts, renderPdfPage } = await import('./pdf.js');
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
    if (layer.replace(/\s/g, '').length >= MIN_TEXT_LAYER_CHARS) return { text: layer, method: 'pdf-text' };

    const last = Math.min(pdf.numPages, opts.maxOcrPages ?? 10);
    const texts: string[] = [];
    const confidences: number[] = [];
    for (let n = 1; n <= last; n++) {
      const image = await fromPdf(() => renderPdfPage(pdf, n));
      const page = await opts.ocr.read(image, 'image/png');
      texts.push(page.text.trim());
      if (page.confidence !== undefined) confidences.push(page.confidence);
    }
    const confidence = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : undefined;
    return { text: texts.join('\n\n'), confidence: clampConfidence(confidence), method: opts.ocr.method };
  } finally {
    await pdf.destroy();
  }
}

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
