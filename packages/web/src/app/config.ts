/** Runtime config: /console/config.json (the cloud deploy writes it; the local stack answers `auth: local`). */
export interface ConsoleConfig {
  auth: 'local' | 'cognito';
  cognitoDomain?: string;
  clientId?: string;
  redirectUri?: string;
  apiBaseUrl?: string;
}

declare global {
  interface Window {
    __INBOX_CONFIG__?: Partial<ConsoleConfig>;
  }
}

export async function loadConfig(): Promise<ConsoleConfig> {
  if (window.__INBOX_CONFIG__) return normalise(window.__INBOX_CONFIG__);
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
    if (res.ok) return normalise(await res.json());
  } catch {
    // fall through to the local default
  }
  return { auth: 'local' };
}

function normalise(raw: Partial<ConsoleConfig>): ConsoleConfig {
  if (raw.auth === 'cognito') {
    if (!raw.cognitoDomain || !raw.clientId || !raw.redirectUri) {
      throw new Error('config.json: cognito sign-in needs cognitoDomain, clientId and redirectUri');
    }
    return {
      auth: 'cognito',
      cognitoDomain: raw.cognitoDomain.replace(/\/+$/, ''),
      clientId: raw.clientId,
      redirectUri: raw.redirectUri,
      apiBaseUrl: raw.apiBaseUrl?.replace(/\/+$/, ''),
    };
  }
  return { auth: 'local', apiBaseUrl: raw.apiBaseUrl?.replace(/\/+$/, '') };
}
