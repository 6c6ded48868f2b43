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
  /** Ways the token names the officer, most specific first: Cognito sub, email, username. */
  candidates: string[];
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
  // An email names an officer only once Cognito has verified it: a user who changes their own
  // email attribute to a colleague's must not become that colleague.
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  const email = verified ? text(claims.email) : undefined;
  const candidates = [
    text(claims.sub),
    email,
    email?.toLowerCase(),
    text(claims['cognito:username']),
    text(claims.username),
  ]
    .filter((c): c is string => Boolean(c))
    .filter((c, i, all) => all.indexOf(c) === i);
  if (candidates.length === 0) throw new AuthError('the token names no officer');
  return { candidates, groups: list(claims['cognito:groups']), team: text(claims['custom:team']) };
}

export interface ClaimedPrincipal {
  principal: Principal;
  /** True when the token's groups or team say something other than the directory (worth an operator's look). */
  claimsDiffer: boolean;
}

/** The first directory entry the token names; an inactive officer is refused even if another name would match. */
export function principalFromClaims(
  claims: Record<string, unknown> | undefined,
  officers: readonly Officer[],
): ClaimedPrincipal {
  const identity = identityFromClaims(claims);
  const candidate = identity.candidates.find((c) => officers.some((o) => o.id === c || o.email === c));
  if (!candidate) throw new AuthError('unknown officer');
  const principal = principalFor(candidate, officers);
  const claimsDiffer =
    (identity.groups.length > 0 && !identity.groups.includes(principal.role)) ||
    (identity.team !== undefined && identity.team !== principal.teamId);
  return { principal, claimsDiffer };
}
