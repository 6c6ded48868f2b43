/**
 * Ingest: every inbound delivery, from any channel, becomes exactly one message
 * on exactly one case (or an SMS keyword on a contact, or listed automatic
 * mail), or is quarantined with its reason. One step per file:
 * accept (keep, parse, the failure policy) → identity (dedupe) → keywords →
 * contacts (match, never rewrite) → threading (only the sender's own case) →
 * automated / open-case / append → announce (the timers). release.ts puts a
 * quarantined delivery through the same steps when an operator releases it.
 */
export { acceptDelivery, quarantineDelivery, rawPayloadKey } from './accept.js';
export { announceAgain } from './announce.js';
export { isTransient, reasonOf } from './failures.js';
export { boundedKeyPart, deliveryIdentity, KEY_PART_MAX_BYTES, sha256 } from './identity.js';
export { attachmentBlobKey, storedBlobKeys } from './message.js';
export { type IngestOptions, ingestMessage } from './place.js';
export { type ReleaseParser, type ReleaseResult, releaseQuarantined } from './release.js';
export type { DeliveryIdentity, IngestDeps, IngestOutcome, RawDelivery, Resident, ThreadVia } from './types.js';
