/** What the record holds about data protection: legal holds, disclosures, erasure. */

/** A legal hold (litigation, an investigation, a complaint to the regulator): nothing under it is erased or aged out. */
export interface LegalHold {
  by: string;
  /** ISO-8601 instant. */
  at: string;
  reason: string;
}

/**
 * A decision to pass information to an outside body (the police, a local
 * authority, a court), recorded by an officer the policy names for it.
 */
export interface Disclosure {
  id: string;
  /** The body it went to. */
  to: string;
  /** What was passed on. */
  what: string;
  /** Why. */
  why: string;
  /** The lawful basis (UK GDPR Article 6, and Article 9 / Schedule 1 DPA 2018 for special category data). */
  lawfulBasis: string;
  decidedBy: string;
  /** ISO-8601 instant. */
  at: string;
}

/** Personal data on the record was erased: when, by whom (an officer, or `retention`), and why. */
export interface Erasure {
  at: string;
  by: string;
  reason: string;
}

/** What replaces erased words: the same on every item, so a reader sees what happened. */
export const ERASED = '[erased]';
