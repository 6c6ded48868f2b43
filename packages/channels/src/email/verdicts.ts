/**
 * The mail provider's verdicts on a received message (SES receipt verdicts: virus,
 * spam, SPF, DKIM, DMARC) and which of them keep it out of ingest. The cloud reads
 * them from SES's notification; the local stack, which cannot check senders on
 * loopback, reads the headers SES writes into the stored message
 * (`X-SES-Spam-Verdict`, `X-SES-Virus-Verdict`, `Authentication-Results`), so a
 * test or a demo can send mail SES would have condemned.
 * Source: SES Developer Guide, "Contents of notifications for email receiving".
 */
import type { QuarantineVerdict } from '@housing-inbox/core';

/** Each verdict's status as SES gives it: `PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`, or absent. */
export interface MailVerdicts {
  virus?: string;
  spam?: string;
  spf?: string;
  dkim?: string;
  dmarc?: string;
}

/**
 * Why these verdicts keep the message from becoming (or joining) a case, or undefined
 * when they do not. Held messages are listed for operators with the reason and never
 * acknowledged; an operator may release all but a virus (`releaseQuarantined`):
 * - virus `FAIL`: never opened;
 * - spam `FAIL`: an acknowledgement would answer the spammer (and any address it forged);
 * - DMARC `FAIL`: the From domain's owner says this message is not theirs — a spoof must
 *   never thread into that resident's case nor be answered there;
 * - SPF and DKIM both `FAIL`: nothing authenticates the sender at all.
 * `GRAY` and `PROCESSING_FAILED` (SES could not decide) let the message through.
 */
export function mailVerdictHold(v: MailVerdicts): { verdict: QuarantineVerdict; reason: string } | undefined {
  const failed = (status: string | undefined) => status?.toUpperCase() === 'FAIL';
  if (failed(v.virus))
    return { verdict: 'virus', reason: 'SES found a virus in this message: kept for an operator, not opened' };
  if (failed(v.spam)) {
    return { verdict: 'spam', reason: 'SES marked this message as spam: kept for an operator, not acknowledged' };
  }
  if (failed(v.dmarc)) {
    return {
      verdict: 'dmarc',
      reason:
        'DMARC failed: the sender’s domain did not authorise this message (possible spoofing); not filed to any case',
    };
  }
  if (failed(v.spf) && failed(v.dkim)) {
    return {
      verdict: 'unauthenticated',
      reason: 'SPF and DKIM both failed: nothing authenticates the sender; not filed to any case',
    };
  }
  return undefined;
}

const HEADER_BLOCK_MAX = 64 * 1024;

/** The verdicts SES writes into a stored message's headers (what the local stack goes by). */
export function verdictsFromHeaders(raw: Uint8Array): MailVerdicts {
  const head = new TextDecoder('latin1').decode(raw.subarray(0, HEADER_BLOCK_MAX));
  const end = head.search(/\r?\n\r?\n/);
  const lines = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const header = (name: string) =>
    lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1) ?? '';
  const results = header('Authentication-Results');
  const method = (name: string) => new RegExp(`\\b${name}=(\\w+)`, 'i').exec(results)?.[1];
  const verdict = (s: string | undefined) => s?.trim().toUpperCase() || undefined;
  return {
    virus: verdict(header('X-SES-Virus-Verdict')),
    spam: verdict(header('X-SES-Spam-Verdict')),
    spf: verdict(method('spf')),
    dkim: verdict(method('dkim')),
    dmarc: verdict(method('dmarc')),
  };
}
