/** Matching a resident across channels: one email address, one phone number, one contact. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A UK (or international) number in E.164, or undefined when it cannot be a
 * phone number. "Possible" rather than "valid": matching a person must not
 * depend on the number plan's latest allocations (nor reject Ofcom's drama range).
 */
export function normalisePhone(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), 'GB');
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** Email addresses compare case-insensitively in practice (RFC 5321 aside, no provider here differs). */
export function normaliseEmail(raw: string | undefined): string | undefined {
  const value = raw?.trim().toLowerCase();
  return value && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? value : undefined;
}
