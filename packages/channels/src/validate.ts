import { createHash } from 'node:crypto';
import {
  type Channel,
  type InboundMessage,
  type InboundMessageInput,
  inboundMessageSchema,
  UnparseableInput,
} from '@housing-inbox/core';
import { z } from 'zod';

/** The one gate every parser passes its result through: what leaves this package is a valid InboundMessage. */
export function validated(channel: Channel, candidate: InboundMessageInput): InboundMessage {
  const result = inboundMessageSchema.safeParse(candidate);
  if (!result.success) {
    throw new UnparseableInput(`${channel} message is not valid: ${z.prettifyError(result.error)}`, channel);
  }
  return result.data;
}

/** `sha256:<hex>`: a content hash used as a dedupe key where the channel gives no id of its own. */
export function sha256Key(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
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
