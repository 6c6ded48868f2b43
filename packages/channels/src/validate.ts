import { createHash } from 'node:crypto';
import {
  type Channel,
  type InboundMessage,
  type InboundMessageInput,
  inboundMessageSchema,
  UnparseableInput,
} from '@housing-inbox/core';
import * as z from 'zod';
import { displayName, safeFilename, withoutControls } from './safe-text.js';

/** Longer dedupe keys are hashed: DynamoDB refuses a key over 2,048 bytes, and a sender chooses these. */
export const DEDUPE_KEY_MAX = 200;

/** The one gate every parser passes its result through: what leaves this package is a valid InboundMessage. */
export function validated(channel: Channel, candidate: InboundMessageInput): InboundMessage {
  const result = inboundMessageSchema().safeParse(madeSafe(candidate));
  if (!result.success) {
    throw new UnparseableInput(`${channel} message is not valid: ${z.prettifyError(result.error)}`, channel);
  }
  return result.data;
}

/**
 * What every channel does to sender-chosen text before it leaves this package:
 * names capped and stripped of control characters, subjects stripped of them,
 * filenames reduced to a safe last segment, dedupe keys bounded.
 */
function madeSafe(candidate: InboundMessageInput): InboundMessageInput {
  const subject = candidate.subject === undefined ? undefined : withoutControls(candidate.subject) || undefined;
  const dedupeKey =
    typeof candidate.dedupeKey === 'string' && candidate.dedupeKey.length > DEDUPE_KEY_MAX
      ? sha256Key(candidate.dedupeKey)
      : candidate.dedupeKey;
  return {
    ...candidate,
    dedupeKey,
    from: candidate.from && { ...candidate.from, name: displayName(candidate.from.name) },
    replyTo: candidate.replyTo && { ...candidate.replyTo, name: displayName(candidate.replyTo.name) },
    subject,
    attachments: candidate.attachments?.map((a, i) => ({
      ...a,
      filename: safeFilename(a.filename) ?? `attachment-${i + 1}`,
      sha256: a.sha256 ?? (a.content instanceof Uint8Array ? sha256Hex(a.content) : undefined),
    })),
  };
}

/** Lower-case hex sha-256 of bytes or a string. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `sha256:<hex>`: a content hash used as a dedupe key where the channel gives no id of its own. */
export function sha256Key(bytes: Uint8Array | string): string {
  return `sha256:${sha256Hex(bytes)}`;
}

/** Normalises an ISO-8601 instant (any offset) to UTC `…Z`, or throws naming the channel. */
export function receivedInstant(channel: Channel, receivedAt: string): string {
  const ok = z.iso.datetime({ offset: true }).safeParse(receivedAt);
  const date = new Date(receivedAt);
  if (!ok.success || Number.isNaN(date.getTime())) {
    throw new UnparseableInput(`receivedAt "${receivedAt}" is not an ISO-8601 instant`, channel);
  }
  return date.toISOString();
}

/** Empty or whitespace-only strings become undefined; others are trimmed. */
export function clean(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
