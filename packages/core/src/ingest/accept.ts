/**
 * Every delivery, from any channel, starts here: keep the payload, parse it,
 * file it. What cannot be parsed or filed is quarantined with its reason;
 * only transient infrastructure errors are thrown (see failures.ts).
 */

import type { QuarantineEntry } from '../cases.js';
import { HeldByVerdict, type InboundMessage, inboundMessageSchema } from '../inbound.js';
import { BlobGoneError } from '../ports.js';
import { conflictBackoffMs, isTransient, reasonOf } from './failures.js';
import { sha256 } from './identity.js';
import { restoreStored, storedBlobKeys } from './message.js';
import { ingestMessage } from './place.js';
import type { IngestDeps, IngestOutcome, RawDelivery } from './types.js';

/** Keep the payload, then parse and file it; what will not parse or file is quarantined with its reason. */
export async function acceptDelivery(deps: IngestDeps, delivery: RawDelivery): Promise<IngestOutcome> {
  // Without the payload kept there is nothing to quarantine: a failure here is thrown and retried.
  const rawKey = await keepRaw(deps, delivery);

  let message: InboundMessage;
  try {
    message = inboundMessageSchema().parse(await delivery.parse(delivery.raw));
  } catch (err) {
    // A service that is busy or down (OCR throttled, a timeout) says nothing about the
    // payload: let the delivery be retried rather than quarantine a good letter.
    if (isTransient(err)) throw err;
    const verdict = err instanceof HeldByVerdict ? err.verdict : undefined;
    return quarantine(deps, { ...kept(delivery, rawKey), reason: reasonOf(err), verdict }, delivery);
  }
  try {
    return await ingestMessage(deps, message, rawKey, {
      transportId: delivery.transportId,
      raw: { body: delivery.raw, contentType: delivery.contentType },
    });
  } catch (err) {
    if (isTransient(err)) throw err;
    // A key or item the store refuses, contact details another contact holds, a file the
    // disk refuses: the same delivery would fail the same way for ever, so keep it aside.
    deps.log?.('ingest-failed', { channel: delivery.channel, error: (err as Error)?.name ?? 'unknown' });
    // The attachments may be stored already: the entry holds them, so they go when it goes.
    const held = { ...kept(delivery, rawKey), attachmentKeys: storedBlobKeys(message, rawKey) };
    return quarantine(deps, { ...held, reason: `could not be filed: ${reasonOf(err)}` }, delivery, message);
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
  return quarantine(deps, { ...kept(delivery, await keepRaw(deps, delivery)), reason }, delivery);
}

/** What a release needs to put the kept payload through ingest again (release.ts). */
function kept(delivery: Pick<RawDelivery, 'channel' | 'contentType' | 'transportId'>, rawKey: string) {
  return { channel: delivery.channel, rawKey, contentType: delivery.contentType, transportId: delivery.transportId };
}

type Held = Omit<QuarantineEntry, 'id' | 'receivedAt'>;
/** Writes of an entry tried again after storing its files again (an erasure's tombstone stood). */
const MAX_RESTORES = 6;

/** Writes the entry; `delivery` and `message` give the bytes to store again if an erasure deleted a shared copy meanwhile. */
async function quarantine(
  deps: IngestDeps,
  held: Held,
  delivery: Pick<RawDelivery, 'raw' | 'contentType'>,
  message?: InboundMessage,
): Promise<IngestOutcome> {
  const { channel, rawKey, reason } = held;
  const now = deps.clock.now().toISOString();
  const quarantineId = `${now}#${sha256(rawKey).slice(0, 12)}`;
  const entry = { ...held, id: quarantineId, receivedAt: now };
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.repository.quarantine(entry);
      break;
    } catch (err) {
      // An erasure deleted the payload (or a stored attachment) it shares since ingest stored it.
      if (!(err instanceof BlobGoneError) || attempt >= MAX_RESTORES) throw err;
      const raw = { key: rawKey, body: delivery.raw, contentType: delivery.contentType };
      await restoreStored(deps, message ?? { attachments: [] }, raw);
      await new Promise((r) => setTimeout(r, conflictBackoffMs(attempt)));
    }
  }
  deps.log?.('quarantined', { channel, quarantineId });
  return { outcome: 'quarantined', quarantineId, reason };
}
