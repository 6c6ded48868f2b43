/**
 * One shape for every contact, whatever channel it came by. Parsers in
 * `packages/channels` produce it; the ingest use case consumes it.
 */
import * as z from 'zod';
import { CHANNELS, REPLY_CHANNELS } from './model.js';
import { once } from './once.js';

export const attachmentSchema = once(() =>
  z.strictObject({
    filename: z.string().min(1),
    contentType: z.string().min(1),
    size: z.number().int().nonnegative(),
    /** For inline images referenced from HTML as cid:… */
    contentId: z.string().optional(),
    inline: z.boolean(),
    /** The bytes, until ingest stores them and records `blobKey` instead. */
    content: z.instanceof(Uint8Array).optional(),
    blobKey: z.string().optional(),
    /** sha-256 of the bytes, lower-case hex: build storage keys from this, never from `filename`. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
);
export type Attachment = z.infer<ReturnType<typeof attachmentSchema>>;

/** Why a letter needs a person to read it, in words the officer reads in the queue. */
export const letterNeedsReadingSchema = once(() => z.strictObject({ reasons: z.array(z.string().min(1)).min(1) }));
export type LetterNeedsReading = z.infer<ReturnType<typeof letterNeedsReadingSchema>>;

export const AUTOMATED_CATEGORIES = [
  'delivery-failure',
  'out-of-office',
  'auto-reply',
  'ticket-acknowledgement',
  'mailing-list',
  'bulk',
] as const;
export type AutomatedCategory = (typeof AUTOMATED_CATEGORIES)[number];

export const inboundMessageSchema = once(() =>
  z.strictObject({
    channel: z.enum(CHANNELS),
    /**
     * What makes this delivery the same as an earlier one: the provider's message
     * id (SES, SMS inboundMessageId), the email Message-ID, or a content hash
     * (letter scans, form posts). Ingest drops a second message with the same key.
     */
    dedupeKey: z.string().min(1),
    /**
     * The transport's own id for this delivery, as given (SES message id, SMS
     * inboundMessageId, SMTP session id). Not bounded: hash it before using it in a key.
     */
    transportId: z.string().min(1).optional(),
    /**
     * Email: sha-256 (hex) of what does not change in transit — From, Date,
     * Subject, text and HTML bodies, and the attachments' hashes; not trace
     * headers (Received, Return-Path, X-…) and not the Message-ID.
     */
    contentDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** ISO-8601 instant the landlord received it. */
    receivedAt: z.iso.datetime({ offset: true }),
    from: z.strictObject({
      name: z.string().optional(),
      email: z.string().optional(),
      /** As received; ingest normalises to E.164. */
      phone: z.string().optional(),
      address: z.string().optional(),
    }),
    /** Email: the first Reply-To mailbox, when there is one (web-form relays and no-reply senders put the resident here). */
    replyTo: z.strictObject({ name: z.string().optional(), email: z.string().min(1) }).optional(),
    to: z.array(z.string()).default([]),
    subject: z.string().optional(),
    /** Plain text: what officers read and what classification looks at. */
    text: z.string(),
    /** HTML exactly as received, kept for the record. */
    html: z.string().optional(),
    /** HTML made safe to show in the console (no script, handlers or javascript: links). */
    safeHtml: z.string().optional(),
    attachments: z.array(attachmentSchema()).default([]),
    threading: z
      .strictObject({
        messageId: z.string().optional(),
        inReplyTo: z.array(z.string()).default([]),
        references: z.array(z.string()).default([]),
      })
      .default({ inReplyTo: [], references: [] }),
    /** Auto-replies and bounces: recorded, never opened as new cases. */
    automated: z
      .strictObject({
        kind: z.enum(['auto-reply', 'bounce']),
        reason: z.string(),
        /** What sort of automatic mail: finer than `kind`, for operators' listings and loop limits. */
        category: z.enum(AUTOMATED_CATEGORIES).optional(),
      })
      .optional(),
    /** SMS: the text was only an opt-out (STOP…) or opt-in (START, UNSTOP) keyword. */
    smsKeyword: z.enum(['opt-out', 'opt-in']).optional(),
    /** Web form extras. */
    form: z
      .strictObject({
        tenancyRef: z.string().optional(),
        category: z.string().optional(),
        preferredChannel: z.enum(REPLY_CHANNELS).optional(),
        communicationNeeds: z.string().optional(),
      })
      .optional(),
    /** A phone message, voicemail or visit recorded by an officer. */
    logged: z
      .strictObject({
        kind: z.enum(['phone-message', 'voicemail', 'visit']),
        loggedBy: z.string().min(1),
        /** When the call came in, as the officer or the phone system gives it: a voicemail's clock starts then. */
        calledAt: z.iso.datetime({ offset: true }).optional(),
      })
      .optional(),
    /** Letter scans: how the text was obtained, how sure the engine was, and whether a person must read it. */
    scan: z
      .strictObject({
        method: z.enum(['pdf-text', 'ocr', 'textract']),
        /** 0–100 where the OCR engine reports it (the mean over the pages read). */
        confidence: z.number().min(0).max(100).optional(),
        /** The local date the letter arrived in the post (YYYY-MM-DD), entered when it was scanned. */
        arrivedOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
          .optional(),
        /** The engine and model, e.g. "tesseract.js 7.0.0, eng 4.0.0_best_int". */
        engine: z.string().optional(),
        /** What was done to the image before OCR ("deskewed by 7°", "thresholded at 180", …). */
        preparation: z.array(z.string()).optional(),
        /**
         * Present when an officer must read the scan: the text is doubtful or
         * there is no way to reply. Ingest copies it to the case (`Case.needsReading`),
         * which puts the case in the "letters to read" queue and holds its
         * acknowledgement until an officer has read it (`letter-read`).
         */
        needsReading: letterNeedsReadingSchema().optional(),
      })
      .optional(),
  }),
);
export type InboundMessage = z.infer<ReturnType<typeof inboundMessageSchema>>;
export type InboundMessageInput = z.input<ReturnType<typeof inboundMessageSchema>>;

/** A payload that cannot become an InboundMessage: kept with its reason, never dropped. */
export class UnparseableInput extends Error {
  override name = 'UnparseableInput';
  constructor(
    message: string,
    readonly channel: (typeof CHANNELS)[number],
  ) {
    super(message);
  }
}

/**
 * The mail provider's verdicts that keep a message out of ingest (SES receipt verdicts):
 * `spam`, `dmarc` (the From domain did not authorise it: a possible spoof), `virus`, and
 * `unauthenticated` (SPF and DKIM both failed). An operator may release all but `virus`.
 */
export const QUARANTINE_VERDICTS = ['spam', 'dmarc', 'virus', 'unauthenticated'] as const;
export type QuarantineVerdict = (typeof QUARANTINE_VERDICTS)[number];

/** A message its transport's verdict refused: quarantined with the verdict, so a release knows what it overrides. */
export class HeldByVerdict extends UnparseableInput {
  override name = 'HeldByVerdict';
  constructor(
    message: string,
    channel: (typeof CHANNELS)[number],
    readonly verdict: QuarantineVerdict,
  ) {
    super(message, channel);
  }
}
