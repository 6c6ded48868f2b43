import {
  CreateTableCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem, type Harness, type Item, key, putItem, rejectionOf, startHarness, TABLE } from './helpers.js';

describe('TransactWriteItems', () => {
  let h: Harness;
  const write = (TransactItems: TransactWriteItem[], extra: Partial<TransactWriteItemsCommandInput> = {}) =>
    h.client.send(new TransactWriteItemsCommand({ TransactItems, ...extra }));

  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(
      new CreateTableCommand({
        TableName: 'numbers',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('commits a Put, an Update and a ConditionCheck together', async () => {
    // Prepare
    await putItem(h.client, { ...key('COUNTER'), next: { N: '41' } });
    await putItem(h.client, { ...key('POLICY'), prefix: { S: 'HT' } });

    // Act
    const out = await write([
      { Put: { TableName: TABLE, Item: { ...key('CASE#HT-42'), subject: { S: 'Leaking roof' } } } },
      {
        Update: {
          TableName: TABLE,
          Key: key('COUNTER'),
          UpdateExpression: 'SET #n = #n + :one',
          ConditionExpression: '#n = :seen',
          ExpressionAttributeNames: { '#n': 'next' },
          ExpressionAttributeValues: { ':one': { N: '1' }, ':seen': { N: '41' } },
        },
      },
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: key('POLICY'),
          ConditionExpression: 'prefix = :p',
          ExpressionAttributeValues: { ':p': { S: 'HT' } },
        },
      },
    ]);

    // Assess
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await getItem(h.client, key('CASE#HT-42'))).toEqual({
      ...key('CASE#HT-42'),
      subject: { S: 'Leaking roof' },
    });
    expect((await getItem(h.client, key('COUNTER')))?.next).toEqual({ N: '42' });
    expect(await getItem(h.client, key('POLICY'))).toEqual({ ...key('POLICY'), prefix: { S: 'HT' } });
  });

  it('cancels everything when the 2nd of 3 conditions fails, with a reason per item', async () => {
    // Prepare
    const before = {
      a: { ...key('T2-A'), v: { N: '1' } },
      b: { ...key('T2-B'), v: { N: '1' } },
    };
    await putItem(h.client, before.a);
    await putItem(h.client, before.b);

    // Act
    const err = await rejectionOf(
      write([
        {
          Update: {
            TableName: TABLE,
            Key: key('T2-A'),
            UpdateExpression: 'SET v = :two',
            ConditionExpression: 'v = :one',
            ExpressionAttributeValues: { ':one': { N: '1' }, ':two': { N: '2' } },
          },
        },
        {
          Delete: {
            TableName: TABLE,
            Key: key('T2-B'),
            ConditionExpression: 'v = :nine',
            ExpressionAttributeValues: { ':nine': { N: '9' } },
          },
        },
        { Put: { TableName: TABLE, Item: { ...key('T2-C'), v: { N: '1' } } } },
      ]),
    );

    // Assess
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(err.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]',
    );
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'None' },
    ]);
    expect(await getItem(h.client, key('T2-A'))).toEqual(before.a);
    expect(await getItem(h.client, key('T2-B'))).toEqual(before.b);
    expect(await getItem(h.client, key('T2-C'))).toBeUndefined();
  });

  it('reports every failing item, not only the first', async () => {
    // Prepare
    await putItem(h.client, key('T3-A'));
    await putItem(h.client, key('T3-B'));
    const putIfAbsent = (pk: string): TransactWriteItem => ({
      Put: { TableName: TABLE, Item: key(pk), ConditionExpression: 'attribute_not_exists(pk)' },
    });

    // Act
    const err = await rejectionOf(write([putIfAbsent('T3-A'), putIfAbsent('T3-NEW'), putIfAbsent('T3-B')]));

    // Assess
    expect((err.CancellationReasons as { Code: string }[]).map((r) => r.Code)).toEqual([
      'ConditionalCheckFailed',
      'None',
      'ConditionalCheckFailed',
    ]);
    expect(await getItem(h.client, key('T3-NEW'))).toBeUndefined();
  });

  it('makes a case, its first message and its idempotency marker once: the same transaction twice is cancelled', async () => {
    // Prepare
    const createCase = (): Promise<unknown> =>
      write([
        {
          Put: {
            TableName: TABLE,
            Item: { ...key('IDEM#ses-123'), caseRef: { S: 'HT-2026-000001' } },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: TABLE, Item: { ...key('CASE#HT-2026-000001'), status: { S: 'new' } } } },
        { Put: { TableName: TABLE, Item: { ...key('CASE#HT-2026-000001', 'MSG#1'), body: { S: 'first' } } } },
      ]);
    await createCase();
    await putItem(h.client, { ...key('CASE#HT-2026-000001'), status: { S: 'acknowledged' } });

    // Act
    const err = await rejectionOf(createCase());

    // Assess
    expect(err.name).toBe('TransactionCanceledException');
    expect((err.CancellationReasons as { Code: string }[]).map((r) => r.Code)).toEqual([
      'ConditionalCheckFailed',
      'None',
      'None',
    ]);
    expect((await getItem(h.client, key('CASE#HT-2026-000001')))?.status).toEqual({ S: 'acknowledged' });
  });

  it('a failed Put with ReturnValuesOnConditionCheckFailure=NONE returns no item', async () => {
    // Prepare
    const stored = { ...key('OLD-Put-NONE'), owner: { S: 'officer-7' } };
    await putItem(h.client, stored);

    // Act
    const err = await rejectionOf(
      write([
        {
          Put: {
            TableName: TABLE,
            Item: { ...stored, owner: { S: 'other' } },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'NONE',
          },
        },
      ]),
    );

    // Assess
    const [reason] = err.CancellationReasons as { Code: string; Item?: Item }[];
    expect(reason?.Code).toBe('ConditionalCheckFailed');
    expect(reason?.Item).toBeUndefined();
  });

  it.each([
    [
      'two Puts of one item',
      [{ Put: { TableName: TABLE, Item: key('DUP') } }, { Put: { TableName: TABLE, Item: key('DUP') } }],
    ],
    [
      'a ConditionCheck and an Update of one item',
      [
        { ConditionCheck: { TableName: TABLE, Key: key('DUP'), ConditionExpression: 'attribute_exists(pk)' } },
        {
          Update: {
            TableName: TABLE,
            Key: key('DUP'),
            UpdateExpression: 'SET a = :a',
            ExpressionAttributeValues: { ':a': { S: 'x' } },
          },
        },
      ],
    ],
    [
      'a Put and a Delete of one item',
      [
        { Put: { TableName: TABLE, Item: { ...key('DUP'), extra: { S: 'y' } } } },
        { Delete: { TableName: TABLE, Key: key('DUP') } },
      ],
    ],
    [
      'numeric keys 1 and 1.0',
      [
        { Put: { TableName: 'numbers', Item: { id: { N: '1' } } } },
        { Delete: { TableName: 'numbers', Key: { id: { N: '1.0' } } } },
      ],
    ],
  ] as [string, TransactWriteItem[]][])(
    'refuses %s with a ValidationException and writes nothing',
    async (_label, items) => {
      // Act
      const err = await rejectionOf(write(items));

      // Assess
      expect(err.name).toBe('ValidationException');
      expect(err.message).toBe('Transaction request cannot include multiple operations on one item');
      expect(await getItem(h.client, key('DUP'))).toBeUndefined();
    },
  );

  it.each([
    ['no items', 0, /Member must have length greater than or equal to 1$/],
    ['101 items', 101, /Member must have length less than or equal to 100$/],
  ])('refuses %s with a ValidationException', async (_label, count, message) => {
    // Prepare
    const items = Array.from({ length: count }, (_, i) => ({ Put: { TableName: TABLE, Item: key(`MANY#${i}`) } }));

    // Act
    const err = await rejectionOf(write(items));

    // Assess
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(message);
    expect(await getItem(h.client, key('MANY#0'))).toBeUndefined();
  });

  it('accepts exactly 100 items', async () => {
    // Prepare
    const items = Array.from({ length: 100 }, (_, i) => ({ Put: { TableName: TABLE, Item: key(`HUNDRED#${i}`) } }));

    // Act
    await write(items);

    // Assess
    expect(await getItem(h.client, key('HUNDRED#99'))).toEqual(key('HUNDRED#99'));
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    // Act
    const err = await rejectionOf(write([{ Put: { TableName: 'no-such-table', Item: key('X') } }]));

    // Assess
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Requested resource not found');
  });

  it.each([
    [
      'a Put whose key has the wrong type',
      { Put: { TableName: TABLE, Item: { pk: { N: '5' }, sk: { S: 'META' } } } },
      'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N',
    ],
    [
      'a Delete whose Key misses the sort key',
      { Delete: { TableName: TABLE, Key: { pk: { S: 'K' } } } },
      'The provided key element does not match the schema',
    ],
    [
      'a Put whose GSI key has the wrong type',
      { Put: { TableName: TABLE, Item: { ...key('K'), gsi1pk: { N: '1' } } } },
      'One or more parameter values were invalid: Type mismatch for Index Key gsi1pk Expected: S Actual: N IndexName: gsi1',
    ],
  ] as [string, TransactWriteItem, string][])(
    'cancels %s with a ValidationError reason',
    async (_label, bad, message) => {
      // Act
      const err = await rejectionOf(write([{ Put: { TableName: TABLE, Item: key('VALID-NEIGHBOUR') } }, bad]));

      // Assess
      expect(err.name).toBe('TransactionCanceledException');
      expect(err.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'ValidationError', Message: message }]);
      expect(await getItem(h.client, key('VALID-NEIGHBOUR'))).toBeUndefined();
    },
  );

  it('undoes earlier writes when a later update does not fit the stored item', async () => {
    // Prepare
    await putItem(h.client, { ...key('TEXT'), count: { S: 'not a number' } });

    // Act
    const err = await rejectionOf(
      write([
        { Put: { TableName: TABLE, Item: key('UNDONE') } },
        {
          Update: {
            TableName: TABLE,
            Key: key('TEXT'),
            UpdateExpression: 'SET #c = #c + :one',
            ExpressionAttributeNames: { '#c': 'count' },
            ExpressionAttributeValues: { ':one': { N: '1' } },
          },
        },
      ]),
    );

    // Assess
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'An operand in the update expression has an incorrect data type' },
    ]);
    expect(await getItem(h.client, key('UNDONE'))).toBeUndefined();
    expect((await getItem(h.client, key('TEXT')))?.count).toEqual({ S: 'not a number' });
  });

  it.each([
    [
      'a malformed condition',
      { Put: { TableName: TABLE, Item: key('BAD1'), ConditionExpression: 'attribute_not_exists(' } },
      /^Invalid ConditionExpression/,
    ],
    [
      'an empty key string',
      { Put: { TableName: TABLE, Item: { pk: { S: '' }, sk: { S: 'x' } } } },
      /^One or more parameter values are not valid\. The AttributeValue for a key attribute cannot contain an empty string value\. Key: pk$/,
    ],
    [
      'an unused expression value',
      {
        Update: {
          TableName: TABLE,
          Key: key('BAD3'),
          UpdateExpression: 'SET a = :a',
          ExpressionAttributeValues: { ':a': { S: 'x' }, ':unused': { S: 'y' } },
        },
      },
      /unused in expressions/,
    ],
  ] as [string, TransactWriteItem, RegExp][])(
    'refuses %s with a ValidationException for the whole request',
    async (_l, bad, message) => {
      // Act
      const err = await rejectionOf(write([{ Put: { TableName: TABLE, Item: key('BAD-NEIGHBOUR') } }, bad]));

      // Assess
      expect(err.name).toBe('ValidationException');
      expect(err.message).toMatch(message);
      expect(await getItem(h.client, key('BAD-NEIGHBOUR'))).toBeUndefined();
    },
  );

  it('replays a committed ClientRequestToken without writing again, and refuses it for other items', async () => {
    // Prepare
    const token = 'retry-token-1';
    const increment: TransactWriteItem = {
      Update: {
        TableName: TABLE,
        Key: key('TOKENED'),
        UpdateExpression: 'ADD hits :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    };

    // Act
    await write([increment], { ClientRequestToken: token });
    await write([increment], { ClientRequestToken: token });
    const mismatch = await rejectionOf(
      write([{ Put: { TableName: TABLE, Item: key('OTHER') } }], { ClientRequestToken: token }),
    );

    // Assess
    expect((await getItem(h.client, key('TOKENED')))?.hits).toEqual({ N: '1' });
    expect(mismatch.name).toBe('IdempotentParameterMismatchException');
  });

  it('works through the document client', async () => {
    // Prepare
    const doc = DynamoDBDocumentClient.from(h.client);

    // Act
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: { pk: 'DOCTX', sk: 'META', n: 1 },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: 'numbers', Item: { id: 7 } } },
        ],
      }),
    );

    // Assess
    expect((await getItem(h.client, key('DOCTX')))?.n).toEqual({ N: '1' });
    expect(await getItem(h.client, { id: { N: '7' } }, 'numbers')).toEqual({ id: { N: '7' } });
  });
});
