/** The message as a case keeps it: attachments stored as blobs by content hash, bodies cut to fit an item. */
import { randomUUID } from 'node:crypto';
import type { CaseMessage } from '../cases.js';
import type { InboundMessage } from '../inbound.js';
import { BODY_CONTENT_TYPE, keptBody, type MessageBody } from '../message-bodies.js';
import { sha256 } from './identity.js';
import type { IngestDeps } from './types.js';

/** Per body field, so text and safe HTML together stay well inside an item. */
const MAX_BODY_BYTES = 150_000;

/**
 * Where an attachment's bytes are kept: named by their hash only. The sender's
 * filename stays on the message as metadata; it never reaches a path or a key,
 * so no name can be refused by a disk or collide with another.
 */
export function attachmentBlobKey(hash: string): string {
  return `attachments/${hash}`;
}

/**
 * The blob keys `toCaseMessage` stores (or names) for a message's attachments and its long body
 * (`rawKey`: the payload it was filed with, which decides whether the HTML is kept): what a
 * quarantine entry must hold when filing the message fails after they were stored.
 */
export function storedBlobKeys(message: InboundMessage, rawKey?: string): string[] {
  const keys = message.attachments.map((a) =>
    a.content ? attachmentBlobKey(a.sha256 ?? sha256(a.content)) : (a.blobKey ?? ''),
  );
  const body = keptBody(caseBody(message, rawKey));
  return [...new Set([...keys, ...(body ? [body.key] : [])].filter((k) => k.length > 0))];
}

/**
 * What the case keeps of the message's body. A DynamoDB item holds at most 400 KB and the raw
 * payload (kept as a blob) has the HTML as received, so only what officers read is kept, each
 * part cut to `MAX_BODY_BYTES` when it must be. The same message and payload give the same body.
 */
function caseBody(message: InboundMessage, rawKey: string | undefined): MessageBody {
  const fits = (value: string | undefined) => value === undefined || Buffer.byteLength(value) <= MAX_BODY_BYTES;
  const text = fits(message.text)
    ? message.text
    : `${Buffer.from(message.text).subarray(0, MAX_BODY_BYTES).toString('utf8')}\n\n[The rest of this message is too long to show here; it is kept in full with the original.]`;
  return {
    text,
    html: rawKey ? undefined : fits(message.html) ? message.html : undefined,
    safeHtml: fits(message.safeHtml) ? message.safeHtml : undefined,
  };
}

/** A raw payload's key and bytes, kept to store again if an erasure deleted a shared copy meanwhile. */
export interface KeptRaw {
  key: string;
  body: Uint8Array;
  contentType: string;
}

/**
 * After a `BlobGoneError`: every blob the message stores (its attachments, and the raw
 * payload when its bytes are at hand) stored again where an erasure deleted it since.
 * False while an erasure is still deleting one (try again shortly).
 */
export async function restoreStored(
  deps: IngestDeps,
  message: Pick<InboundMessage, 'attachments'> | InboundMessage,
  raw?: KeptRaw,
  rawKey: string | undefined = raw?.key,
): Promise<boolean> {
  const puts = message.attachments
    .filter((a) => a.content)
    .map((a) => {
      const key = attachmentBlobKey(a.sha256 ?? sha256(a.content as Uint8Array));
      return { key, put: () => deps.blobs.put(key, a.content as Uint8Array, a.contentType) };
    });
  if (raw) puts.push({ key: raw.key, put: () => deps.blobs.put(raw.key, raw.body, raw.contentType) });
  // A long body shared with another message (the same text sent twice) may have been erased with it.
  const body = 'text' in message ? keptBody(caseBody(message, rawKey)) : undefined;
  if (body) puts.push({ key: body.key, put: () => deps.blobs.put(body.key, body.bytes, BODY_CONTENT_TYPE) });
  let done = true;
  for (const { key, put } of puts) done = (await deps.repository.restoreBlob(key, put)) && done;
  return done;
}

export async function toCaseMessage(deps: IngestDeps, message: InboundMessage, rawKey?: string): Promise<CaseMessage> {
  const id = deps.newId?.() ?? randomUUID();
  const attachments = await Promise.all(
    message.attachments.map(async (a) => {
      let blobKey = a.blobKey;
      if (a.content) {
        blobKey = attachmentBlobKey(a.sha256 ?? sha256(a.content));
        await deps.blobs.put(blobKey, a.content, a.contentType);
      }
      if (!blobKey) throw new Error(`attachment ${a.filename} has neither content nor a stored key`);
      return {
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        blobKey,
        inline: a.inline,
        contentId: a.contentId,
      };
    }),
  );
  const body = caseBody(message, rawKey);
  // A long body is stored once as a blob (before the write that names it, like the attachments).
  const kept = keptBody(body);
  if (kept) await deps.blobs.put(kept.key, kept.bytes, BODY_CONTENT_TYPE);
  return {
    id,
    caseRef: '',
    direction: 'inbound',
    channel: message.channel,
    receivedAt: message.receivedAt,
    from: message.from,
    replyTo: message.replyTo,
    to: message.to,
    subject: message.subject,
    ...(kept ? { text: kept.preview, bodyKey: kept.key } : body),
    attachments,
    rawKey,
    threading: message.threading,
    automated: message.automated,
    logged: message.logged,
    scan: message.scan,
  };
}
