/**
 * The officer behind a request in the cloud. API Gateway's JWT authorizer has
 * already checked the Cognito token's signature, issuer, audience and expiry
 * and hands over its claims. The claims only say who is asking; the officer
 * directory decides what they may do (role and team), so a deactivated officer
 * is shut out at once and no token can raise its holder's role.
 */
import { AuthError, type Principal, principalFor } from '@housing-inbox/api';
import type { Officer } from '@housing-inbox/core';

export interface ClaimedIdentity {
  /** The Cognito user's `sub`: stable for the life of the account, never reused, never edited by its holder. */
  sub: string;
  /** The email, only once Cognito has verified it (a hint for whom to link, never an identity). */
  email?: string;
  /** Roles the token's `cognito:groups` name (informational: the directory decides). */
  groups: string[];
  team?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** API Gateway flattens array claims into one string, "[manager officer]"; ID tokens read directly give arrays. */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  const s = text(value);
  if (!s) return [];
  return s
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function identityFromClaims(claims: Record<string, unknown> | undefined): ClaimedIdentity {
  if (!claims) throw new AuthError('missing bearer token');
  const sub = text(claims.sub);
  if (!sub) throw new AuthError('the token names no sign-in');
  // A user who changes their own email attribute to a colleague's must not even hint at that colleague.
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  const email = verified ? text(claims.email)?.toLowerCase() : undefined;
  return { sub, email, groups: list(claims['cognito:groups']), team: text(claims['custom:team']) };
}

export interface ClaimedPrincipal {
  principal: Principal;
  /** True when the token's groups or team say something other than the directory (worth an operator's look). */
  claimsDiffer: boolean;
}

/**
 * The officer whose linked sign-in (`cognitoSub`) the token carries; an inactive officer is
 * refused. Never by email: two directory entries may once have shared one, and an email names
 * whom a new sign-in is for only until a manager links it
 * (`POST /api/officers/{id}/link-sign-in`) — the refusal says what to ask for.
 */
export function principalFromClaims(
  claims: Record<string, unknown> | undefined,
  officers: readonly Officer[],
): ClaimedPrincipal {
  const identity = identityFromClaims(claims);
  const officer = officers.find((o) => o.cognitoSub === identity.sub);
  if (!officer) throw new AuthError(unlinked(identity, officers));
  const principal = principalFor(officer.id, officers);
  const claimsDiffer =
    (identity.groups.length > 0 && !identity.groups.includes(principal.role)) ||
    (identity.team !== undefined && identity.team !== principal.teamId);
  return { principal, claimsDiffer };
}

/** Why a sign-in names no officer: a new sign-in (one unlinked officer has its verified email) waits for a manager. */
function unlinked(identity: ClaimedIdentity, officers: readonly Officer[]): string {
  const waiting = identity.email
    ? officers.filter((o) => o.active && !o.cognitoSub && o.email.toLowerCase() === identity.email)
    : [];
  if (waiting.length !== 1) return 'unknown officer';
  return `this sign-in is not linked to an officer yet: ask a manager to link sign-in ${identity.sub} to your directory entry`;
}
