import { type InboundMessage, once, REPLY_CHANNELS, UnparseableInput } from '@housing-inbox/core';
import * as z from 'zod';
import { receivedInstant, sha256Key, validated } from './validate.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional();

export const loggedContactSchema = once(() =>
  z.object({
    kind: z.enum(['phone-message', 'voicemail', 'visit']),
    /** The officer who took the message or saw the visitor. */
    loggedBy: z.string().trim().min(1, 'say which officer logged it'),
    /** When the contact was logged (received by the system). */
    receivedAt: z.string(),
    /**
     * When the resident called, left the voicemail or visited, as the officer or
     * the phone system gives it: the clock starts then, not when it was typed up.
     */
    calledAt: z.string().optional(),
    from: z.object({
      name: optionalText(200),
      email: optionalText(254),
      phone: optionalText(30),
      address: optionalText(500),
    }),
    summary: z.string().trim().min(1, 'write down what the resident said').max(10_000),
    subject: optionalText(200),
    tenancyRef: optionalText(50),
    preferredChannel: z.enum(REPLY_CHANNELS).optional(),
    communicationNeeds: optionalText(1_000),
    /** An id from the officer console, so a double-click does not log it twice. */
    logId: optionalText(200),
  }),
);
export type LoggedContactInput = z.input<ReturnType<typeof loggedContactSchema>>;

/**
 * A phone message, voicemail or visit that an officer writes down: every
 * contact with a resident is recorded, whichever way it came. Phone messages
 * and voicemails arrive on the phone channel, visits in person.
 */
export function logContact(input: LoggedContactInput): InboundMessage {
  const parsed = loggedContactSchema().safeParse(input);
  const channel = input?.kind === 'visit' ? 'in-person' : 'phone';
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    throw new UnparseableInput(`the logged contact is incomplete (${problems})`, channel);
  }
  const c = parsed.data;
  const receivedAt = receivedInstant(channel, c.receivedAt);
  const calledAt = c.calledAt ? receivedInstant(channel, c.calledAt) : undefined;
  if (!c.from.phone && !c.from.email && !c.from.address) {
    throw new UnparseableInput(
      'the logged contact has no way to reply: record a phone number, email address or postal address',
      channel,
    );
  }
  const hasExtras = c.tenancyRef || c.preferredChannel || c.communicationNeeds;
  return validated(channel, {
    channel,
    dedupeKey: c.logId ?? sha256Key(JSON.stringify([c.kind, c.loggedBy, receivedAt, c.from, c.summary])),
    receivedAt,
    from: c.from,
    subject: c.subject ?? SUBJECTS[c.kind],
    text: c.summary,
    logged: { kind: c.kind, loggedBy: c.loggedBy, ...(calledAt ? { calledAt } : {}) },
    form: hasExtras
      ? { tenancyRef: c.tenancyRef, preferredChannel: c.preferredChannel, communicationNeeds: c.communicationNeeds }
      : undefined,
  });
}

const SUBJECTS = {
  'phone-message': 'Phone message',
  voicemail: 'Voicemail',
  visit: 'Visit to the office',
} as const;
