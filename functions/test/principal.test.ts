/**
 * Who a Cognito token names: the officer whose linked sign-in (`cognitoSub`)
 * it carries, never an officer found by email (issue 12, item 4).
 */
import type { Officer } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { identityFromClaims, principalFromClaims } from '../src/lib/principal.js';
import { cognitoClaims } from './support/events.js';

const SHARED = 'amira.davies@hightown.example';
const MANAGER_SUB = '0b1e4a52-7c4f-4a41-9a7e-3f1d2a9c8e10';
const OFFICER_SUB = '7d8ca528-4931-4254-9273-ea5ee853f271';

/** A directory written before emails were unique: a manager and an officer share one address. */
const ambiguous: Officer[] = [
  {
    id: 'hightown-manager',
    name: 'Amira Davies',
    email: SHARED,
    role: 'manager',
    teamId: 'customer-services',
    active: true,
    cognitoSub: MANAGER_SUB,
  },
  {
    id: 'support-officer-2',
    name: 'Amira Davies',
    email: SHARED,
    role: 'officer',
    teamId: 'support',
    active: true,
    cognitoSub: OFFICER_SUB,
  },
  {
    id: 'new-starter',
    name: 'Nia New',
    email: 'nia.new@hightown.example',
    role: 'officer',
    teamId: 'support',
    active: true,
  },
];

const token = (sub: string, email: string, extra: Record<string, string> = {}) =>
  cognitoClaims({
    sub,
    'cognito:username': sub,
    email,
    'cognito:groups': '[officer]',
    'custom:team': 'support',
    ...extra,
  });

describe('principalFromClaims', () => {
  it('resolves the officer sharing a manager’s email to the officer, by their sign-in', () => {
    const { principal } = principalFromClaims(token(OFFICER_SUB, SHARED), ambiguous);
    expect(principal).toEqual({ officerId: 'support-officer-2', role: 'officer', teamId: 'support' });
  });

  it('never resolves a sign-in nobody linked to the officer whose email it carries — not even a manager', () => {
    const stranger = 'e0e0e0e0-3333-4a41-9a7e-3f1d2a9c8e03';
    expect(() => principalFromClaims(token(stranger, SHARED), ambiguous)).toThrow('unknown officer');
  });

  it('tells a new starter which sign-in id a manager must link, and lets them in only once it is', () => {
    const sub = 'f1f1f1f1-4444-4a41-9a7e-3f1d2a9c8e04';
    const claims = token(sub, 'Nia.New@hightown.example');
    expect(() => principalFromClaims(claims, ambiguous)).toThrow(`link sign-in ${sub}`);
    const linked = ambiguous.map((o) => (o.id === 'new-starter' ? { ...o, cognitoSub: sub } : o));
    expect(principalFromClaims(claims, linked).principal.officerId).toBe('new-starter');
  });

  it('gives no hint from an email Cognito has not verified', () => {
    const claims = token('f1f1f1f1-4444-4a41-9a7e-3f1d2a9c8e04', 'nia.new@hightown.example', {
      email_verified: 'false',
    });
    expect(() => principalFromClaims(claims, ambiguous)).toThrow('unknown officer');
  });

  it('follows the sign-in, whatever email the token now carries', () => {
    const { principal } = principalFromClaims(token(MANAGER_SUB, 'someone.else@hightown.example'), ambiguous);
    expect(principal.officerId).toBe('hightown-manager');
  });

  it('refuses a linked officer who has left', () => {
    const left = ambiguous.map((o) => (o.id === 'support-officer-2' ? { ...o, active: false } : o));
    expect(() => principalFromClaims(token(OFFICER_SUB, SHARED), left)).toThrow('no longer active');
  });

  it('refuses a token without a sub', () => {
    expect(() => identityFromClaims({ email: SHARED, email_verified: 'true' })).toThrow('names no sign-in');
  });
});
