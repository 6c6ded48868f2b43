/**
 * Releasing from quarantine at the services' level (the e2e file has spam, a DMARC spoof and an
 * unreadable email through the running stack): each channel's kept payload is read back by its
 * own parser and filed with the clock of its arrival; what may not be released is refused and
 * left as it was.
 */
import { acceptDelivery, CommandError, HeldByVerdict, quarantineDelivery } from '@housing-inbox/core';
import { createRelease } from '@housing-inbox/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestBed, ingestBed } from './support/ingest.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('releasing a quarantined delivery', () => {
  let bed: IngestBed;
  let release: ReturnType<typeof createRelease>;
  beforeAll(async () => {
    bed = await ingestBed();
    release = createRelease(bed.deps);
  });
  afterAll(async () => {
    await bed?.stop();
  });

  /** Kept aside by a transport that gave up on it (as the letters folder does after its retries). */
  const heldAside = async (channel: 'sms' | 'web-form' | 'letter', body: string, contentType: string) => {
    const outcome = await quarantineDelivery(
      bed.deps,
      { channel, raw: bytes(body), contentType },
      'a fault since fixed',
    );
    return (outcome as { quarantineId: string }).quarantineId;
  };

  it.each([
    [
      'a text',
      'sms',
      JSON.stringify({
        originationNumber: '+447700900432',
        destinationNumber: '+447700900100',
        messageBody: 'The lift at Birch Court is stuck again',
        inboundMessageId: 'release-sms-1',
      }),
      'application/json',
    ],
    [
      'a form posted as JSON',
      'web-form',
      JSON.stringify({ name: 'Jo Tenant', email: 'jo@resident.example', message: 'Fence blown down' }),
      'application/json',
    ],
    [
      'a form posted form-encoded',
      'web-form',
      'name=Kim+Tenant&phone=07700900433&message=Gutter+leaking',
      'application/x-www-form-urlencoded',
    ],
  ] as const)('files %s on a case whose clock starts when it arrived', async (_, channel, body, contentType) => {
    const id = await heldAside(channel, body, contentType);
    const arrived = (await bed.store.repository.getQuarantined(id))?.receivedAt;
    bed.clock.advanceMs(3 * 3_600_000);

    const result = await release('manager-1', id);

    expect(result).toMatchObject({ released: true, release: { by: 'manager-1', outcome: 'created' } });
    const ref = result.released ? result.release.caseRef : undefined;
    const kase = await bed.store.repository.getCase(ref as string);
    expect(kase).toMatchObject({ channel, receivedAt: arrived });
    expect((await bed.store.repository.getQuarantined(id))?.released?.caseRef).toBe(ref);
  });

  it.each([
    ['a virus', 'virus', /never released/],
    ['a letter', 'letter', /upload it again/],
  ] as const)('refuses to release %s and leaves it as it was', async (_, what, message) => {
    const outcome =
      what === 'virus'
        ? await acceptDelivery(bed.deps, {
            channel: 'email',
            raw: bytes('From: a@b.example\r\n\r\nEICAR'),
            contentType: 'message/rfc822',
            parse: () => {
              throw new HeldByVerdict('SES found a virus', 'email', 'virus');
            },
          })
        : { quarantineId: await heldAside('letter', '%PDF-1.4 unreadable', 'application/pdf') };
    const id = (outcome as { quarantineId: string }).quarantineId;
    const before = await bed.store.repository.getQuarantined(id);

    await expect(release('manager-1', id)).rejects.toThrow(message);
    await expect(release('manager-1', id)).rejects.toBeInstanceOf(CommandError);
    expect(await bed.store.repository.getQuarantined(id)).toEqual(before);
  });

  it('refuses a payload erased since, and an id that is not in quarantine', async () => {
    const id = await heldAside('sms', '{"broken":', 'application/json');
    const entry = await bed.store.repository.getQuarantined(id);
    await bed.deps.blobs.delete(entry?.rawKey as string);

    await expect(release('manager-1', id)).rejects.toThrow(/no longer kept/);
    await expect(release('manager-1', 'no-such-id')).rejects.toMatchObject({ kind: 'not-found' });
  });
});
