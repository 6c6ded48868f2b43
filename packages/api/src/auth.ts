/**
 * Who is calling. In the cloud API Gateway's Cognito JWT authorizer has already
 * checked the token and hands over its claims; locally the stack signs its own
 * HS256 tokens with a secret kept in the data folder.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor, Officer, OfficerRole } from '@housing-inbox/core';

/** The caller, as core's access rules know them. */
export type Principal = Actor;

export class AuthError extends Error {
  override name = 'AuthError';
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export interface LocalTokenClaims {
  sub: string;
  email: string;
  role: OfficerRole;
  team: string;
  iss: string;
  iat: number;
  exp: number;
}

export const LOCAL_ISSUER = 'housing-inbox-local';

export function signLocalToken(officer: Officer, secret: string, now = new Date(), ttlDays = 30): string {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: LocalTokenClaims = {
    sub: officer.id,
    email: officer.email,
    role: officer.role,
    team: officer.teamId,
    iss: LOCAL_ISSUER,
    iat,
    exp: iat + ttlDays * 86_400,
  };
  const head = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** Checks signature, issuer and expiry (wall-clock time: token expiry is not a business deadline). */
export function verifyLocalToken(token: string, secret: string, now = new Date()): LocalTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new AuthError('malformed token');
  const [head, body, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AuthError('bad token signature');
  let claims: LocalTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new AuthError('malformed token');
  }
  if (claims.iss !== LOCAL_ISSUER) throw new AuthError('token from another issuer');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < now.getTime()) throw new AuthError('token expired');
  return claims;
}

export function bearerToken(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) throw new AuthError('missing bearer token');
  return m[1];
}

/**
 * The officer a verified token names by their directory id, checked against
 * the directory: a deactivated officer's token stops working at once. Never
 * by email — an email is a contact detail, not an identity.
 */
export function principalFor(officerId: string, officers: readonly Officer[]): Principal {
  const officer = officers.find((o) => o.id === officerId);
  if (!officer) throw new AuthError('unknown officer');
  if (!officer.active) throw new AuthError('officer is no longer active');
  return { officerId: officer.id, role: officer.role, teamId: officer.teamId };
}
