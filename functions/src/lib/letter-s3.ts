/**
 * The act step's S3 client, built on its first letter (letter-put.ts) with
 * one attempt, like every sender's (outbound.ts: the notice sender's retries
 * are the only ones). Built into `letter-s3.js` beside the timer-act bundle
 * (infra/src/bundling.ts LAZY_CHUNKS), as CommonJS with its own copy of the
 * SDK: it hands back S3's answer as data and throws S3's error, which the
 * letter printer describes by its name and message, not its class.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { type PutLetterObject, s3PutObject } from '@housing-inbox/outbound/senders';

let put: PutLetterObject | undefined;

/** S3 PutObject of a letter with this chunk's one-attempt client. */
export const putLetterObject: PutLetterObject = (input) => {
  put ??= s3PutObject(new S3Client({ maxAttempts: 1 }));
  return put(input);
};
