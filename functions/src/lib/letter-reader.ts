/**
 * Reads scanned letters with Textract; built on first use, only the letter
 * function calls it (the full runtime carries it too, for tests that drive
 * every handler from one runtime).
 */
import { TextractClient } from '@aws-sdk/client-textract';
import { type LetterTextReader, TextractLetterReader } from '@housing-inbox/channels';

export function lazyLetterReader(textract?: TextractClient): () => LetterTextReader {
  let reader: LetterTextReader | undefined;
  return () => {
    reader ??= new TextractLetterReader({ awsSdkV3Client: textract ?? new TextractClient({}) });
    return reader;
  };
}
