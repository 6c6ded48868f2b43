/**
 * Releasing a quarantined delivery: an operator judged it genuine (or fixed what
 * made it fail), so its kept payload goes through the real ingest again, skipping
 * only the verdict that held it.
 *
 * - A spam verdict says nothing about who sent it: released mail is ingested as if
 *   clean (it threads onto the sender's own case and is acknowledged as usual).
 * - A DMARC failure (or SPF and DKIM both failing) means the From address is not
 *   proven: released mail opens a case of its own and never joins an existing one
 *   (`senderUnverified`), whatever case reference or thread it quotes.
 * - Released mail is acknowledged like any other new case: a person judged it a
 *   real resident's message, and the acknowledgement duty (Housing Ombudsman
 *   Complaint Handling Code §5; the policy's acknowledgement target) counts from
 *   when it arrived, not from when someone looked at the quarantine.
 * - A virus verdict is never released: the payload is not opened.
 * - A payload that failed to parse is parsed again: if it fails again it stays in
 *   quarantine with the new reason and who tried.
 * - Idempotent: a second release answers what the first made (ingest's own dedupe
 *   also keeps two concurrent releases to one case).
 */
import type { QuarantineEntry, QuarantineRelease } from '../cases.js';
import { CommandError } from '../commands/run.js';
import type { InboundMessage } from '../inbound.js';
import type { Channel } from '../model.js';
import { isTransient, reasonOf } from './failures.js';
import { storedBlobKeys } from './message.js';
import { ingestMessage } from './place.js';
import type { IngestDeps } from './types.js';

/** Reads a kept payload back into a message, as its channel's transport would, without any verdict. */
export type ReleaseParser = (
  entry: QuarantineEntry,
  payload: { body: Uint8Array; contentType: string },
) => InboundMessage | Promise<InboundMessage>;

export type ReleaseResult =
  | { released: true; entry: QuarantineEntry; release: QuarantineRelease; alreadyReleased: boolean }
  | { released: false; entry: QuarantineEntry; reason: string };

/**
 * Puts quarantined delivery `id` through ingest for officer `by` (the caller checks the
 * role), read back by its channel's parser in `parsers`. Errors: CommandError `not-found`
 * (no such entry), `conflict` (a virus, a channel with no parser here — a letter is filed
 * again by uploading its file — or a payload since erased). Infrastructure errors are
 * thrown as they come: the release can simply be asked again.
 */
export async function releaseQuarantined(
  deps: IngestDeps,
  id: string,
  by: string,
  parsers: Partial<Record<Channel, ReleaseParser>>,
): Promise<ReleaseResult> {
  const entry = await deps.repository.getQuarantined(id);
  if (!entry) throw new CommandError('not-found', 'Nothing in quarantine has that id');
  if (entry.released) {
    // A release that stopped before letting go of the entry's holds finishes here.
    await deps.repository.releaseQuarantineHolds(entry, (key) => deps.blobs.delete(key));
    return { released: true, entry, release: entry.released, alreadyReleased: true };
  }
  if (entry.verdict === 'virus') {
    throw new CommandError('conflict', 'A message with a virus is never released: it is kept unopened');
  }
  const parse = parsers[entry.channel];
  if (!parse) {
    throw new CommandError(
      'conflict',
      entry.channel === 'letter'
        ? 'A letter is released by reading its file again: upload it again (locally, drop it into letters/inbox)'
        : `Nothing on the ${entry.channel} channel can be released`,
    );
  }
  const payload = await deps.blobs.get(entry.rawKey);
  if (!payload) throw new CommandError('conflict', 'The payload is no longer kept (erased): nothing to release');

  const at = deps.clock.now().toISOString();
  let message: InboundMessage | undefined;
  const stayQuarantined = async (reason: string): Promise<ReleaseResult> => {
    // A payload that parsed this time may have had its attachments stored: the entry holds them.
    const stored = message ? storedBlobKeys(message, entry.rawKey) : [];
    const attachmentKeys = [...new Set([...(entry.attachmentKeys ?? []), ...stored])];
    const failed = { ...entry, reason, retried: { by, at }, ...(attachmentKeys.length ? { attachmentKeys } : {}) };
    await deps.repository.updateQuarantined(failed);
    deps.log?.('release-failed', { channel: entry.channel, quarantineId: id });
    return { released: false, entry: failed, reason };
  };
  try {
    message = await parse(entry, { body: payload.body, contentType: entry.contentType ?? payload.contentType });
  } catch (err) {
    if (isTransient(err)) throw err;
    return stayQuarantined(reasonOf(err));
  }

  let outcome: Awaited<ReturnType<typeof ingestMessage>>;
  try {
    outcome = await ingestMessage(deps, message, entry.rawKey, {
      transportId: entry.transportId,
      senderUnverified: entry.verdict === 'dmarc' || entry.verdict === 'unauthenticated',
      raw: { body: payload.body, contentType: entry.contentType ?? payload.contentType },
    });
  } catch (err) {
    if (isTransient(err)) throw err;
    return stayQuarantined(`could not be filed: ${reasonOf(err)}`);
  }
  const caseRef = 'caseRef' in outcome ? outcome.caseRef : undefined;
  const release: QuarantineRelease = { by, at, outcome: outcome.outcome, ...(caseRef ? { caseRef } : {}) };
  const done = { ...entry, released: release };
  await deps.repository.updateQuarantined(done);
  // Filed: the case (or whatever the delivery became) holds its own copy now; a blob the entry
  // alone held (a duplicate's copy of bytes filed before) goes with its hold.
  await deps.repository.releaseQuarantineHolds(done, (key) => deps.blobs.delete(key));
  deps.log?.('quarantine-released', { channel: entry.channel, quarantineId: id, caseRef, outcome: outcome.outcome });
  return { released: true, entry: done, release, alreadyReleased: false };
}
