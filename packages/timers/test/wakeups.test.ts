import { DynamoWakeUpRepository } from '@housing-inbox/store';
import { describe, expect, it } from 'vitest';
import { InMemoryWakeUpStore, type WakeUpStore } from '../src/index.js';
import { useLocalDynamoDB } from './support/dynamo.js';

const local = useLocalDynamoDB();

async function dynamoStore(): Promise<WakeUpStore> {
  return new DynamoWakeUpRepository({ tableName: await local.newTable('wakeups'), awsSdkV3Client: local.client });
}

describe.each([
  ['in memory', async () => new InMemoryWakeUpStore()],
  ['DynamoDB', dynamoStore],
])('WakeUpStore %s', (_, makeStore) => {
  it('lists what is due at an instant, soonest first, ties by case', async () => {
    const store = await makeStore();
    await store.set('HT-2026-000003', '2026-03-18T09:00:00.000Z', 'delay-update:2026-03-17:1');
    await store.set('HT-2026-000001', '2026-03-13T09:00:00Z', 'owner-warning:2026-03-17');
    await store.set('HT-2026-000002', '2026-03-18T09:00:00.000Z', 'manager-alert:2026-03-17');
    expect(await store.due(new Date('2026-03-12T00:00:00Z'))).toEqual([]);
    expect((await store.due(new Date('2026-03-18T09:00:00.000Z'))).map((w) => w.caseRef)).toEqual([
      'HT-2026-000001',
      'HT-2026-000002',
      'HT-2026-000003',
    ]);
    expect(await store.due(new Date('2026-03-13T09:00:00.000Z'))).toEqual([
      { caseRef: 'HT-2026-000001', at: '2026-03-13T09:00:00.000Z', key: 'owner-warning:2026-03-17' },
    ]);
  });

  it('keeps one wake-up per case: setting again moves it, remove drops it', async () => {
    const store = await makeStore();
    await store.set('HT-2026-000001', '2026-03-13T09:00:00.000Z', 'owner-warning:2026-03-17');
    await store.set('HT-2026-000001', '2026-03-25T09:00:00.000Z', 'owner-warning:2026-03-27');
    expect(await store.all()).toEqual([
      { caseRef: 'HT-2026-000001', at: '2026-03-25T09:00:00.000Z', key: 'owner-warning:2026-03-27' },
    ]);
    expect(await store.due(new Date('2026-03-20T00:00:00Z'))).toEqual([]);
    await store.set('HT-2026-000001', '2026-03-25T09:00:00.000Z', 'delay-update:2026-03-24:1');
    expect((await store.all()).map((w) => w.key)).toEqual(['delay-update:2026-03-24:1']);
    await store.remove('HT-2026-000001');
    await store.remove('HT-2026-000001');
    expect(await store.all()).toEqual([]);
  });
});
