/** The timers' items in the case table, on the local DynamoDB with the real table definition. */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { type LocalDynamoDB, startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTableInput, DynamoGenerationCounter, DynamoWakeUpRepository } from '../src/index.js';

const REF = 'HT-2026-000001';

let db: LocalDynamoDB;
let client: DynamoDBClient;
let tableName: string;
let tables = 0;

beforeAll(async () => {
  db = await startLocalDynamoDB({});
  client = new DynamoDBClient(db.clientConfig);
});
beforeEach(async () => {
  tableName = `cases-${++tables}`;
  await client.send(new CreateTableCommand(createTableInput(tableName)));
});
afterAll(async () => {
  client?.destroy();
  await db?.stop();
});

describe('DynamoWakeUpRepository items', () => {
  it('uses the base keys only: TIMER#<ref>/#WAKEUP and WAKEUPS/<at>#<ref>', async () => {
    const store = new DynamoWakeUpRepository({ tableName, awsSdkV3Client: client });
    await store.set('BT-2026-000009', '2026-03-04T10:00:00.000Z', 'delay-update:x:1');
    const items = (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
    expect(items.map((i) => `${i.pk?.S} ${i.sk?.S}`).sort()).toEqual([
      'TIMER#BT-2026-000009 #WAKEUP',
      'WAKEUPS 2026-03-04T10:00:00.000Z#BT-2026-000009',
    ]);
    expect(items.every((i) => !Object.keys(i).some((k) => k.startsWith('gsi')))).toBe(true);
  });
});

describe('DynamoGenerationCounter in the case table', () => {
  it('keeps TIMER#<ref> / #GENERATION on the base keys, beside the wake-up item', async () => {
    // Prepare
    const counter = new DynamoGenerationCounter({ tableName, awsSdkV3Client: client });
    const wakeUps = new DynamoWakeUpRepository({ tableName, awsSdkV3Client: client });
    await wakeUps.set(REF, '2026-03-13T09:00:00.000Z', 'owner-warning:2026-03-17');

    // Act
    await counter.next(REF);

    // Assess
    const item = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: `TIMER#${REF}` }, sk: { S: '#GENERATION' } } }),
    );
    expect(item.Item).toEqual({
      pk: { S: `TIMER#${REF}` },
      sk: { S: '#GENERATION' },
      generation: { N: '2' },
      entity: { S: 'timer-generation' },
      caseRef: { S: REF },
    });
    expect(await wakeUps.all()).toEqual([
      { caseRef: REF, at: '2026-03-13T09:00:00.000Z', key: 'owner-warning:2026-03-17' },
    ]);
  });
});
