import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  base64Url,
  challengeFor,
  createVerifier,
  logoutUrl,
  readCallback,
  secondsToExpiry,
  tokenRequestBody,
} from '../src/app/pkce.js';

const client = {
  cognitoDomain: 'https://inbox.auth.eu-west-2.amazoncognito.com',
  clientId: 'abc123',
  redirectUri: 'https://console.example.org/console/callback',
};

describe('PKCE helpers', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes 43-character base64url verifiers from 32 random bytes, different each time', () => {
    const a = createVerifier();
    const b = createVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(createVerifier(() => new Uint8Array(32).fill(255))).toBe(`${'_'.repeat(42)}8`);
  });

  it('encodes base64url without padding', () => {
    expect(base64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('sends Cognito the code flow with the S256 challenge and state', () => {
    const url = new URL(authorizeUrl(client, 'CHALLENGE', 'STATE'));
    expect(url.origin + url.pathname).toBe('https://inbox.auth.eu-west-2.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'abc123',
      redirect_uri: client.redirectUri,
      scope: 'openid email profile',
      state: 'STATE',
      code_challenge_method: 'S256',
      code_challenge: 'CHALLENGE',
    });
  });

  it('exchanges the code with the verifier and no client secret', () => {
    expect(Object.fromEntries(tokenRequestBody(client, 'CODE', 'VERIFIER'))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'abc123',
      code: 'CODE',
      redirect_uri: client.redirectUri,
      code_verifier: 'VERIFIER',
    });
  });

  it.each([
    ['a matching state', '?code=C1&state=S1', 'S1', { code: 'C1' }],
    ['a different state', '?code=C1&state=EVIL', 'S1', { error: expect.stringContaining('does not match') }],
    ['no state kept in this tab', '?code=C1&state=S1', null, { error: expect.stringContaining('does not match') }],
    ['no code', '?state=S1', 'S1', { error: 'the sign-in page sent no code back' }],
    ["Cognito's error", '?error=access_denied&error_description=User+cancelled', 'S1', { error: 'User cancelled' }],
  ])('reads the redirect: %s', (_label, search, expected, result) => {
    expect(readCallback(search, expected)).toEqual(result);
  });

  it('builds the hosted sign-out address', () => {
    expect(logoutUrl(client, 'https://console.example.org/console/')).toBe(
      'https://inbox.auth.eu-west-2.amazoncognito.com/logout?client_id=abc123&logout_uri=https%3A%2F%2Fconsole.example.org%2Fconsole%2F',
    );
  });

  it('reads how long a token has left', () => {
    const payload = base64Url(new TextEncoder().encode(JSON.stringify({ exp: 1_000_060 })));
    expect(secondsToExpiry(`h.${payload}.s`, 1_000_000_000)).toBe(60);
    expect(secondsToExpiry('not-a-jwt')).toBeUndefined();
  });
});
