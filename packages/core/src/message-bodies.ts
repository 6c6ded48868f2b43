/**
 * Long message bodies kept in the blob store, not in the message item (issue 16).
 *
 * A message whose text and HTML together are over `BODY_INLINE_BYTES` is stored once as a
 * blob, `bodies/<sha-256>` (JSON `{ text, html?, safeHtml? }`, by content, so a redelivery
 * writes the same key again and the two cases one message opens share one copy), and its item
 * holds `bodyKey` and the first `BODY_PREVIEW_BYTES` of the text as `text`. The body is a blob
 * like an attachment: counted by reference (`blobKeysOf`), so erasure, retention, merges and
 * quarantine release it as they release attachments.
 *
 * Why 4 KB: every write of an item costs 1 write unit per KB (2 inside a transaction) and every
 * KB is stored and read again on each look at the case for as long as the case is kept; a blob
 * costs one S3 PUT (about 7 write units' price), a reference item and its check (4 units) and a
 * GET when shown. Under 4 KB (texts, forms, most emails) the item stays within 1–5 units and
 * needs no S3 request at all; above it, quoted threads and HTML mail, the blob is cheaper to
 * write from about 6 KB and cheaper to keep from the first KB.
 */
import type { CaseMessage, CaseWithHistory } from './cases.js';
import { sha256 } from './ingest/identity.js';
import type { BlobStore } from './ports.js';

/** Bodies (text + safe HTML + HTML, UTF-8) over this many bytes go to the blob store. */
export const BODY_INLINE_BYTES = 4096;
/** The start of the text the item keeps as `text` when its body is a blob (a few lines: reports, lists). */
export const BODY_PREVIEW_BYTES = 400;
/** The content type of a body blob. */
export const BODY_CONTENT_TYPE = 'application/json';

/** The parts of a message a body blob holds. */
export type MessageBody = Pick<CaseMessage, 'text' | 'html' | 'safeHtml'>;

const bytesOf = (value: string | undefined) => (value === undefined ? 0 : Buffer.byteLength(value));

/** `bodies/<sha-256 of the blob>`: by content only. */
export function bodyBlobKey(blob: Uint8Array): string {
  return `bodies/${sha256(blob)}`;
}

/** The text cut to at most `BODY_PREVIEW_BYTES` bytes on a character boundary, `…` when cut. */
export function bodyPreview(text: string): string {
  if (bytesOf(text) <= BODY_PREVIEW_BYTES) return text;
  let out = '';
  let size = 0;
  for (const ch of text) {
    size += bytesOf(ch);
    if (size > BODY_PREVIEW_BYTES - 3) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * The blob a body becomes (its key, bytes and the item's preview), or undefined when it stays
 * in the item (`BODY_INLINE_BYTES` or less). The same body always gives the same key and bytes.
 */
export function keptBody(body: MessageBody): { key: string; bytes: Uint8Array; preview: string } | undefined {
  if (bytesOf(body.text) + bytesOf(body.html) + bytesOf(body.safeHtml) <= BODY_INLINE_BYTES) return undefined;
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      text: body.text,
      ...(body.html !== undefined ? { html: body.html } : {}),
      ...(body.safeHtml !== undefined ? { safeHtml: body.safeHtml } : {}),
    }),
  );
  return { key: bodyBlobKey(bytes), bytes, preview: bodyPreview(body.text) };
}

/**
 * The message as officers and residents see it: a body kept as a blob read back into `text`,
 * `html` and `safeHtml` (and `bodyKey` dropped), so a reader sees exactly what a message kept
 * in its item shows. A body no longer kept (erased since) leaves the preview. One GET per
 * message with a blob; none otherwise.
 */
export async function messageWithBody(blobs: Pick<BlobStore, 'get'>, message: CaseMessage): Promise<CaseMessage> {
  if (!message.bodyKey) return message;
  const blob = await blobs.get(message.bodyKey);
  if (!blob) return message;
  const body = JSON.parse(new TextDecoder().decode(blob.body)) as MessageBody;
  const { bodyKey: _key, html: _html, safeHtml: _safe, ...rest } = message;
  return {
    ...rest,
    text: body.text,
    ...(body.html !== undefined ? { html: body.html } : {}),
    ...(body.safeHtml !== undefined ? { safeHtml: body.safeHtml } : {}),
  };
}

/** A case's history with every message's body (`messageWithBody`), the blobs read at once. */
export async function withMessageBodies(
  blobs: Pick<BlobStore, 'get'>,
  found: CaseWithHistory,
): Promise<CaseWithHistory> {
  if (!found.messages.some((m) => m.bodyKey)) return found;
  return { ...found, messages: await Promise.all(found.messages.map((m) => messageWithBody(blobs, m))) };
}
