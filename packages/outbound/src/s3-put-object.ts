import { PutObjectCommand, type PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { PutLetterObject } from './s3-letter-printer.js';

/**
 * The letter printer's `putObject` over an S3 client: one PutObject a letter
 * (`input` as S3LetterPrinter.commandInput makes it), the SDK's error thrown
 * as it is when S3 does not store it. A client built with the SDK's defaults
 * when none is given.
 */
export function s3PutObject(client: S3Client = new S3Client({})): PutLetterObject {
  return (input: PutObjectCommandInput) => client.send(new PutObjectCommand(input));
}
