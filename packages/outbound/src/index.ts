export {
  checkEmail,
  checkLetter,
  checkSms,
  isE164,
  OutboundSendError,
  SNS_SMS_MAX_CHARS,
  smsLength,
} from './checks.js';
export {
  CASE_HEADER,
  emailHeaders,
  emailSubject,
  escapeHtml,
  formatFromAddress,
  referencesHeader,
  renderEmailHtml,
} from './email-format.js';
export {
  addressLines,
  LARGE_PRINT,
  type LetterLandlord,
  type LetterStyle,
  letterDate,
  renderLetterPdf,
  STANDARD_PRINT,
  wrapLine,
} from './letter-pdf.js';
export { LocalOutbox, type LocalOutboxOptions, type OutboxItem } from './local-outbox.js';
// The cloud senders: S3 letters, SES email, SNS texts.
export * from './senders.js';
