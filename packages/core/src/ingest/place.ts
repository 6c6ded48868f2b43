/**
 * Filing one parsed message: drop a duplicate, handle an SMS keyword, match
 * the sender, find the case it continues (only their own), then record it
 * there, list it (automatic mail), or open a case. Conflicting writes read
 * again and retry; the write itself is one transaction.
 */
import type { CaseMessage } from '../cases.js';
import { type InboundMessage, inboundMessageSchema } from '../inbound.js';
import { BlobGoneError, type DeliveryRecord, DuplicateDeliveryError, WriteConflictError } from '../ports.js';
import { announce, announceAgain, pendingPlan } from './announce.js';
import { appendToCase } from './append.js';
import { fileAutomated } from './automated.js';
import { resolveSender } from './contacts.js';
import { conflictBackoffMs } from './failures.js';
import { deliveryIdentity } from './identity.js';
import { fileSmsKeyword } from './keywords.js';
import { receivedSummary } from './labels.js';
import { restoreStored, toCaseMessage } from './message.js';
import { openNewCase } from './open-case.js';
import { prefetch } from './prefetch.js';
import { findThread } from './threading.js';
import type { DeliveryIdentity, IngestDeps, IngestOutcome } from './types.js';

const MAX_ATTEMPTS = 6;

export interface IngestOptions {
  /** The transport's id for this message (RawDelivery.transportId). */
  transportId?: string;
  /**
   * The sender's address is not authenticated (an operator released mail whose DMARC
   * failed): it opens a case of its own, linked to any case it quotes, and never
   * continues an existing case, whatever its From, references or thread headers say.
   */
  senderUnverified?: boolean;
  /** The raw payload's bytes (`rawKey`'s), to store again if an erasure deleted a shared copy meanwhile. */
  raw?: { body: Uint8Array; contentType: string };
}

export async function ingestMessage(
  deps: IngestDeps,
  input: InboundMessage,
  rawKey?: string,
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  const message = inboundMessageSchema().parse(input);
  const identity: DeliveryIdentity = { ...deliveryIdentity(message, options.transportId), rawKey };

  let caseMessage: CaseMessage | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      // The duplicate check rides on the first read; the write's conditions still decide.
      const { deps: read, earlier } = await prefetch(deps, message, identity);
      if (earlier) {
        await announceAgain(deps, earlier);
        return duplicate(deps, earlier, rawKey);
      }
      if (message.smsKeyword) {
        const filed = await fileSmsKeyword(read, { ...message, smsKeyword: message.smsKeyword }, identity, rawKey);
        if (filed) return filed;
      }
      caseMessage ??= await toCaseMessage(deps, message, rawKey);
      return await place(read, message, caseMessage, identity, options);
    } catch (err) {
      if (err instanceof DuplicateDeliveryError) return duplicate(deps, await findEarlier(deps, identity), rawKey);
      // An erasure deleted (or is deleting) a file this message shares since it was stored: store it again.
      if (err instanceof BlobGoneError && attempt < MAX_ATTEMPTS) {
        const raw = rawKey && options.raw ? { key: rawKey, ...options.raw } : undefined;
        await restoreStored(deps, message, raw, rawKey);
        await new Promise((r) => setTimeout(r, conflictBackoffMs(attempt)));
        continue;
      }
      // Someone changed the contact or case between our read and write: read again and retry.
      if (err instanceof WriteConflictError && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, conflictBackoffMs(attempt)));
        continue;
      }
      throw err;
    }
  }
}

async function findEarlier(deps: IngestDeps, identity: DeliveryIdentity): Promise<DeliveryRecord | undefined> {
  for (const key of [identity.dedupeKey, ...identity.aliases]) {
    const found = await deps.repository.findDelivery(key);
    if (found) return found;
  }
  return undefined;
}

/**
 * A duplicate files nothing. Its raw payload is the first delivery's copy when the bytes are
 * the same (the key is their hash); bytes unlike the first's (a resend with new headers, or a
 * marker from before markers named their payload) made a copy nothing names, deleted here
 * unless a record holds it (costs a Query only then).
 */
async function duplicate(
  deps: IngestDeps,
  record: DeliveryRecord | undefined,
  rawKey?: string,
): Promise<IngestOutcome> {
  if (rawKey && record && record.rawKey !== rawKey) {
    await deps.repository.dropUnheldBlob(rawKey, (key) => deps.blobs.delete(key));
  }
  deps.log?.('duplicate-delivery', { caseRef: record?.caseRef });
  return { outcome: 'duplicate', caseRef: record?.caseRef, messageId: record?.messageId };
}

async function place(
  deps: IngestDeps,
  message: InboundMessage,
  caseMessage: CaseMessage,
  identity: DeliveryIdentity,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const sender = await resolveSender(deps, message);
  // Threading trusts only the sender's own cases: a sender nobody vouched for has none.
  const { thread, mentions } = await findThread(deps, message, options.senderUnverified ? undefined : sender.known);

  if (message.automated) {
    return fileAutomated(deps, { ...message, automated: message.automated }, caseMessage, identity, thread);
  }
  if (!thread) return openNewCase(deps, message, caseMessage, identity, sender, mentions);

  const ref = thread.case.ref;
  const plan = pendingPlan(deps, ref, 'changed');
  await appendToCase(deps, {
    kase: thread.case,
    message,
    caseMessage,
    delivery: {
      ...identity,
      outcome: 'threaded',
      at: deps.clock.now().toISOString(),
      caseRef: ref,
      messageId: caseMessage.id,
      ...(plan.generation !== undefined ? { generation: plan.generation } : {}),
    },
    type: 'message-received',
    summary: receivedSummary(message),
    sender,
    mentions,
    pendingPlan: plan,
  });
  await announce(deps, plan, 'changed');
  deps.log?.('message-threaded', { caseRef: ref, channel: message.channel, via: thread.via });
  return { outcome: 'threaded', caseRef: ref, messageId: caseMessage.id, via: thread.via };
}
