/** node's http ↔ the transport-free ApiRequest/ApiResponse. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, ApiResponse } from '@housing-inbox/api';

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function toApiRequest(req: IncomingMessage, body: Uint8Array): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return {
    method: req.method ?? 'GET',
    path: url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    sourceIp: req.socket.remoteAddress,
  };
}

export function send(res: ServerResponse, response: ApiResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
