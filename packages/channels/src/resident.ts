import type { InboundMessage } from '@housing-inbox/core';

/**
 * Local parts that nobody reads: automatic senders, bounce handlers and
 * "do not reply" addresses, with any `+tag` or `-suffix`
 * (noreply-abc123@, bounces+123@, do_not_reply@).
 */
const NOBODY_READS =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|mailer[-_.]?daemon|mail[-_.]?daemon|postmaster|bounces?)(?:[-_.+].*)?$/i;

/** True when mail from this address is a machine's or a relay's, not a person's. */
export function isNoReplyAddress(address: string, relayAddresses: readonly string[] = []): boolean {
  const email = address.trim().toLowerCase();
  const [local = '', domain = ''] = splitAddress(email);
  if (NOBODY_READS.test(local)) return true;
  return relayAddresses.some((relay) => {
    const r = relay.trim().toLowerCase();
    // "@forms.example.org" names every address at a relay's domain.
    return r.startsWith('@') ? domain === r.slice(1) : email === r;
  });
}

export interface Resident {
  email: string;
  name?: string;
  /** Which header named the resident. */
  via: 'from' | 'reply-to';
}

/**
 * Who wrote an email, for the contact and for replies. Web-form relays and
 * no-reply senders put the resident in Reply-To: when From is one of those
 * (a no-reply, mailer-daemon-like address, or one of the policy's relay
 * addresses — exact addresses, or "@domain" for all of a domain), the
 * resident is Reply-To. Otherwise it is From, even when Reply-To differs: a
 * resident's own mail decides who they are. Undefined when there is nobody to
 * reply to (a no-reply sender without a usable Reply-To, or no From at all).
 */
export function residentSender(message: InboundMessage, relayAddresses: readonly string[]): Resident | undefined {
  const from = message.from.email;
  const replyTo = message.replyTo?.email;
  if (from && !isNoReplyAddress(from, relayAddresses)) return { email: from, name: message.from.name, via: 'from' };
  if (replyTo && !isNoReplyAddress(replyTo, relayAddresses)) {
    return { email: replyTo, name: message.replyTo?.name ?? undefined, via: 'reply-to' };
  }
  return undefined;
}

/** The address to acknowledge and answer: see `residentSender`. */
export function residentAddress(message: InboundMessage, relayAddresses: readonly string[]): string | undefined {
  return residentSender(message, relayAddresses)?.email;
}

function splitAddress(email: string): [string, string] {
  const at = email.lastIndexOf('@');
  return at < 0 ? [email, ''] : [email.slice(0, at), email.slice(at + 1)];
}
