import { DescribeTimeToLiveCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { getItem, type Harness, key, putItem, rejectionOf, startHarness, TABLE } from './helpers.js';

const NOW_S = 1_800_000_000;
const YEAR_S = 365 * 24 * 60 * 60;

describe('TTL emulation', () => {
  let h: Harness | undefined;
  let now = NOW_S * 1000;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    now = NOW_S * 1000;
  });

  const enableTtl = (harness: Harness, AttributeName = 'expiresAt') =>
    harness.client.send(
      new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { Enabled: true, AttributeName } }),
    );

  it('describes TTL as DISABLED, then ENABLED with its attribute after UpdateTimeToLive', async () => {
    // Prepare
    h = await startHarness();
    const before = await h.client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));

    // Act
    const updated = await enableTtl(h);
    const after = await h.client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));

    // Assess
    expect(before.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
    expect(updated.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expiresAt' });
    expect(after.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it.each([
    ['enabling twice', true, 'TimeToLive is already enabled'],
    ['disabling when disabled', false, 'TimeToLive is already disabled'],
  ])('refuses %s', async (_label, enabled, message) => {
    // Prepare
    h = await startHarness();
    if (enabled) await enableTtl(h);

    // Act
    const err = await rejectionOf(
      h.client.send(
        new UpdateTimeToLiveCommand({
          TableName: TABLE,
          TimeToLiveSpecification: { Enabled: enabled, AttributeName: 'expiresAt' },
        }),
      ),
    );

    // Assess
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(message);
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    // Prepare
    h = await startHarness();

    // Act
    const err = await rejectionOf(h.client.send(new DescribeTimeToLiveCommand({ TableName: 'no-such-table' })));

    // Assess
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it.each([
    ['expired a second ago', 'deleted', { N: String(NOW_S - 1) }, true],
    ['expiring now', 'deleted', { N: String(NOW_S) }, true],
    ['expiring in a minute', 'kept', { N: String(NOW_S + 60) }, false],
    ['expired six years ago (DynamoDB ignores those)', 'kept', { N: String(NOW_S - 6 * YEAR_S) }, false],
    ['whose TTL attribute is a string', 'kept', { S: String(NOW_S - 1) }, false],
  ])('an item %s is %s by a sweep', async (_label, _verdict, expiresAt, deleted) => {
    // Prepare
    h = await startHarness({ clock: () => now });
    await enableTtl(h);
    await putItem(h.client, { ...key('IDEM#1'), expiresAt });
    await putItem(h.client, key('NO-TTL'));

    // Act
    const count = await h.db.sweepExpiredItems();

    // Assess
    expect(count).toBe(deleted ? 1 : 0);
    expect(await getItem(h.client, key('IDEM#1'))).toEqual(deleted ? undefined : { ...key('IDEM#1'), expiresAt });
    expect(await getItem(h.client, key('NO-TTL'))).toBeDefined();
  });

  it('follows a clock that is moved forward', async () => {
    // Prepare
    h = await startHarness({ clock: () => now });
    await enableTtl(h);
    await putItem(h.client, { ...key('MARKER'), expiresAt: { N: String(NOW_S + 3600) } });
    const early = await h.db.sweepExpiredItems();

    // Act
    now += 3601 * 1000;
    const late = await h.db.sweepExpiredItems();

    // Assess
    expect([early, late]).toEqual([0, 1]);
    expect(await getItem(h.client, key('MARKER'))).toBeUndefined();
  });

  it('sweeps by itself on its interval', async () => {
    // Prepare
    h = await startHarness({ clock: () => now, ttlSweepIntervalMs: 20 });
    await enableTtl(h);

    // Act
    await putItem(h.client, { ...key('AUTO'), expiresAt: { N: String(NOW_S - 1) } });
    const deadline = Date.now() + 3000;
    while ((await getItem(h.client, key('AUTO'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    // Assess
    expect(await getItem(h.client, key('AUTO'))).toBeUndefined();
  });

  it('a budgeted sweep reads at most its items and the next goes on from there', async () => {
    // Prepare: 12 expired items and 4 that are not.
    h = await startHarness({ clock: () => now, ttlSweepIntervalMs: 0 });
    await enableTtl(h);
    for (let i = 0; i < 16; i++)
      await putItem(h.client, {
        ...key(`ITEM#${String(i).padStart(2, '0')}`),
        expiresAt: { N: String(NOW_S + (i < 12 ? -1 : 60)) },
      });

    // Act: sweeps of 5 items each, as the periodic sweep does with `ttlSweepItems`.
    const counts: number[] = [];
    for (let sweep = 0; sweep < 4; sweep++) counts.push(await h.db.sweepExpiredItems({ items: 5 }));

    // Assess: no sweep deleted more than it read; four sweeps of 5 covered all 16 items once.
    expect(counts.every((n) => n <= 5)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    expect(await h.db.sweepExpiredItems()).toBe(0);
    for (let i = 0; i < 16; i++)
      expect((await getItem(h.client, key(`ITEM#${String(i).padStart(2, '0')}`))) === undefined).toBe(i < 12);
  });
});
