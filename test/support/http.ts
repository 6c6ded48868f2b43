/** Calling the local stack's HTTP API as a given officer. */
import { signLocalToken } from '@housing-inbox/api';
import type { Officer } from '@housing-inbox/core';
import { type LocalStack, readSecret } from '@housing-inbox/local';

/** One item of `GET /local/outbox`. */
export interface OutboxItem {
  channel: string;
  to: string;
  subject: string;
  body: string;
  caseRef: string;
  purpose: string;
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked by the assertions that read them.
  body: any;
}

export function apiAs(stack: () => LocalStack) {
  return async (officerId: string | null, method: string, path: string, body?: unknown): Promise<Reply> => {
    const s = stack();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (officerId) {
      const officer = s.officers.find((o) => o.id === officerId) as Officer;
      headers.authorization = `Bearer ${signLocalToken(officer, readSecret(s.dataDir))}`;
    }
    const res = await fetch(`${s.httpUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}
