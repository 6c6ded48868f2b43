/**
 * OAuth 2.0 authorization code flow with PKCE (RFC 7636) against Cognito's
 * hosted sign-in: no client secret in the browser, the verifier never leaves
 * this tab until the token exchange.
 */

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A code verifier: 32 random bytes, 43 characters of base64url (RFC 7636 §4.1). */
export function createVerifier(random: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(32))): string {
  return base64Url(random());
}

/** S256 code challenge: base64url(SHA-256(verifier)). */
export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function createState(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export interface CognitoClient {
  cognitoDomain: string;
  clientId: string;
  redirectUri: string;
}

export function authorizeUrl(
  client: CognitoClient,
  challenge: string,
  state: string,
  scope = 'openid email profile',
): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope,
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  return `${client.cognitoDomain}/oauth2/authorize?${params}`;
}

/** The token request body (application/x-www-form-urlencoded) for the code Cognito sent back. */
export function tokenRequestBody(client: CognitoClient, code: string, verifier: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: client.clientId,
    code,
    redirect_uri: client.redirectUri,
    code_verifier: verifier,
  });
}

export function logoutUrl(client: CognitoClient, logoutUri: string): string {
  return `${client.cognitoDomain}/logout?${new URLSearchParams({ client_id: client.clientId, logout_uri: logoutUri })}`;
}

/** What came back on the redirect: a code and the state we sent, or Cognito's error. */
export function readCallback(search: string, expectedState: string | null): { code: string } | { error: string } {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) return { error: params.get('error_description') ?? error };
  const code = params.get('code');
  if (!code) return { error: 'the sign-in page sent no code back' };
  if (!expectedState || params.get('state') !== expectedState) {
    return { error: 'the sign-in answer does not match this browser tab: please sign in again' };
  }
  return { code };
}

/** Seconds until a JWT expires (negative once expired); undefined when it carries no exp. */
export function secondsToExpiry(jwt: string, now = Date.now()): number | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json.exp === 'number' ? json.exp - Math.floor(now / 1000) : undefined;
  } catch {
    return undefined;
  }
}
