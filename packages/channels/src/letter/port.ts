/**
 * Reads the text of one scanned page. Locally tesseract.js does it in-process;
 * in the cloud Amazon Textract does. parseLetter only knows this port.
 */
export interface LetterTextReader {
  /** Recorded on the message as `scan.method`. */
  readonly method: 'ocr' | 'textract';
  /** The engine and model, recorded on the message as `scan.engine` (e.g. "tesseract.js 7.0.0, eng 4.0.0_best_int"). */
  readonly engine?: string;
  /** `image` is a PNG or JPEG page; `confidence` is 0–100 where the engine reports one. */
  read(image: Uint8Array, contentType: 'image/png' | 'image/jpeg'): Promise<LetterText>;
  /**
   * Where the engine can tell: the quarter turn (clockwise) that puts the page
   * upright. Asked only when a reading came out poor; engines that find the
   * orientation themselves (Textract) leave it out.
   */
  orientation?(image: Uint8Array): Promise<PageOrientation | undefined>;
}

export interface LetterText {
  text: string;
  confidence?: number;
}

export interface PageOrientation {
  turn: 0 | 90 | 180 | 270;
  /** The engine's own measure; tesseract's OSD says above 2 is fairly sure. */
  confidence: number;
}
