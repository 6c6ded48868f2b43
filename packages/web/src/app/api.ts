/** The officer API over fetch: bearer token, JSON, and errors with their per-field problems. */

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  blob(path: string): Promise<Blob>;
}

export function createApi(options: { baseUrl?: string; token: () => string | null; onUnauthorised?: () => void }): Api {
  const base = options.baseUrl ?? '';
  const call = async (method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${path.startsWith('/local/') ? '' : base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'omit',
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'offline', 'The server could not be reached. Check your connection and try again.');
    }
    if (res.ok) return res;
    let error: { code?: string; message?: string; fields?: Record<string, string> } = {};
    try {
      error = ((await res.json()) as { error?: typeof error }).error ?? {};
    } catch {
      // not JSON
    }
    if (res.status === 401) options.onUnauthorised?.();
    throw new ApiError(
      res.status,
      error.code ?? String(res.status),
      error.message ?? `The server answered ${res.status}`,
      error.fields ?? {},
    );
  };
  return {
    get: async (path, signal) => (await call('GET', path, undefined, signal)).json(),
    post: async (path, body) => (await call('POST', path, body ?? {})).json(),
    put: async (path, body) => (await call('PUT', path, body ?? {})).json(),
    blob: async (path) => (await call('GET', path)).blob(),
  };
}
