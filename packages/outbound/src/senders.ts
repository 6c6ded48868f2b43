/**
 * The cloud senders alone (`@housing-inbox/outbound/senders`), for the Lambda
 * functions: unlike the package's index, nothing here imports the letter
 * renderer statically, so a bundle can leave it in a file of its own that the
 * letter printer loads on the first letter (infra/src/bundling.ts).
 */
export {
  outgoingLetterKey,
  type PutLetterObject,
  S3LetterPrinter,
  type S3LetterPrinterOptions,
} from './s3-letter-printer.js';
export { s3PutObject } from './s3-put-object.js';
export { SesMailer, type SesMailerOptions, sesMessageIdDomains } from './ses-mailer.js';
export { SnsSmsSender, type SnsSmsSenderOptions } from './sns-sms-sender.js';
