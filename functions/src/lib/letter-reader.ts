/**
 * Reads scanned letters with Textract; built on first use, only the letter
 * function calls it (ingest-runtime.ts `letterRuntimeFromEnvironment`): no
 * other bundle carries the Textract client.
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
