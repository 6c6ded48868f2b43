/** Matching a resident across channels: one email address, one phone number, one contact. */
import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core/es6';
import sliced from './phone-metadata.json' with { type: 'json' };

/**
 * libphonenumber-js's own `min` metadata without the formatting rules, which
 * normalising never reads (bin/phone-metadata.ts; ~31 KB instead of ~83 KB in
 * every function's bundle).
 */
const metadata = sliced as unknown as MetadataJson;

/**
 * A UK (or international) number in E.164, or undefined when it cannot be a
 * phone number. "Possible" rather than "valid": matching a person must not
 * depend on the number plan's latest allocations (nor reject Ofcom's drama range).
 */
export function normalisePhone(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), 'GB', metadata);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** Email addresses compare case-insensitively in practice (RFC 5321 aside, no provider here differs). */
export function normaliseEmail(raw: string | undefined): string | undefined {
  const value = raw?.trim().toLowerCase();
  return value && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? value : undefined;
}
