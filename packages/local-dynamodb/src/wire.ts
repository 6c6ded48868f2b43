import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { DynamoError, type WireBody } from './errors.js';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Headers dynalite insists on: it checks that a SigV4 header is present, not that it is valid. */
const fakeSignature = (): Record<string, string> => {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  return {
    'x-amz-date': date,
    authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
  };
};

/**
 * Speaks DynamoDB's JSON wire protocol to the internal dynalite server. It uses
 * wire JSON directly (not an SDK client) so items pass through byte for byte:
 * binary attributes stay base64 strings and numbers stay strings.
 */
export class DynaliteWire {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Forwards a request as received and returns dynalite's answer untouched. */
  raw(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer,
    timeoutMs?: number,
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (timeoutMs !== undefined)
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`dynalite did not answer within ${timeoutMs} ms`)));
      req.end(body);
    });
  }

  /** Calls one operation; resolves with the output or rejects with the DynamoDB error. */
  async call<T = WireBody>(operation: string, input: WireBody, timeoutMs?: number): Promise<T> {
    const res = await this.raw(
      'POST',
      '/',
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
        ...fakeSignature(),
      },
      Buffer.from(JSON.stringify(input)),
      timeoutMs,
    );
    const text = res.body.toString('utf8');
    let parsed: WireBody;
    try {
      parsed = text ? (JSON.parse(text) as WireBody) : {};
    } catch {
      throw new DynamoError('InternalServerError', `dynalite answered ${operation} with non-JSON: ${text}`, 500);
    }
    if (res.status !== 200) throw DynamoError.fromBody(res.status, parsed);
    return parsed as T;
  }

  destroy(): void {
    this.agent.destroy();
  }
}
