import {
  BadDocumentException,
  type Block,
  DetectDocumentTextCommand,
  DocumentTooLargeException,
  InvalidParameterException,
  TextractClient,
  type TextractClientConfig,
  UnsupportedDocumentException,
} from '@aws-sdk/client-textract';
import { UnparseableInput } from '@housing-inbox/core';
import type { LetterText, LetterTextReader } from './port.js';

export interface TextractReaderOptions {
  /** A client built by the caller (tests pass a mocked one); otherwise one is built from `clientConfig`. */
  awsSdkV3Client?: TextractClient;
  clientConfig?: TextractClientConfig;
}

/** OCR by Amazon Textract's synchronous DetectDocumentText, for the cloud. */
export class TextractLetterReader implements LetterTextReader {
  readonly method = 'textract' as const;
  readonly engine = 'Amazon Textract DetectDocumentText';
  readonly #client: TextractClient;

  constructor(options: TextractReaderOptions = {}) {
    this.#client = options.awsSdkV3Client ?? new TextractClient(options.clientConfig ?? {});
  }

  async read(image: Uint8Array): Promise<LetterText> {
    let blocks: Block[];
    try {
      const result = await this.#client.send(new DetectDocumentTextCommand({ Document: { Bytes: image } }));
      blocks = result.Blocks ?? [];
    } catch (err) {
      // These will fail the same way every time: quarantine, don't retry.
      if (
        err instanceof BadDocumentException ||
        err instanceof UnsupportedDocumentException ||
        err instanceof DocumentTooLargeException ||
        err instanceof InvalidParameterException
      ) {
        throw new UnparseableInput(`Textract cannot read the scan: ${err.name}: ${err.message}`, 'letter');
      }
      throw err;
    }
    const lines = blocks.filter((b) => b.BlockType === 'LINE' && b.Text);
    const confidences = lines.map((b) => b.Confidence).filter((c): c is number => typeof c === 'number');
    return {
      text: lines.map((b) => b.Text).join('\n'),
      confidence: confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : undefined,
    };
  }
}
