/**
 * What makes two deliveries the same message, and keys that stay inside
 * DynamoDB's limits whatever the sender wrote.
 *
 * A delivery is the same as an earlier one when the transport says so (SES's
 * message id, SMS `inboundMessageId`) or when the parser's `dedupeKey` says so
 * (email: Message-ID plus a digest of what does not change in transit, so a
 * sender reusing one Message-ID for a different email is a new message, and a
 * resend with one more `Received:` header is not).
 */
import { createHash } from 'node:crypto';
import type { InboundMessage } from '../inbound.js';
import type { DeliveryIdentity } from './types.js';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Longest piece of sender input kept as it is in a key, in UTF-8 bytes. DynamoDB
 * refuses partition keys over 2,048 bytes; 200 leaves room for every prefix.
 */
export const KEY_PART_MAX_BYTES = 200;

/** `value`, or `sha256:<hex>` of it when it is too long to be part of a key. */
export function boundedKeyPart(value: string): string {
  return Buffer.byteLength(value, 'utf8') > KEY_PART_MAX_BYTES ? `sha256:${sha256(value)}` : value;
}

/** The keys a delivery's markers are kept under: its dedupe key and, when there is one, the transport's id. */
export function deliveryIdentity(message: InboundMessage, transportId?: string): DeliveryIdentity {
  const dedupeKey = `${message.channel}:${boundedKeyPart(message.dedupeKey)}`;
  const transport = transportId ?? (message.channel === 'sms' ? message.transportId : undefined);
  const alias = transport ? `${message.channel}:transport:${boundedKeyPart(transport)}` : undefined;
  return { dedupeKey, aliases: alias && alias !== dedupeKey ? [alias] : [] };
}
