/** What ingest needs and what it answers: shared by every step in this folder. */

import type { Clock } from '../clock.js';
import type { InboundMessage } from '../inbound.js';
import type { Channel } from '../model.js';
import type { OfficerNotifier } from '../notifications.js';
import type { LandlordPolicy } from '../policy.js';
import type { BlobStore, CaseEvents, CaseRepository } from '../ports.js';

/** Who wrote an email, for the contact and for replies. */
export interface Resident {
  email: string;
  name?: string;
}

export interface IngestDeps {
  policy: LandlordPolicy;
  repository: CaseRepository;
  blobs: BlobStore;
  clock: Clock;
  events?: CaseEvents;
  newId?: () => string;
  /** Structured log without personal data: ids, channels, outcomes only. */
  log?: (event: string, fields: Record<string, unknown>) => void;
  /**
   * The resident an email is from: From, or Reply-To when From is a web-form relay or a
   * no-reply address (channels' `residentSender` with the policy's `inbound.relayAddresses`).
   * Without it, From.
   */
  residentOf?: (message: InboundMessage) => Resident | undefined;
  /** The owner routing chose for a new case is told (their inbox and an email); nobody when absent. */
  notifier?: OfficerNotifier;
  /**
   * Who emails a new case's owner: ingest itself after the write (default; the local stack),
   * or `timers` — the case's first timer step — where ingest may not send (cloud ingest
   * functions have no sending rights): the email is left on the case in the same transaction.
   */
  officerEmailsBy?: 'ingest' | 'timers';
  /**
   * Set by ingest's own reads (prefetch.ts), never by a caller: the timer generation of each
   * case read with them, when the timers number re-plans (`CaseEvents.numbered`).
   */
  timerGenerations?: ReadonlyMap<string, number>;
}

export type ThreadVia = 'reference' | 'email-thread' | 'sms-window';

export type IngestOutcome =
  /** `alsoCaseRefs`: the cases the same message opened beside `caseRef` (its second clock). */
  | { outcome: 'created'; caseRef: string; messageId: string; alsoCaseRefs?: string[] }
  | { outcome: 'threaded'; caseRef: string; messageId: string; via: ThreadVia }
  | { outcome: 'duplicate'; caseRef?: string; messageId?: string }
  | { outcome: 'automated'; caseRef?: string; messageId: string; kind: 'auto-reply' | 'bounce' }
  | { outcome: 'opted-out' | 'opted-in'; contactId: string; caseRef?: string }
  | { outcome: 'quarantined'; quarantineId: string; reason: string };

export interface RawDelivery {
  channel: Channel;
  raw: Uint8Array;
  contentType: string;
  parse(raw: Uint8Array): Promise<InboundMessage> | InboundMessage;
  /**
   * The transport's id for this one message, when it has one that a retry repeats and
   * no other message shares (SES's message id). Never an SMTP session id: one session
   * may carry several messages.
   */
  transportId?: string;
}

/** What identifies one delivery: a marker is written under each key, in the same write as the case. */
export interface DeliveryIdentity {
  dedupeKey: string;
  aliases: string[];
  /** The raw payload this delivery kept: recorded on its markers, so a duplicate knows its copy is another. */
  rawKey?: string;
}
