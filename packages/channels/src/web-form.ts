import { type InboundMessage, once, REPLY_CHANNELS, UnparseableInput } from '@housing-inbox/core';
import * as z from 'zod';
import { receivedInstant, sha256Key, validated } from './validate.js';

/**
 * A hidden field people never see and bots fill in. Named like a real field so
 * form-filling bots take the bait; the resident form renders it off-screen with
 * `autocomplete="off"` and `tabindex="-1"`.
 */
export const WEB_FORM_HONEYPOT_FIELD = 'website';

export const WEB_FORM_LIMITS = {
  name: 200,
  email: 254,
  phone: 30,
  address: 500,
  tenancyRef: 50,
  category: 100,
  message: 10_000,
  communicationNeeds: 1_000,
} as const;

/** A web form that cannot be accepted, with what to tell the resident next to each field. */
export class WebFormError extends UnparseableInput {
  override name = 'WebFormError';
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string>,
    /** True when the honeypot was filled in: a bot, not a resident. */
    readonly spam = false,
  ) {
    super(message, 'web-form');
  }
}

export interface WebFormCategory {
  id: string;
  label: string;
}

export interface ParseWebFormOptions {
  receivedAt: string;
  /** The id the HTTP layer gave this post (e.g. an idempotency key); otherwise a content hash is used. */
  submissionId?: string;
  /** The landlord policy's categories; when given, `category` must be one of their ids. */
  categories?: readonly WebFormCategory[];
}

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} is too long: please keep it under ${max.toLocaleString('en-GB')} characters`)
    .transform((v) => v || undefined)
    .optional();

const PHONE_CHARS = /^[+()\d\s.-]+$/;

export const webFormFieldsSchema = once(() =>
  z.object({
    name: text('Your name', WEB_FORM_LIMITS.name),
    email: text('Email address', WEB_FORM_LIMITS.email).refine(
      (v) => v === undefined || z.email().safeParse(v).success,
      "That email address doesn't look right: please check it (for example name@example.com)",
    ),
    phone: text('Phone number', WEB_FORM_LIMITS.phone).refine((v) => {
      if (v === undefined) return true;
      const digits = v.replace(/\D/g, '').length;
      return PHONE_CHARS.test(v) && digits >= 10 && digits <= 15;
    }, "That phone number doesn't look right: please give the full number, for example 07700 900123"),
    address: text('Address', WEB_FORM_LIMITS.address),
    tenancyRef: text('Tenancy reference', WEB_FORM_LIMITS.tenancyRef),
    category: text('Category', WEB_FORM_LIMITS.category),
    message: text('Your message', WEB_FORM_LIMITS.message),
    preferredChannel: text('How you would like us to reply', 20).refine(
      (v) => v === undefined || (REPLY_CHANNELS as readonly string[]).includes(v),
      'Please choose how you would like us to reply: email, text message, letter or phone',
    ),
    communicationNeeds: text('Communication needs', WEB_FORM_LIMITS.communicationNeeds),
  }),
);

type WebFormFields = Partial<Record<keyof ReturnType<typeof webFormFieldsSchema>['shape'], string>>;

/**
 * The resident contact form (CONTRACTS.md: `POST /contact`), form-encoded or
 * JSON, already decoded into an object. Every problem is reported at once,
 * against its field, in words a resident understands.
 */
export function parseWebForm(input: unknown, opts: ParseWebFormOptions): InboundMessage {
  const receivedAt = receivedInstant('web-form', opts.receivedAt);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new WebFormError('the form was empty or not a set of fields', {
      form: 'We did not receive your form. Please try again.',
    });
  }
  const raw = input as Record<string, unknown>;
  const trap = raw[WEB_FORM_HONEYPOT_FIELD];
  if (typeof trap === 'string' ? trap.trim() !== '' : trap !== undefined && trap !== null) {
    throw new WebFormError(`rejected as spam: the hidden "${WEB_FORM_HONEYPOT_FIELD}" field was filled in`, {}, true);
  }

  const fieldErrors: Record<string, string> = {};
  const fields: WebFormFields = {};
  for (const [key, schema] of Object.entries(webFormFieldsSchema().shape) as [
    keyof WebFormFields,
    z.ZodType<string | undefined>,
  ][]) {
    const value = raw[key] ?? undefined;
    if (Array.isArray(value)) {
      fieldErrors[key] = 'Please give only one answer here';
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) fields[key] = result.data;
    else fieldErrors[key] = result.error.issues[0]?.message ?? 'Please check this answer';
  }
  crossCheck(fields, fieldErrors, opts.categories);
  if (Object.keys(fieldErrors).length > 0) {
    throw new WebFormError(
      `the form has problems: ${Object.entries(fieldErrors)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
      fieldErrors,
    );
  }

  const message = fields.message ?? '';
  const category = opts.categories?.find((c) => c.id === fields.category);
  const minute = receivedAt.slice(0, 16);
  const dedupeKey =
    opts.submissionId?.trim() ||
    sha256Key(
      JSON.stringify([
        minute,
        fields.name,
        fields.email?.toLowerCase(),
        fields.phone?.replace(/\D/g, ''),
        fields.category,
        message.replace(/\s+/g, ' '),
      ]),
    );

  return validated('web-form', {
    channel: 'web-form',
    dedupeKey,
    receivedAt,
    from: { name: fields.name, email: fields.email, phone: fields.phone, address: fields.address },
    subject: category ? `Web form: ${category.label}` : fields.category ? `Web form: ${fields.category}` : 'Web form',
    text: message.replace(/\r\n?/g, '\n'),
    form: {
      tenancyRef: fields.tenancyRef,
      category: fields.category,
      preferredChannel: fields.preferredChannel as (typeof REPLY_CHANNELS)[number] | undefined,
      communicationNeeds: fields.communicationNeeds,
    },
  });
}

function crossCheck(
  fields: WebFormFields,
  errors: Record<string, string>,
  categories: readonly WebFormCategory[] | undefined,
): void {
  if (!fields.name) errors.name ??= 'Please tell us your name';
  if (!fields.message) errors.message ??= 'Please tell us what you are contacting us about';
  if (!fields.email && !fields.phone) {
    errors.email ??= 'Please give an email address or a phone number so we can reply to you';
  }
  if (fields.category && categories && !categories.some((c) => c.id === fields.category)) {
    errors.category ??= `Please choose one of the listed categories (${categories.map((c) => c.label).join(', ')})`;
  }
  const wants = fields.preferredChannel;
  if (wants === 'email' && !fields.email)
    errors.email ??= 'You asked us to reply by email: please give your email address';
  if ((wants === 'sms' || wants === 'phone') && !fields.phone) {
    errors.phone ??= `You asked us to ${wants === 'sms' ? 'text' : 'phone'} you: please give your phone number`;
  }
  if (wants === 'letter' && !fields.address)
    errors.address ??= 'You asked us to reply by letter: please give your address';
}
