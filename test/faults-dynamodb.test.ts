/**
 * DynamoDB failing under ingest, injected by SDK middleware on the repository's own client (per
 * attempt, inside the SDK's retries): throttling and 5xx are retried and the message is filed
 * once; a store that stays down makes ingest refuse the delivery as retryable — never a
 * quarantine, never a loss — with its payload already kept, and the same delivery later is
 * filed exactly once.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest } from './support/ingest.js';
import { rawEmail } from './support/mail.js';

/** Fails the matching attempts with `error()`; counts attempts and injected failures. */
function injectFailures(client: DynamoDBClient, shouldFail: (operation: string, attempt: number) => boolean) {
  const seen = { attempts: 0, injected: 0, byError: {} as Record<string, number> };
  let attempt = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      seen.attempts++;
      attempt++;
      if (shouldFail(String(context.commandName).replace(/Command$/, ''), attempt)) {
        seen.injected++;
        const throttle = seen.injected % 2 === 1;
        const name = throttle ? 'ThrottlingException' : 'InternalServerError';
        seen.byError[name] = (seen.byError[name] ?? 0) + 1;
        throw Object.assign(
          new Error(throttle ? 'Rate of requests exceeds the allowed throughput.' : 'Internal server error'),
          {
            name,
            $fault: throttle ? 'client' : 'server',
            $metadata: { httpStatusCode: throttle ? 400 : 500, attempts: 1 },
          },
        );
      }
      return next(args);
    },
    { step: 'deserialize', name: 'injectFailures' },
  );
  return seen;
}

const raw = (id: string) =>
  rawEmail({
    id,
    subject: 'Boiler not working',
    body: 'No heating since Monday.',
    from: `"Rhys" <${id}@resident.example>`,
  });

describe('ingest while DynamoDB throttles or fails', () => {
  const bed = ingestBedPerTest();

  it('retries throttled and failed requests and files the email on one new case', async () => {
    // Prepare: every other attempt fails, alternately throttled and 500
    const seen = injectFailures(bed.store.client, (_op, attempt) => attempt % 2 === 1);

    // Act
    const outcome = await bed.email(raw('retry-1'));

    // Assess
    expect(outcome.outcome).toBe('created');
    expect(seen.byError).toMatchObject({
      ThrottlingException: expect.any(Number),
      InternalServerError: expect.any(Number),
    });
    const ref = (outcome as { caseRef: string }).caseRef;
    expect((await bed.store.repository.getCaseWithHistory(ref))?.messages).toHaveLength(1);
    expect((await bed.store.repository.listQuarantine()).items).toEqual([]);
  });

  it('refuses a delivery as retryable while the store stays down, keeps its payload, and files it once when redelivered', async () => {
    // Prepare: every transaction fails on every attempt
    let down = true;
    const seen = injectFailures(bed.store.client, (op) => down && op === 'TransactWriteItems');
    const email = raw('down-1');

    // Act
    const refused = await bed.email(email).then(
      () => undefined,
      (err: unknown) => err as { name?: string; $metadata?: { attempts?: number } },
    );
    down = false;
    const later = await bed.email(email);
    const again = await bed.email(email);

    // Assess
    expect(refused?.name).toMatch(/ThrottlingException|InternalServerError/);
    expect(seen.injected).toBeGreaterThanOrEqual(3); // the SDK tried more than once before giving up
    const sha = createHash('sha256').update(email).digest('hex');
    expect(await bed.store.blobs.get(`raw/email/${sha}`)).toBeDefined();
    expect((await bed.store.repository.listQuarantine()).items).toEqual([]);
    expect(later.outcome).toBe('created');
    expect(again.outcome).toBe('duplicate');
  });
});
