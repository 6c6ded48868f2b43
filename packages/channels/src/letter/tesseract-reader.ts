import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnparseableInput } from '@housing-inbox/core';
import type Tesseract from 'tesseract.js';
import type { LetterText, LetterTextReader, PageOrientation } from './port.js';

export interface TesseractReaderOptions {
  /** Folder holding `eng.traineddata.gz`; defaults to the one in `@tesseract.js-data/eng`. */
  langPath?: string;
  /** Folder holding `osd.traineddata.gz` (orientation detection); defaults to the one in `@tesseract.js-data/osd`. */
  osdLangPath?: string;
}

/**
 * OCR in-process with tesseract.js, for the local stack. Everything it needs is
 * read from node_modules: the wasm core from tesseract.js-core and the English
 * model from @tesseract.js-data/eng (the LSTM-only "best_int" build, which is
 * small and quick). Nothing is fetched and nothing is cached to disk.
 * One worker is started on first use and reused; call close() when done.
 * Orientation (`orientation()`) is tesseract's OSD, which needs the legacy
 * engine and `@tesseract.js-data/osd`: a second worker, started only when a
 * reading came out poor enough to ask.
 */
export class TesseractLetterReader implements LetterTextReader {
  readonly method = 'ocr' as const;
  readonly engine = `tesseract.js ${packageVersion('tesseract.js')}, eng ${MODEL}`;
  readonly #langPath: string;
  readonly #osdLangPath: string;
  #worker?: Promise<Tesseract.Worker>;
  #osd?: Promise<Tesseract.Worker>;

  constructor(options: TesseractReaderOptions = {}) {
    this.#langPath = options.langPath ?? dataPath('eng');
    this.#osdLangPath = options.osdLangPath ?? dataPath('osd');
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

  async orientation(image: Uint8Array): Promise<PageOrientation | undefined> {
    this.#osd ??= this.#create('osd');
    let data: Tesseract.DetectData;
    try {
      ({ data } = await (await this.#osd).detect(Buffer.from(image.buffer, image.byteOffset, image.byteLength)));
    } catch {
      // OSD finds too few letters on a nearly empty or unreadable page: no answer, not a failure.
      return undefined;
    }
    const turn = data.orientation_degrees;
    if (turn !== 0 && turn !== 90 && turn !== 180 && turn !== 270) return undefined;
    return { turn, confidence: data.orientation_confidence ?? 0 };
  }

  async close(): Promise<void> {
    const workers = [this.#worker, this.#osd];
    this.#worker = undefined;
    this.#osd = undefined;
    await Promise.all(workers.map(async (w) => w && (await w).terminate()));
  }

  #start(): Promise<Tesseract.Worker> {
    this.#worker ??= this.#create('eng');
    return this.#worker;
  }

  #create(lang: 'eng' | 'osd'): Promise<Tesseract.Worker> {
    const worker = import('tesseract.js').then(({ default: tesseract }) =>
      lang === 'eng'
        ? tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, { langPath: this.#langPath, ...OFFLINE })
        : tesseract.createWorker('osd', tesseract.OEM.TESSERACT_ONLY, {
            langPath: this.#osdLangPath,
            legacyCore: true,
            legacyLang: true,
            ...OFFLINE,
          }),
    );
    worker.catch(() => {
      if (lang === 'eng' && this.#worker === worker) this.#worker = undefined;
      if (lang === 'osd' && this.#osd === worker) this.#osd = undefined;
    });
    return worker;
  }
}

const MODEL = '4.0.0_best_int';
/** Read from node_modules, never fetched, never cached to disk. */
const OFFLINE = { gzip: true, cacheMethod: 'none', logger: () => {}, errorHandler: () => {} } as const;

function dataPath(lang: 'eng' | 'osd'): string {
  const pkg = createRequire(import.meta.url).resolve(`@tesseract.js-data/${lang}/package.json`);
  return join(dirname(pkg), MODEL);
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
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
