/**
 * The one failure policy of ingest: a delivery either lands on a case (or on a
 * contact, or in the automated list), or is quarantined with its reason. Only
 * "try again later" errors from the infrastructure are thrown, so the
 * transport retries; nothing a sender wrote can make a delivery fail for ever.
 */
import { WriteConflictError } from '../ports.js';

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalServerErrorException',
  'TimeoutError',
  'RequestTimeout',
  'TransactionInProgressException',
]);
/** Network failures, and a disk that is full or busy: the same delivery may succeed later. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENOSPC',
  'EMFILE',
  'ENFILE',
  'EBUSY',
  'EAGAIN',
]);

/**
 * Errors that mean "try again later" (AWS SDK throttling and 5xx, network and
 * disk-busy failures, a write that lost a race), not "this input can never be filed".
 */
export function isTransient(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  if (err instanceof WriteConflictError) return !err.contactClaims;
  const e = err as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.$retryable) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return TRANSIENT_NAMES.has(e.name ?? '') || TRANSIENT_CODES.has(e.code ?? '');
}

/** Why a delivery could not be filed, in words an operator can act on (zod issues named by field). */
export function reasonOf(err: unknown): string {
  if (err && typeof err === 'object' && 'issues' in err && Array.isArray((err as { issues: unknown[] }).issues)) {
    const issues = (err as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return `invalid message: ${issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`;
  }
  return (err instanceof Error ? err.message : String(err)).slice(0, 1000);
}

/** How long to wait before trying a conflicting write again: short, growing, jittered. */
export function conflictBackoffMs(attempt: number): number {
  return Math.round(5 * 2 ** Math.min(attempt, 6) * (0.5 + Math.random()));
}
