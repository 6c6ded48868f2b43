/**
 * Every delivery, from any channel, starts here: keep the payload, parse it,
 * file it. What cannot be parsed or filed is quarantined with its reason;
 * only transient infrastructure errors are thrown (see failures.ts).
 */

import type { QuarantineEntry } from '../cases.js';
import { HeldByVerdict, type InboundMessage, inboundMessageSchema } from '../inbound.js';
import { isTransient, reasonOf } from './failures.js';
import { sha256 } from './identity.js';
import { storedBlobKeys } from './message.js';
import { ingestMessage } from './place.js';
import type { IngestDeps, IngestOutcome, RawDelivery } from './types.js';

/** Keep the payload, then parse and file it; what will not parse or file is quarantined with its reason. */
export async function acceptDelivery(deps: IngestDeps, delivery: RawDelivery): Promise<IngestOutcome> {
  // Without the payload kept there is nothing to quarantine: a failure here is thrown and retried.
  const rawKey = await keepRaw(deps, delivery);

  let message: InboundMessage;
  try {
    message = inboundMessageSchema.parse(await delivery.parse(delivery.raw));
  } catch (err) {
    // A service that is busy or down (OCR throttled, a timeout) says nothing about the
    // payload: let the delivery be retried rather than quarantine a good letter.
    if (isTransient(err)) throw err;
    const verdict = err instanceof HeldByVerdict ? err.verdict : undefined;
    return quarantine(deps, { ...kept(delivery, rawKey), reason: reasonOf(err), verdict });
  }
  try {
    return await ingestMessage(deps, message, rawKey, { transportId: delivery.transportId });
  } catch (err) {
    if (isTransient(err)) throw err;
    // A key or item the store refuses, contact details another contact holds, a file the
    // disk refuses: the same delivery would fail the same way for ever, so keep it aside.
    deps.log?.('ingest-failed', { channel: delivery.channel, error: (err as Error)?.name ?? 'unknown' });
    // The attachments may be stored already: the entry holds them, so they go when it goes.
    return quarantine(deps, {
      ...kept(delivery, rawKey),
      attachmentKeys: storedBlobKeys(message),
      reason: `could not be filed: ${reasonOf(err)}`,
    });
  }
}

/**
 * The raw payload's key: `raw/<channel>/<sha-256>`, by content alone, so a redelivery of the
 * same bytes on any later day writes the first copy again instead of a second one nothing
 * names. (Payloads kept before this were under `raw/<channel>/<day>/<sha-256>`; records name
 * their own key, so both stay readable.)
 */
export function rawPayloadKey(channel: string, raw: Uint8Array): string {
  return `raw/${channel}/${sha256(raw)}`;
}

async function keepRaw(deps: IngestDeps, delivery: Pick<RawDelivery, 'channel' | 'raw' | 'contentType'>) {
  const rawKey = rawPayloadKey(delivery.channel, delivery.raw);
  await deps.blobs.put(rawKey, delivery.raw, delivery.contentType);
  return rawKey;
}

/**
 * Keeps a delivery that its transport gave up on (a letter file that kept failing) in
 * quarantine with the reason, like one that could not be parsed.
 */
export async function quarantineDelivery(
  deps: IngestDeps,
  delivery: Pick<RawDelivery, 'channel' | 'raw' | 'contentType'>,
  reason: string,
): Promise<IngestOutcome> {
  return quarantine(deps, { ...kept(delivery, await keepRaw(deps, delivery)), reason });
}

/** What a release needs to put the kept payload through ingest again (release.ts). */
function kept(delivery: Pick<RawDelivery, 'channel' | 'contentType' | 'transportId'>, rawKey: string) {
  return { channel: delivery.channel, rawKey, contentType: delivery.contentType, transportId: delivery.transportId };
}

type Held = Omit<QuarantineEntry, 'id' | 'receivedAt'>;

async function quarantine(deps: IngestDeps, held: Held): Promise<IngestOutcome> {
  const { channel, rawKey, reason } = held;
  const now = deps.clock.now().toISOString();
  const quarantineId = `${now}#${sha256(rawKey).slice(0, 12)}`;
  await deps.repository.quarantine({ ...held, id: quarantineId, receivedAt: now });
  deps.log?.('quarantined', { channel, quarantineId });
  return { outcome: 'quarantined', quarantineId, reason };
}
