import { type DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem, type Harness, key, putItem, startHarness, TABLE } from './helpers.js';

/** Reads the counter, then writes version+1 on condition that nobody else has: optimistic locking. */
async function increment(client: DynamoDBClient, pk: string): Promise<'committed' | string[]> {
  const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: key(pk), ConsistentRead: true }));
  const seen = Item?.version?.N ?? '0';
  try {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: TABLE,
              Key: key(pk),
              UpdateExpression: 'SET version = :next, history = list_append(history, :entry)',
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: {
                ':seen': { N: seen },
                ':next': { N: String(Number(seen) + 1) },
                ':entry': { L: [{ N: String(Number(seen) + 1) }] },
              },
            },
          },
          { Put: { TableName: TABLE, Item: { ...key(`${pk}#LOG`, `v${Number(seen) + 1}`) } } },
        ],
      }),
    );
    return 'committed';
  } catch (err) {
    const e = err as { name: string; CancellationReasons?: { Code?: string }[] };
    if (e.name !== 'TransactionCanceledException') throw err;
    return (e.CancellationReasons ?? []).map((r) => r.Code ?? '?');
  }
}

describe('transactions under concurrency', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['20 clients at once', 20],
    ['50 clients at once', 50],
  ])('%s incrementing one counter lose no update and report every cancellation', async (_label, clients) => {
    // Prepare
    const pk = `COUNTER#${clients}`;
    await putItem(h.client, { ...key(pk), version: { N: '0' }, history: { L: [] } });
    const senders = Array.from({ length: clients }, () => h.newClient());

    // Act
    const outcomes = await Promise.all(senders.map((c) => increment(c, pk)));

    // Assess
    const committed = outcomes.filter((o) => o === 'committed').length;
    const cancelled = outcomes.filter((o) => o !== 'committed');
    const counter = await getItem(h.client, key(pk));
    expect(committed).toBeGreaterThanOrEqual(1);
    expect(committed + cancelled.length).toBe(clients);
    expect(counter?.version).toEqual({ N: String(committed) });
    expect(counter?.history?.L?.map((v) => v.N)).toEqual(Array.from({ length: committed }, (_, i) => String(i + 1)));
    for (const reasons of cancelled) expect(reasons).toEqual(['ConditionalCheckFailed', 'None']);
  });

  it('10 writers retrying until committed get every increment in, each exactly once', async () => {
    // Prepare
    const pk = 'COUNTER#RETRY';
    await putItem(h.client, { ...key(pk), version: { N: '0' }, history: { L: [] } });
    const senders = Array.from({ length: 10 }, () => h.newClient());

    // Act
    await Promise.all(
      senders.map(async (c) => {
        while ((await increment(c, pk)) !== 'committed') {
          // another writer won this round; read again and retry
        }
      }),
    );

    // Assess
    const counter = await getItem(h.client, key(pk));
    expect(counter?.version).toEqual({ N: '10' });
    expect(counter?.history?.L).toHaveLength(10);
  });

  it('never lets a reader see half a transaction', async () => {
    // Prepare: a transfer keeps A + B = 100 in every committed state; one Query reads both (as the
    // store reads a case with its history while a command writes it)
    await putItem(h.client, { ...key('ACC', 'A'), balance: { N: '100' } });
    await putItem(h.client, { ...key('ACC', 'B'), balance: { N: '0' } });
    const writer = h.newClient();
    const reader = h.newClient();
    const transfer = () =>
      writer.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: TABLE,
                Key: key('ACC', 'A'),
                UpdateExpression: 'SET balance = balance - :one',
                ExpressionAttributeValues: { ':one': { N: '1' } },
              },
            },
            {
              Update: {
                TableName: TABLE,
                Key: key('ACC', 'B'),
                UpdateExpression: 'SET balance = balance + :one',
                ExpressionAttributeValues: { ':one': { N: '1' } },
              },
            },
          ],
        }),
      );
    const readTotal = async () => {
      const { Items } = await reader.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: 'ACC' } },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).reduce((sum, i) => sum + Number(i.balance?.N), 0);
    };

    // Act
    const [, totals] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, transfer)),
      Promise.all(Array.from({ length: 30 }, readTotal)),
    ]);

    // Assess
    expect(new Set(totals)).toEqual(new Set([100]));
    expect((await getItem(h.client, key('ACC', 'B')))?.balance).toEqual({ N: '30' });
  });
});
