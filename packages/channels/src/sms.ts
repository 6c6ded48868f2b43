import { type InboundMessage, once, UnparseableInput } from '@housing-inbox/core';
import * as z from 'zod';
import { smsKeyword } from './sms-keywords.js';
import { receivedInstant, validated } from './validate.js';

/**
 * What AWS End User Messaging SMS publishes to the two-way SNS topic when a
 * resident texts our number. Unknown fields are tolerated: AWS adds fields over time.
 */
export const twoWaySmsSchema = once(() =>
  z.object({
    originationNumber: z.string().trim().min(1, 'originationNumber (the sender) is missing'),
    destinationNumber: z.string().trim().min(1, 'destinationNumber (our number) is missing'),
    messageKeyword: z.string().optional(),
    messageBody: z.string(),
    inboundMessageId: z.string().trim().min(1, 'inboundMessageId is missing'),
    previousPublishedMessageId: z.string().optional(),
  }),
);
export type TwoWaySms = z.infer<ReturnType<typeof twoWaySmsSchema>>;

const snsNotification = once(() => z.object({ Type: z.string().optional(), Message: z.string() }));
const snsLambdaEvent = once(() => z.object({ Records: z.array(z.object({ Sns: snsNotification() })) }));

export interface ParseSmsOptions {
  receivedAt: string;
}

/**
 * A text message, from any of the shapes it reaches us in: the two-way SMS
 * JSON itself (local stack, `POST /local/sms`), an SNS notification carrying it
 * in `Message` (an HTTP/SQS subscription), or a Lambda SNS event
 * (`Records[0].Sns.Message`). Lambda hands SNS records over one at a time;
 * `parseSmsEvent` takes an event with several.
 */
export function parseSms(payload: unknown, opts: ParseSmsOptions): InboundMessage {
  const bodies = unwrap(payload);
  if (bodies.length !== 1) {
    throw new UnparseableInput(`expected one SNS record, got ${bodies.length}: use parseSmsEvent`, 'sms');
  }
  return toMessage(bodies[0], opts);
}

/** Every text in a Lambda SNS event (or a single payload, as a list of one). */
export function parseSmsEvent(payload: unknown, opts: ParseSmsOptions): InboundMessage[] {
  return unwrap(payload).map((body) => toMessage(body, opts));
}

function unwrap(payload: unknown): unknown[] {
  const value = typeof payload === 'string' || payload instanceof Uint8Array ? parseJson(payload) : payload;
  const event = snsLambdaEvent().safeParse(value);
  if (event.success) return event.data.Records.map((r) => parseJson(r.Sns.Message));
  const notification = snsNotification().safeParse(value);
  if (notification.success && !isObject(value, 'originationNumber')) return [parseJson(notification.data.Message)];
  return [value];
}

function toMessage(body: unknown, opts: ParseSmsOptions): InboundMessage {
  const receivedAt = receivedInstant('sms', opts.receivedAt);
  const parsed = twoWaySmsSchema().safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    throw new UnparseableInput(`not a two-way SMS message (${problems})`, 'sms');
  }
  const sms = parsed.data;
  return validated('sms', {
    channel: 'sms',
    // Hashed by `validated` when longer than a key may be.
    dedupeKey: sms.inboundMessageId,
    transportId: sms.inboundMessageId,
    receivedAt,
    from: { phone: sms.originationNumber },
    to: [sms.destinationNumber],
    text: sms.messageBody.trim(),
    // Decided from what the resident typed, not AWS's messageKeyword, which names only keywords registered for our number.
    smsKeyword: smsKeyword(sms.messageBody),
    threading: {
      messageId: sms.inboundMessageId,
      // The id of our text the resident is answering, when AWS could tell.
      inReplyTo: sms.previousPublishedMessageId ? [sms.previousPublishedMessageId] : [],
      references: [],
    },
  });
}

function parseJson(input: string | Uint8Array): unknown {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  try {
    return JSON.parse(text);
  } catch {
    // The payload itself stays out of the reason: reasons are logged, and texts carry personal data.
    throw new UnparseableInput(`SMS payload is not JSON (${text.length} characters)`, 'sms');
  }
}

function isObject(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && key in value;
}
