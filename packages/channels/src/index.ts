export { type Language, outOfOfficeBody, outOfOfficeSubject } from './email/auto-reply-phrases.js';
export { type Automated, type AutomatedEvidence, detectAutomated } from './email/automated.js';
export { decodeEncodedWords, normaliseEncodedWordRuns } from './email/encoded-words.js';
export { contentDigest, type DigestParts } from './email/identity.js';
export { type ParseEmailOptions, parseEmail } from './email/parse-email.js';
export { type QuotedReply, type SplitOptions, splitQuotedReply } from './email/quoted.js';
export { type MailVerdicts, mailVerdictHold, verdictsFromHeaders } from './email/verdicts.js';
export { type ScanType, sniffScanType } from './letter/file-type.js';
export { NEEDS_READING_BELOW, type ParseLetterOptions, parseLetter } from './letter/parse-letter.js';
export type { LetterText, LetterTextReader, PageOrientation } from './letter/port.js';
export {
  estimateSkew,
  flatten,
  MAX_SKEW_DEGREES,
  otsu,
  type PreparedScan,
  type PrepareOptions,
  prepareScan,
} from './letter/prepare.js';
export { type SenderDetails, spotSenderDetails } from './letter/sender-details.js';
export { TesseractLetterReader, type TesseractReaderOptions } from './letter/tesseract-reader.js';
export { TextractLetterReader, type TextractReaderOptions } from './letter/textract-reader.js';
export { type LoggedContactInput, logContact, loggedContactSchema } from './logged-contact.js';
export { isNoReplyAddress, type Resident, residentAddress, residentSender } from './resident.js';
export { DISPLAY_NAME_MAX, displayName, FILENAME_MAX, safeFilename, withoutControls } from './safe-text.js';
export { type ParseSmsOptions, parseSms, parseSmsEvent, type TwoWaySms, twoWaySmsSchema } from './sms.js';
export { OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, type SmsKeyword, smsKeyword } from './sms-keywords.js';
export { DEDUPE_KEY_MAX, sha256Hex } from './validate.js';
export {
  type ParseWebFormOptions,
  parseWebForm,
  WEB_FORM_HONEYPOT_FIELD,
  WEB_FORM_LIMITS,
  type WebFormCategory,
  WebFormError,
  webFormFieldsSchema,
} from './web-form.js';
