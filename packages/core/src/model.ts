/**
 * The landlord's vocabulary: channels residents use, kinds of case that carry a
 * target, and the shapes every other package shares.
 */
import type { LocalDate } from './dates.js';
import type { Erasure, LegalHold } from './privacy/records.js';
import type { Deadline } from './targets.js';

/** How a contact reached the landlord. */
export const CHANNELS = ['email', 'sms', 'letter', 'web-form', 'phone', 'in-person'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The kinds a policy can set a target for (CONTRACTS.md, `--kind`). */
export const CASE_KINDS = [
  'phone-message',
  'email',
  'letter',
  'web-form',
  'sms',
  'complaint-stage-1',
  'complaint-stage-2',
  'repair-emergency',
  'repair-urgent',
  'repair-standard',
  'repair-programmed',
  'hazard-emergency',
  'hazard-damp-mould',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * The statutory hazard clocks (CONTRACTS.md): an emergency hazard investigated
 * and made safe in 24 clock hours; damp and mould investigated in 10 working
 * days, then the milestones the policy's `hazards` section lists.
 */
export const HAZARD_KINDS = ['hazard-emergency', 'hazard-damp-mould'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

export function isHazardKind(value: string): value is HazardKind {
  return (HAZARD_KINDS as readonly string[]).includes(value);
}

/** The complaint stages, in order. */
export const COMPLAINT_KINDS = ['complaint-stage-1', 'complaint-stage-2'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

export function isComplaintKind(value: string): value is ComplaintKind {
  return (COMPLAINT_KINDS as readonly string[]).includes(value);
}

export function isCaseKind(value: string): value is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(value);
}

/** How a resident wants to hear back. */
export const REPLY_CHANNELS = ['email', 'sms', 'letter', 'phone'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

/** A call handler's first question: is this a service request, a complaint or a repair? */
export const CASE_CATEGORIES = ['service-request', 'complaint', 'repair'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/**
 * The deadlines of one case (each a `Deadline`: a local working day, met by the
 * end of that day, or for an hours target an ISO-8601 UTC instant).
 */
export interface Targets {
  /** Day 0, or the instant of receipt for an hours target. */
  clockStarts: LocalDate | string;
  acknowledgeBy: LocalDate | null;
  respondBy: Deadline;
}

export interface UnacceptableBehaviourFlag {
  setBy: string;
  setAt: string;
  reason: string;
}

/** A resident (or anyone else who gets in touch), matched across channels by email or phone. */
export interface Contact {
  id: string;
  name?: string;
  email?: string;
  /** E.164 */
  phone?: string;
  address?: string;
  postcode?: string;
  tenancyRef?: string;
  preferredChannel?: ReplyChannel;
  communicationNeeds?: string;
  /** Letters in large print (14pt or more). */
  largePrint?: boolean;
  /** Channels the resident asked us not to use, or that a flag rules out. */
  channelsToAvoid?: ReplyChannel[];
  unacceptableBehaviour?: UnacceptableBehaviourFlag;
  /** Data protection: a legal hold stops erasure and retention; the erasure, once done. */
  legalHold?: LegalHold;
  erased?: Erasure;
}
