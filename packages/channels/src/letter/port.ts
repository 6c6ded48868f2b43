/**
 * Reads the text of one scanned page. Locally tesseract.js does it in-process;
 * in the cloud Amazon Textract does. parseLetter only knows this port.
 */
export interface LetterTextReader {
  /** Recorded on the message as `scan.method`. */
  readonly method: 'ocr' | 'textract';
  /** `image` is a PNG or JPEG page; `confidence` is 0–100 where the engine reports one. */
  read(image: Uint8Array, contentType: 'image/png' | 'image/jpeg'): Promise<LetterText>;
}

export interface LetterText {
  text: string;
  confidence?: number;
}
