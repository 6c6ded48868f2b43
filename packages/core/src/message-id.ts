/**
 * Message-IDs as mail really carries them. RFC 5322 §3.6.4 asks for
 * `<left@right>`, but residents' mail clients send `<a@b@c.example>`, ids
 * with no `@`, even non-ASCII ones. We never refuse a resident's message, an
 * acknowledgement or a reply over the shape of somebody else's id: inbound,
 * any id is kept for threading; outbound, an id goes into In-Reply-To and
 * References only when it is safe in a header, and is left out otherwise.
 */

/** Longest id we put in a header: RFC 5322 lines stop at 998 characters. */
const MAX_HEADER_ID = 900;

/**
 * True when `id` can go into an In-Reply-To or References header as it is:
 * angle brackets around printable ASCII with no spaces or inner brackets.
 * `<a@b@c.example>` and `<no-at-sign>` are fine; `<ŵ@x>` and `<a b@c>` are not.
 */
export function isHeaderSafeMessageId(id: string): boolean {
  return id.length <= MAX_HEADER_ID && /^<[\x21-\x3b\x3d\x3f-\x7e]+>$/.test(id);
}

/**
 * The strict form we give our own outbound messages: `<local@domain>`, one
 * `@`, printable ASCII. Every id we generate has this shape.
 */
export function isOwnMessageId(id: string): boolean {
  return id.length <= MAX_HEADER_ID && /^<[^<>\s@]+@[^<>\s@]+>$/.test(id) && isHeaderSafeMessageId(id);
}
