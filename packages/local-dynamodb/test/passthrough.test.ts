import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { QueryCommand as DocQuery, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDB } from '../src/index.js';
import { getItem, type Harness, key, putItem, rejectionOf, startHarness, TABLE } from './helpers.js';

describe('ordinary operations pass through to dynalite', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves on a 127.0.0.1 endpoint with an ephemeral port', () => {
    // Assess
    expect(h.db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.db.endpoint).not.toMatch(/:0$/);
  });

  it('lists and describes the table, which is ACTIVE as soon as CreateTable answers', async () => {
    // Act
    const tables = await h.client.send(new ListTablesCommand({}));
    const described = await h.client.send(new DescribeTableCommand({ TableName: TABLE }));

    // Assess
    expect(tables.TableNames).toContain(TABLE);
    expect(described.Table?.TableStatus).toBe('ACTIVE');
  });

  it('puts, updates, queries a GSI, scans and deletes', async () => {
    // Prepare
    await putItem(h.client, { ...key('CASE#1'), gsi1pk: { S: 'OFFICER#7' }, gsi1sk: { S: '2026-01-05' } });
    await putItem(h.client, { ...key('CASE#2'), gsi1pk: { S: 'OFFICER#7' }, gsi1sk: { S: '2026-01-02' } });

    // Act
    const updated = await h.client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key('CASE#1'),
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'open' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const queue = await h.client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :o',
        ExpressionAttributeValues: { ':o': { S: 'OFFICER#7' } },
      }),
    );
    await h.client.send(new DeleteItemCommand({ TableName: TABLE, Key: key('CASE#2') }));
    const scanned = await h.client.send(new ScanCommand({ TableName: TABLE }));

    // Assess
    expect(updated.Attributes?.status).toEqual({ S: 'open' });
    expect(queue.Items?.map((i) => i.pk?.S)).toEqual(['CASE#2', 'CASE#1']);
    expect(scanned.Items?.map((i) => i.pk?.S)).toEqual(['CASE#1']);
  });

  it('writes a batch', async () => {
    // Act
    await h.client.send(
      new BatchWriteItemCommand({
        RequestItems: { [TABLE]: ['B1', 'B2', 'B3'].map((pk) => ({ PutRequest: { Item: key(pk) } })) },
      }),
    );

    // Assess
    expect(await getItem(h.client, key('B3'))).toEqual(key('B3'));
  });

  it('works through the lib-dynamodb document client', async () => {
    // Prepare
    const doc = DynamoDBDocumentClient.from(h.client);

    // Act
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'DOC#1', sk: 'META', tags: new Set(['a', 'b']), n: 3, nested: { ok: true } },
      }),
    );
    const got = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'DOC#1', sk: 'META' } }));
    const queried = await doc.send(
      new DocQuery({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'DOC#1' },
      }),
    );

    // Assess
    expect(got.Item).toEqual({ pk: 'DOC#1', sk: 'META', tags: new Set(['a', 'b']), n: 3, nested: { ok: true } });
    expect(queried.Count).toBe(1);
  });

  it('keeps binary attributes byte for byte', async () => {
    // Prepare
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);

    // Act
    await putItem(h.client, { ...key('BIN#1'), blob: { B: bytes } });

    // Assess
    expect((await getItem(h.client, key('BIN#1')))?.blob).toEqual({ B: bytes });
  });

  it('a failed conditional PutItem with ReturnValuesOnConditionCheckFailure NONE returns no item', async () => {
    // Prepare
    const stored = { ...key('COND#1'), v: { N: '1' } };
    await putItem(h.client, stored);

    // Act
    const err = await rejectionOf(
      h.client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { ...key('COND#1'), v: { N: '2' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'NONE',
        }),
      ),
    );

    // Assess
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.Item).toBeUndefined();
  });

  it('answers a health check GET like dynalite', async () => {
    // Act
    const res = await fetch(h.db.endpoint);

    // Assess
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^healthy/);
  });
});

describe('startLocalDynamoDB options', () => {
  it('refuses any host but 127.0.0.1', async () => {
    // Act
    const err = await rejectionOf(startLocalDynamoDB({ host: '0.0.0.0' as '127.0.0.1' }));

    // Assess
    expect(err.message).toMatch(/127\.0\.0\.1 only/);
  });

  it('stops twice without complaint and refuses connections afterwards', async () => {
    // Prepare
    const db = await startLocalDynamoDB();

    // Act
    await Promise.all([db.stop(), db.stop()]);

    // Assess
    await expect(fetch(db.endpoint)).rejects.toThrow();
  });
});
