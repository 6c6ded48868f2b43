import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnparseableInput } from '@housing-inbox/core';
import type Tesseract from 'tesseract.js';
import type { LetterText, LetterTextReader } from './port.js';

export interface TesseractReaderOptions {
  /** Folder holding `eng.traineddata.gz`; defaults to the one in `@tesseract.js-data/eng`. */
  langPath?: string;
}

/**
 * OCR in-process with tesseract.js, for the local stack. Everything it needs is
 * read from node_modules: the wasm core from tesseract.js-core and the English
 * model from @tesseract.js-data/eng (the LSTM-only "best_int" build, which is
 * small and quick). Nothing is fetched and nothing is cached to disk.
 * One worker is started on first use and reused; call close() when done.
 */
export class TesseractLetterReader implements LetterTextReader {
  readonly method = 'ocr' as const;
  readonly #langPath: string;
  #worker?: Promise<Tesseract.Worker>;

  constructor(options: TesseractReaderOptions = {}) {
    this.#langPath = options.langPath ?? defaultLangPath();
  }

  async read(image: Uint8Array): Promise<LetterText> {
    const worker = await this.#start();
    let data: Tesseract.Page;
    try {
      ({ data } = await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength)));
    } catch (err) {
      // Leptonica could not decode the picture (cut short, or junk behind a PNG/JPEG signature): the file's fault.
      const message = String((err as Error)?.message ?? err);
      if (/attempting to read image/i.test(message)) {
        throw new UnparseableInput(`the scan is not a readable image (${message.replace(/^Error:\s*/, '')})`, 'letter');
      }
      throw err;
    }
    return { text: tidy(data.text), confidence: Math.max(0, Math.min(100, data.confidence)) };
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await (await worker).terminate();
  }

  #start(): Promise<Tesseract.Worker> {
    this.#worker ??= import('tesseract.js')
      .then(({ default: tesseract }) =>
        tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, {
          langPath: this.#langPath,
          gzip: true,
          cacheMethod: 'none',
          logger: () => {},
          errorHandler: () => {},
        }),
      )
      .catch((err: unknown) => {
        this.#worker = undefined;
        throw err;
      });
    return this.#worker;
  }
}

function defaultLangPath(): string {
  const pkg = createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json');
  return join(dirname(pkg), '4.0.0_best_int');
}

/**
 * Tesseract reads a capital I in sans-serif print as "|", and a letter from a
 * resident has no use for a lone pipe. It also separates every block with a
 * blank line; runs of blank lines are closed up to one.
 */
function tidy(text: string): string {
  return text
    .replace(/(^|[\s(])\|(?=[\s'’,.]|$)/gm, '$1I')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
