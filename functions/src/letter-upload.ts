/**
 * Letter scans. The post room uploads a scan (PDF, PNG, JPEG) to the payload
 * bucket under `letters/inbox/`; the bucket's ObjectCreated notification
 * invokes this function, which reads the scan and ingests it as a letter, with
 * Amazon Textract reading images. A scan that cannot be read is quarantined
 * with its reason; S3, Textract throttling and DynamoDB failures throw, so
 * Lambda retries and the DLQ keeps the event.
 */
import { basename } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parseLetter } from '@housing-inbox/channels';
import { acceptDelivery, type InboundMessage, UnparseableInput } from '@housing-inbox/core';
import middy from '@middy/core';
import * as z from 'zod';
import { parsed } from './lib/events.js';
import { type LetterRuntime, letterRuntimeFromEnvironment } from './lib/ingest-runtime.js';
import { createLogger, ingestLog, logOutcome } from './lib/logging.js';
import { s3RecordSchema } from './lib/s3-events.js';

/** Where uploads land; the bucket notification filters on it too. */
export const LETTERS_PREFIX = 'letters/inbox/';

// Uploads over IPv6 are real too: the record takes any source address.
const letterUploadEventSchema = z.looseObject({ Records: z.array(s3RecordSchema).min(1) });

export interface HandlerOptions {
  runtime?: () => LetterRuntime;
  logger?: Logger;
}

export function createLetterUploadHandler({
  logger = createLogger(),
  runtime = letterRuntimeFromEnvironment({ log: ingestLog(logger) }),
}: HandlerOptions = {}) {
  return middy<z.output<typeof letterUploadEventSchema>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parsed(letterUploadEventSchema))
    .handler(async (event): Promise<void> => {
      const rt = runtime();
      for (const record of event.Records) {
        // Keys arrive URL-encoded, spaces as '+'.
        const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
        if (record.s3.bucket.name !== rt.bucketName) {
          throw new Error(`letter notification from bucket ${record.s3.bucket.name}, expected ${rt.bucketName}`);
        }
        if (!key.startsWith(LETTERS_PREFIX) || key.endsWith('/')) {
          logger.info('letter-upload-ignored', { reason: 'not a file under the letters inbox' });
          continue;
        }
        await ingestLetter(rt, logger, key, record.eventTime);
      }
    });
}

async function ingestLetter(runtime: LetterRuntime, logger: Logger, key: string, receivedAt: string): Promise<void> {
  // A failed read is retried, then the DLQ keeps the event. The error names its kind only: S3's
  // messages quote the object key, and a scan's file name can carry a resident's name.
  const stored = await runtime.blobs.get(key).catch((err: unknown) => {
    throw new Error(`reading the uploaded letter failed: ${(err as Error)?.name ?? 'error'}`);
  });
  // Gone since the upload (on AWS S3 answers 403 without s3:ListBucket, and the read throws instead).
  if (!stored) throw new Error('the uploaded letter is no longer in the bucket');
  const filename = basename(key);
  const parse = await parseUpFront(() =>
    parseLetter(stored.body, { filename, contentType: stored.contentType, receivedAt, ocr: runtime.letterReader() }),
  );
  const outcome = await acceptDelivery(runtime.services.ingest, {
    channel: 'letter',
    raw: stored.body,
    contentType: stored.contentType,
    parse,
  });
  logOutcome(logger, outcome, { channel: 'letter' });
}

/**
 * Reads the letter before ingest is asked to keep it. acceptDelivery
 * quarantines whatever its parser throws, which would quarantine a letter
 * because Textract was throttled for a moment; read first, and only a letter
 * that cannot be read (UnparseableInput) goes to quarantine, while anything
 * else is thrown for Lambda to retry. The scan itself stays under
 * letters/inbox/ either way, so nothing is lost.
 */
async function parseUpFront(read: () => Promise<InboundMessage>): Promise<() => InboundMessage> {
  try {
    const message = await read();
    return () => message;
  } catch (err) {
    if (err instanceof UnparseableInput) {
      return () => {
        throw err;
      };
    }
    throw err;
  }
}

export const handler = createLetterUploadHandler();
