/**
 * The daily retention function on the real repository (local DynamoDB) and the
 * mocked bucket: a case closed longer ago than the policy's period is erased
 * (its raw payload deleted from S3), the run is on the audit trail as
 * `retention`, and the log carries counts and references, never a resident's words.
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetentionHandler } from '../src/retention.js';
import { invoke, startTestbed, type Testbed } from './support/testbed.js';

const MANAGER = { officerId: 'grace', role: 'manager' as const, teamId: 'customer-services' };

describe('retention function', () => {
  let bed: Testbed;
  let ref: string;

  beforeAll(async () => {
    bed = await startTestbed();
    const fields = { name: 'Wilhelmina Retainer', email: 'wilhelmina@resident.example', message: 'Bins not emptied' };
    const result = await bed.runtime.services.submitContact(fields, {
      raw: new TextEncoder().encode(JSON.stringify(fields)),
      contentType: 'application/json',
    });
    if (!result.ok || !('ref' in result)) throw new Error('the form was not filed');
    ref = result.ref;
    await bed.runtime.services.commands.close(MANAGER, ref, { reason: 'Bins emptied' });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('erases a case closed more than six years ago, deletes its files, and audits the run', async () => {
    const before = await bed.runtime.repository.getCaseWithHistory(ref);
    const rawKey = before?.messages[0]?.rawKey;
    expect(rawKey && bed.objects.has(rawKey)).toBe(true);
    bed.clock.set('2033-01-04T03:00:00Z');

    const result = await invoke(createRetentionHandler({ runtime: () => bed.runtime, logger: bed.logger }), {});

    expect(result).toEqual({ erased: 1, held: 0 });
    const after = await bed.runtime.repository.getCaseWithHistory(ref);
    expect(after?.case.subject).toBe('[erased]');
    expect(after?.case.erased).toMatchObject({ by: 'retention' });
    expect(after?.messages[0]?.text).toBe('[erased]');
    expect(after?.contact?.email).toBeUndefined();
    expect(bed.s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Key: rawKey });
    expect(bed.objects.has(rawKey as string)).toBe(false);
    const { items } = await bed.runtime.audit.list({ limit: 5, actions: ['retention-run'] });
    expect(items[0]).toMatchObject({ officerId: 'retention', detail: { erased: [ref], dryRun: false } });
    expect(bed.logs()).toContain(ref);
    expect(bed.logs()).not.toContain('Wilhelmina');
  });
});
