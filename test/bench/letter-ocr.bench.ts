/**
 * Letter OCR: character error rate (CER) of each letter fixture read as sent
 * and read the way ingest reads it (prepared: greyscale, flattened, deskewed,
 * enlarged, turned upright), and prepared with the optional Otsu threshold
 * (one pass, no retries), printed as a table; then how long preparing a page
 * takes. Real tesseract.js, offline.
 */
import { fileURLToPath } from 'node:url';
import { parseLetter, prepareScan, TesseractLetterReader } from '@housing-inbox/channels';
import sharp from 'sharp';
import { afterAll, bench, describe } from 'vitest';
import { damp, rent } from '../../packages/channels/test/fixtures/letters.js';
import { fixture } from '../../packages/channels/test/fixtures.js';
import { characterErrorRate } from '../../packages/channels/test/support/accuracy.js';

const ocr = new TesseractLetterReader();
const photo = fixture('letter-rent-photo-skewed.jpg');
const { openPdf, renderPdfPage } = await import(
  fileURLToPath(new URL('../../packages/channels/src/letter/pdf.ts', import.meta.url))
);

/** The first page of a PDF as the pipeline renders it for OCR (200 dpi). */
async function pageOf(pdfBytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await openPdf(pdfBytes);
  try {
    return await renderPdfPage(pdf, 1);
  } finally {
    await pdf.destroy();
  }
}

const fixtures: { name: string; file: Uint8Array; image?: Uint8Array; truth: string }[] = [
  { name: 'clean PDF (text layer)', file: fixture('letter-damp-text-layer.pdf'), truth: damp },
  {
    name: 'clean PDF rendered (OCR)',
    file: await pageOf(fixture('letter-damp-text-layer.pdf')),
    truth: damp,
  },
  { name: 'scan, PNG 150 dpi', file: fixture('letter-damp-scan.png'), truth: damp },
  {
    name: 'scanned PDF, 100 dpi page',
    file: fixture('letter-rent-scanned.pdf'),
    image: await pageOf(fixture('letter-rent-scanned.pdf')),
    truth: rent,
  },
  { name: 'phone photo, tilted 7°, shaded', file: photo, truth: rent },
  {
    name: 'phone photo, sideways, no EXIF',
    file: new Uint8Array(await sharp(photo).rotate(90).jpeg({ quality: 80 }).toBuffer()),
    truth: rent,
  },
];

const rows: Record<string, string | number>[] = [];
for (const f of fixtures) {
  const isTextPdf = f.name.includes('text layer');
  const before = isTextPdf ? undefined : await ocr.read(f.image ?? f.file);
  // The same preparation with the optional threshold step: measured, not the default.
  const thresholded = isTextPdf
    ? undefined
    : await ocr.read((await prepareScan(f.image ?? f.file, { threshold: true })).image);
  const t = performance.now();
  const after = await parseLetter(f.file, { filename: 'bench', receivedAt: '2026-03-16T09:30:00Z', ocr });
  rows.push({
    letter: f.name,
    'CER as sent': before ? percent(characterErrorRate(f.truth, before.text)) : '—',
    'confidence as sent': before ? Math.round(before.confidence ?? 0) : '—',
    'CER prepared': percent(characterErrorRate(f.truth, after.text)),
    'CER +threshold': thresholded ? percent(characterErrorRate(f.truth, thresholded.text)) : '—',
    'confidence prepared': after.scan?.confidence === undefined ? '—' : Math.round(after.scan.confidence),
    'needs reading': after.scan?.needsReading ? 'yes' : 'no',
    'ms (ingest path)': Math.round(performance.now() - t),
  });
}
console.log('\nLetter OCR accuracy: character error rate, lower is better\n');
console.table(rows);

function percent(n: number): string {
  return `${(n * 100).toFixed(1)}%`;
}

describe('letter preparation (sharp + projection-profile deskew)', () => {
  afterAll(async () => {
    await ocr.close();
  });

  bench('prepare a 150 dpi scan', async () => {
    await prepareScan(fixture('letter-damp-scan.png'));
  });

  bench('prepare the tilted phone photo', async () => {
    await prepareScan(photo);
  });
});
