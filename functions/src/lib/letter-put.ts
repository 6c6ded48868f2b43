/**
 * How the timers' act step puts a letter's PDF in the payload bucket: with an
 * S3 client loaded with the first letter (letter-s3.ts), since most of its
 * invocations post none and S3 (client, XML protocol, checksums: ~80 KB
 * minified) would otherwise be compiled at every start. Bundled, letter-s3.ts
 * is a file of its own beside the function, `letter-s3.js`
 * (infra/src/bundling.ts LAZY_CHUNKS); unbundled (tests, the local stack) the
 * import is the module itself.
 */
import type { PutLetterObject } from '@housing-inbox/outbound/senders';

/** S3 PutObject of a letter (S3LetterPrinter's `putObject`), loading the S3 client on the first call. */
export const putLetterLater: PutLetterObject = async (input) => {
  const { putLetterObject } = await import('./letter-s3.js');
  return putLetterObject(input);
};
