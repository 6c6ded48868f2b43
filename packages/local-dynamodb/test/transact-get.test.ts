import { TransactGetItemsCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactGetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, key, putItem, rejectionOf, startHarness, TABLE } from './helpers.js';

describe('TransactGetItems', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await putItem(h.client, { ...key('CASE#1'), subject: { S: 'Damp' }, owner: { S: 'officer-1' } });
    await putItem(h.client, { ...key('CASE#2'), subject: { S: 'Noise' }, owner: { S: 'officer-2' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('returns the items in request order, with an empty entry for a missing one', async () => {
    // Act
    const out = await h.client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: TABLE, Key: key('CASE#2') } },
          { Get: { TableName: TABLE, Key: key('CASE#MISSING') } },
          { Get: { TableName: TABLE, Key: key('CASE#1') } },
        ],
      }),
    );

    // Assess
    expect(out.Responses).toEqual([
      { Item: { ...key('CASE#2'), subject: { S: 'Noise' }, owner: { S: 'officer-2' } } },
      {},
      { Item: { ...key('CASE#1'), subject: { S: 'Damp' }, owner: { S: 'officer-1' } } },
    ]);
  });

  it('applies a projection with attribute names', async () => {
    // Act
    const out = await h.client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          {
            Get: {
              TableName: TABLE,
              Key: key('CASE#1'),
              ProjectionExpression: '#o',
              ExpressionAttributeNames: { '#o': 'owner' },
            },
          },
        ],
      }),
    );

    // Assess
    expect(out.Responses).toEqual([{ Item: { owner: { S: 'officer-1' } } }]);
  });

  it('works through the document client', async () => {
    // Act
    const out = await DynamoDBDocumentClient.from(h.client).send(
      new TransactGetCommand({ TransactItems: [{ Get: { TableName: TABLE, Key: { pk: 'CASE#1', sk: 'META' } } }] }),
    );

    // Assess
    expect(out.Responses?.[0]?.Item).toEqual({ pk: 'CASE#1', sk: 'META', subject: 'Damp', owner: 'officer-1' });
  });

  it.each([
    [
      'the same item twice',
      [key('CASE#1'), key('CASE#1')],
      'Transaction request cannot include multiple operations on one item',
    ],
    ['a key missing its sort key', [{ pk: { S: 'CASE#1' } }], 'The provided key element does not match the schema'],
  ])('refuses %s with a ValidationException', async (_label, keys, message) => {
    // Act
    const err = await rejectionOf(
      h.client.send(
        new TransactGetItemsCommand({ TransactItems: keys.map((Key) => ({ Get: { TableName: TABLE, Key } })) }),
      ),
    );

    // Assess
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(message);
  });
});
