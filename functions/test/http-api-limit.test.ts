import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApiHandler } from '../src/http-api.js';
import { type HttpApiEvent, viewerAddress } from '../src/lib/api-gateway.js';
import { type HttpOptions, httpApiEvent, residentForm } from './support/events.js';
import { invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

const event = (options: Omit<HttpOptions, 'path'>) => httpApiEvent({ path: '/contact', ...options }) as HttpApiEvent;

describe('the viewer address the form limit is keyed by', () => {
  it.each([
    ['CloudFront-Viewer-Address (IPv4)', { 'cloudfront-viewer-address': '198.51.100.7:51234' }, '198.51.100.7'],
    ['CloudFront-Viewer-Address (IPv6)', { 'CloudFront-Viewer-Address': '2001:db8::42:443' }, '2001:db8::42'],
    ['the first X-Forwarded-For entry', { 'x-forwarded-for': '192.0.2.9, 130.176.0.1' }, '192.0.2.9'],
  ])('takes %s first', (_label, headers, expected) => {
    expect(viewerAddress(event({ headers }))).toBe(expected);
  });

  it("falls back to API Gateway's sourceIp", () => {
    const e = event({ sourceIp: '192.0.2.200' });
    delete (e.headers as Record<string, string>)['x-forwarded-for'];
    expect(viewerAddress(e)).toBe('192.0.2.200');
  });
});

describe('the resident form in the cloud is limited per viewer', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createHttpApiHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createHttpApiHandler({ runtime: () => bed.runtime, logger: bed.logger, contactRateLimit: 2 });
  });
  afterAll(async () => {
    await bed.stop();
  });

  const post = async (viewer: string, n: number) => {
    const result = (await invoke(
      handler,
      httpApiEvent({
        method: 'POST',
        path: '/contact',
        // Through CloudFront: every request reaches API Gateway from an edge address.
        headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `${viewer}:40000` },
        sourceIp: '130.176.0.1',
        body: JSON.stringify({ ...residentForm, preferredChannel: 'email', message: `Question ${n} from ${viewer}` }),
      }),
      lambdaContext('http-api'),
    )) as APIGatewayProxyStructuredResultV2;
    return result.statusCode;
  };

  it('refuses a viewer over the limit with 429 and still takes another viewer', async () => {
    const first = [await post('198.51.100.7', 1), await post('198.51.100.7', 2), await post('198.51.100.7', 3)];
    const other = await post('198.51.100.8', 1);

    expect(first).toEqual([201, 201, 429]);
    expect(other).toBe(201);
    const { items } = await bed.runtime.repository.listQueue({ queue: 'all' });
    expect(items).toHaveLength(3);
  });

  it('logs no viewer address', () => {
    expect(bed.logs()).not.toContain('198.51.100.7');
  });
});
