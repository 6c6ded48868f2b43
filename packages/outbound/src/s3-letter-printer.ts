/**
 * Letters for print and post: the rendered PDF is put in S3 under the day's
 * folder, `letters/outgoing/YYYY-MM-DD/<id>.pdf`, where the print-and-post
 * supplier collects it. The object key is both the provider id and the blob key.
 *
 * The printer puts the object through `putObject` (s3-put-object.ts
 * `s3PutObject` over an S3 client), not an S3 client of its own: the timers'
 * act step, which posts few letters, loads its S3 client with the first one
 * (functions/src/lib/letter-put.ts), and so does not carry S3 in its bundle.
 */
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import {
  type Clock,
  type LetterPrinter,
  type OutboundLetter,
  once,
  type SendReceipt,
  systemClock,
} from '@housing-inbox/core';
import { checkLetter, describeError, OutboundSendError } from './checks.js';
import type { LetterLandlord } from './letter-pdf.js';

export interface S3LetterPrinterOptions {
  /**
   * The bucket the supplier collects from. Use the case blobs bucket, so the
   * returned blob key also opens the letter from the case in the console.
   */
  bucketName: string;
  /** Folder for outgoing letters; `letters/outgoing` unless given. */
  prefix?: string;
  landlord: LetterLandlord;
  /** Puts one object (S3 PutObject's input); throws when it is not stored. `s3PutObject(client)` for an S3 client. */
  putObject: PutLetterObject;
  clock?: Clock;
}

/** S3 PutObject, as the letter printer calls it: resolves once the object is stored, throws otherwise. */
export type PutLetterObject = (input: PutObjectCommandInput) => Promise<unknown>;

/** Built on the first letter: a time zone's first formatter costs a start-up tens of milliseconds of CPU. */
const localDate = once(
  () =>
    new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'Europe/London',
    }),
);

/** Where a letter queued at `now` is put: the day is the UK date, as the supplier's runs are. */
export function outgoingLetterKey(prefix: string, id: string, now: Date): string {
  const folder = prefix.replace(/^\/+|\/+$/g, '');
  return `${folder ? `${folder}/` : ''}${localDate().format(now)}/${id}.pdf`;
}

export class S3LetterPrinter implements LetterPrinter {
  readonly #options: S3LetterPrinterOptions;
  readonly #clock: Clock;

  constructor(options: S3LetterPrinterOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  commandInput(letter: OutboundLetter, pdf: Uint8Array, now: Date): PutObjectCommandInput {
    return {
      Bucket: this.#options.bucketName,
      Key: outgoingLetterKey(this.#options.prefix ?? 'letters/outgoing', letter.id, now),
      Body: pdf,
      ContentType: 'application/pdf',
      Metadata: {
        'case-ref': letter.caseRef,
        'letter-id': letter.id,
        purpose: letter.purpose,
        'large-print': String(letter.largePrint),
      },
    };
  }

  async queueLetter(letter: OutboundLetter): Promise<SendReceipt> {
    checkLetter(letter);
    const now = this.#clock.now();
    let pdf: Uint8Array;
    try {
      // Loaded on the first letter: most invocations of a sending function never post one, and
      // pdf-lib with its fonts is the largest part of the bundle to start up.
      const { renderLetterPdf } = await import('./letter-pdf.js');
      pdf = await renderLetterPdf(letter, this.#options.landlord, now);
    } catch (err) {
      throw new OutboundSendError(
        'letter',
        `letter ${letter.id} for case ${letter.caseRef} could not be rendered: ${describeError(err)}`,
        { cause: err },
      );
    }
    const input = this.commandInput(letter, pdf, now);
    try {
      await this.#options.putObject(input);
    } catch (err) {
      throw new OutboundSendError(
        'letter',
        `letter ${letter.id} for case ${letter.caseRef} was not queued in S3 (${input.Bucket}): ${describeError(err)}`,
        { cause: err },
      );
    }
    const key = input.Key as string;
    return { providerMessageId: key, blobKey: key };
  }
}
