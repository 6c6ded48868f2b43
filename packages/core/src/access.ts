/**
 * Who may see and do what. Confidential by default: staff see what their work
 * needs; a restricted case only its owner and managers; disclosure decisions
 * (restricting, lifting a flag, reassigning) belong to managers.
 */
import type { Case, DepartmentRequest, OfficerRole } from './cases.js';
import type { AuditAction } from './contracts/audit.js';

/** The officer behind a request, as the API resolved them. */
export interface Actor {
  officerId: string;
  role: OfficerRole;
  teamId: string;
}

export function isManager(actor: Actor): boolean {
  return actor.role === 'manager';
}

export function canSeeAllCases(actor: Actor): boolean {
  return isManager(actor);
}

/**
 * Who may find and read a case: managers, its owner and whoever covers for an
 * absent owner see everything; any other member of staff sees every case that
 * is not restricted (reception must find a resident whose case sits with another
 * team: DESIGN.md "messages go to the right officer at once"). A restricted case
 * only its owner, their cover and managers (policy: disclosure decisions belong
 * to named managers). Reading is not acting: see `canWorkOnCase`.
 */
export function canSeeCase(
  actor: Actor,
  kase: Case,
  requests: readonly DepartmentRequest[] = [],
  coveringFor: readonly string[] = [],
): boolean {
  if (canWorkOnCase(actor, kase, requests, coveringFor)) return true;
  return !kase.restricted;
}

/**
 * Who may act on a case (commands, notes, answers): managers, the owner and
 * their cover; the case's team unless it is restricted (contributors only
 * through their department's request).
 */
export function canWorkOnCase(
  actor: Actor,
  kase: Case,
  requests: readonly DepartmentRequest[] = [],
  coveringFor: readonly string[] = [],
): boolean {
  if (isManager(actor)) return true;
  if (kase.ownerId === actor.officerId) return true;
  if (kase.ownerId && coveringFor.includes(kase.ownerId)) return true;
  if (kase.restricted) return false;
  if (kase.teamId === actor.teamId && actor.role !== 'contributor') return true;
  return requests.some((r) => r.department === actor.teamId);
}

/**
 * Who may add to a case — a note, a logged call, a message that quotes its
 * reference, a department's answer: those who may work on it. Nothing is
 * written to a case its writer could not open.
 */
export function canAddToCase(
  actor: Actor,
  kase: Case,
  requests: readonly DepartmentRequest[] = [],
  coveringFor: readonly string[] = [],
): boolean {
  return canWorkOnCase(actor, kase, requests, coveringFor);
}

/** The owner, whoever covers for an absent owner, or a manager: the people who run the case. */
export function canRunCase(actor: Actor, kase: Case, coveringFor: readonly string[] = []): boolean {
  return (
    isManager(actor) ||
    kase.ownerId === actor.officerId ||
    (kase.ownerId !== undefined && coveringFor.includes(kase.ownerId))
  );
}

/**
 * An officer's email or sign-in is someone else's already: one person, one
 * directory entry, so a sign-in can never be read as a colleague's.
 */
export class OfficerIdentityTakenError extends Error {
  override name = 'OfficerIdentityTakenError';
  constructor(
    readonly field: 'email' | 'cognitoSub',
    message: string,
  ) {
    super(message);
  }
}

/**
 * One act on the audit trail: who, when, what, and which case or contact — a
 * look at a restricted case, a subject access export, an erasure, a retention
 * run, a legal hold, a disclosure. `detail` holds the act's own facts (a
 * disclosure's recipient and lawful basis; how many cases an erasure touched).
 */
export interface AuditEntry {
  id: string;
  /** ISO-8601 instant. */
  at: string;
  /** The officer, or `retention` for the scheduled job. */
  officerId: string;
  action: AuditAction;
  caseRef?: string;
  contactId?: string;
  detail?: Record<string, string | number | boolean | string[]>;
}

/** The audit trail: appended to, read by managers, never changed — it has no way to. */
export interface AuditTrail {
  /** Appends one entry (refused if one with its key exists: nothing is overwritten). */
  record(entry: AuditEntry): Promise<void>;
  /** Newest first; `next` is the previous page's, `null` at the end; `actions` keeps only those (a page may be short). */
  list(options: {
    limit: number;
    next?: string;
    actions?: readonly AuditAction[];
  }): Promise<{ items: AuditEntry[]; next: string | null }>;
}
