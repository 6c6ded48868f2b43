/** What the quarantine holds: deliveries that could not be parsed or filed, or that a transport verdict held aside. */

import type { QuarantineVerdict } from './inbound.js';
import type { Channel } from './model.js';

/** Something that could not be parsed or filed: kept, with why, for an operator to look at. */
export interface QuarantineEntry {
  id: string;
  channel: Channel;
  /** ISO-8601 instant it arrived; a released message's clocks count from here. */
  receivedAt: string;
  reason: string;
  rawKey: string;
  /**
   * Attachments ingest stored for this delivery before filing it failed (`attachments/<sha-256>`):
   * the entry holds them, like its raw payload, until it is released or aged out.
   */
  attachmentKeys?: string[];
  /** The transport verdict that held it (absent: it could not be parsed or filed). */
  verdict?: QuarantineVerdict;
  /** The transport's id for the delivery (SES's message id), so a release dedupes like a redelivery. */
  transportId?: string;
  /** How the payload was posted (a web form's body is form-encoded or JSON). */
  contentType?: string;
  /** Set once an operator released it (`releaseQuarantined`): who, when, what it became. */
  released?: QuarantineRelease;
  /** The last release that failed again (the reason above is then that attempt's). */
  retried?: { by: string; at: string };
}

/** A quarantined delivery put through ingest by an operator. */
export interface QuarantineRelease {
  /** Officer id. */
  by: string;
  /** ISO-8601 instant. */
  at: string;
  /** What ingest made of it: created, threaded, duplicate, automated, opted-out, opted-in. */
  outcome: string;
  caseRef?: string;
}

/** Every blob a quarantine entry holds: its raw payload and the attachments stored for it. */
export function quarantineBlobKeys(entry: Pick<QuarantineEntry, 'rawKey' | 'attachmentKeys'>): string[] {
  return [...new Set([entry.rawKey, ...(entry.attachmentKeys ?? [])])];
}
