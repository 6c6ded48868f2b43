import { sha256Hex } from '../validate.js';

/** What a delivery's identity is built from: the parts of an email that no server on the way changes. */
export interface DigestParts {
  fromAddress?: string;
  fromName?: string;
  /** The Date header: as an instant when it parses, else as written. */
  date?: string;
  subject?: string;
  text: string;
  html?: string;
  /** sha-256 hex of each attachment, in order. */
  attachmentHashes: string[];
}

/**
 * sha-256 (hex) over From, Date, Subject, the bodies and the attachments'
 * hashes. Trace headers (Received, Return-Path, DKIM and ARC signatures, X-…)
 * are not in it, so a redelivery that gathered one more hop has the same
 * digest; nor is the Message-ID, so ingest can tell two different messages
 * that a broken mail client gave one Message-ID. Line endings are made LF and
 * trailing white space dropped, since relays rewrite those.
 */
export function contentDigest(parts: DigestParts): string {
  const lines = (value: string | undefined) =>
    value === undefined
      ? null
      : value
          .replace(/\r\n?/g, '\n')
          .replace(/[ \t]+$/gm, '')
          .trimEnd();
  return sha256Hex(
    JSON.stringify([
      'email-content-v1',
      parts.fromAddress?.trim().toLowerCase() ?? null,
      parts.fromName?.trim() ?? null,
      normalDate(parts.date),
      parts.subject?.replace(/\s+/g, ' ').trim() ?? null,
      lines(parts.text),
      lines(parts.html),
      parts.attachmentHashes,
    ]),
  );
}

function normalDate(date: string | undefined): string | null {
  if (!date?.trim()) return null;
  const instant = new Date(date);
  return Number.isNaN(instant.getTime()) ? date.replace(/\s+/g, ' ').trim() : instant.toISOString();
}
