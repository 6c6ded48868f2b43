/**
 * Signing in. Locally: choose a seeded officer, the local stack signs a token.
 * In the cloud: Cognito's hosted sign-in with PKCE; the ID token (it carries
 * the officer's groups) is sent to the API as the bearer token.
 * Tokens live in sessionStorage: one tab, gone when it closes.
 */
import { type AnswerOf, type BodyOf, pathOf } from './api.js';
import type { ConsoleConfig } from './config.js';
import {
  authorizeUrl,
  type CognitoClient,
  challengeFor,
  createState,
  createVerifier,
  logoutUrl,
  readCallback,
  secondsToExpiry,
  tokenRequestBody,
} from './pkce.js';
import type { ApiErrorBody, Officer } from './types.js';

const TOKEN = 'inbox.token';
const VERIFIER = 'inbox.pkce.verifier';
const STATE = 'inbox.pkce.state';
const RETURN_TO = 'inbox.returnTo';

export function storedToken(): string | null {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  const left = secondsToExpiry(token);
  if (left !== undefined && left < 30) {
    sessionStorage.removeItem(TOKEN);
    return null;
  }
  return token;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN);
}

export function rememberReturnTo(path: string): void {
  sessionStorage.setItem(RETURN_TO, path);
}

export function takeReturnTo(): string | null {
  const path = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return path?.startsWith('/console/') ? path : null;
}

export async function localOfficers(): Promise<Officer[]> {
  const res = await fetch(pathOf('GET /local/officers', {}), { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`the local stack answered ${res.status}`);
  return ((await res.json()) as AnswerOf<'GET /local/officers'>).items;
}

export async function signInLocal(officerId: string): Promise<string> {
  const input: BodyOf<'POST /local/sign-in'> = { officerId };
  const res = await fetch(pathOf('POST /local/sign-in', {}), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Partial<AnswerOf<'POST /local/sign-in'>> & { error?: Partial<ApiErrorBody> };
  if (!res.ok || !body.token) throw new Error(body.error?.message ?? `sign-in failed (${res.status})`);
  storeToken(body.token);
  return body.token;
}

function cognitoClient(config: ConsoleConfig): CognitoClient {
  if (config.auth !== 'cognito' || !config.cognitoDomain || !config.clientId || !config.redirectUri) {
    throw new Error('Cognito sign-in is not configured');
  }
  return { cognitoDomain: config.cognitoDomain, clientId: config.clientId, redirectUri: config.redirectUri };
}

/** Sends the browser to Cognito's hosted sign-in page. */
export async function startCognitoSignIn(config: ConsoleConfig): Promise<void> {
  const client = cognitoClient(config);
  const verifier = createVerifier();
  const state = createState();
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  window.location.assign(authorizeUrl(client, await challengeFor(verifier), state));
}

/** On /console/callback: checks the state, swaps the code for tokens, keeps the ID token. */
export async function completeCognitoSignIn(config: ConsoleConfig, search: string): Promise<string> {
  const client = cognitoClient(config);
  const verifier = sessionStorage.getItem(VERIFIER);
  const answer = readCallback(search, sessionStorage.getItem(STATE));
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  if ('error' in answer) throw new Error(answer.error);
  if (!verifier) throw new Error('this tab did not start the sign-in: please sign in again');
  const res = await fetch(`${client.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(client, answer.code, verifier),
  });
  const tokens = (await res.json()) as { id_token?: string; error?: string };
  if (!res.ok || !tokens.id_token) throw new Error(`sign-in failed: ${tokens.error ?? res.status}`);
  storeToken(tokens.id_token);
  return tokens.id_token;
}

export function signOutUrl(config: ConsoleConfig): string | null {
  if (config.auth !== 'cognito') return null;
  return logoutUrl(cognitoClient(config), new URL('/console/', window.location.origin).toString());
}
