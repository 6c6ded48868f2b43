/**
 * Per-item locking: independent requests run at the same time, requests on the same item take
 * turns, a base-table Query never sees half of a transaction in its partition, and requests that
 * touch the same items in opposite orders never deadlock. The lock table is driven with gates
 * (promises the test opens), so what ran while what is observed, not timed.
 */
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockTable } from '../src/locks.js';
import { locksFor } from '../src/request-locks.js';
import type { SchemaCache, TableSchema } from '../src/schema.js';
import { getItem, type Harness, key, putItem, startHarness, TABLE } from './helpers.js';

const schema: TableSchema = {
  name: TABLE,
  status: 'ACTIVE',
  key: [
    { name: 'pk', type: 'S' },
    { name: 'sk', type: 'S' },
  ],
  indexKeys: [],
};
/** The table's key schema, as the server's cache answers it. */
const schemas = { get: async () => schema } as unknown as SchemaCache;

const transaction = (...items: [string, string][]) => ({
  TransactItems: items.map(([pk, sk]) => ({
    Update: { TableName: TABLE, Key: key(pk, sk), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: {} },
  })),
});

/** A promise the test resolves when it chooses. */
function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((done) => {
    open = done;
  });
  return { opened, open };
}

/** Runs `work` under the locks DynamoDB request `body` of `operation` takes; records when it started. */
async function hold(
  locks: LockTable,
  operation: string,
  body: Record<string, unknown>,
  until: Promise<void>,
  log: string[],
  name: string,
) {
  const wanted = await locksFor(operation, body, schemas);
  return locks.run(wanted, async () => {
    log.push(`${name} started`);
    await until;
    log.push(`${name} done`);
  });
}

const settle = () => new Promise((done) => setImmediate(done));

/** Waits until `name`'s work has started (it holds its locks). */
async function started(log: string[], ...names: string[]): Promise<void> {
  while (!names.every((n) => log.includes(`${n} started`))) await settle();
}

describe('the lock table', () => {
  it('runs two transactions on disjoint items at the same time', async () => {
    // Prepare
    const locks = new LockTable();
    const log: string[] = [];
    const first = gate();

    // Act: the first holds its items until the gate opens; the second runs meanwhile
    const a = hold(
      locks,
      'TransactWriteItems',
      transaction(['CASE#1', 'META'], ['CONTACT#1', 'META']),
      first.opened,
      log,
      'A',
    );
    await started(log, 'A');
    const b = hold(
      locks,
      'TransactWriteItems',
      transaction(['CASE#2', 'META'], ['CONTACT#2', 'META']),
      Promise.resolve(),
      log,
      'B',
    );
    await b;

    // Assess
    expect(log).toEqual(['A started', 'B started', 'B done']);
    first.open();
    await a;
    expect(locks.size).toBe(0);
  });

  it('makes a second transaction on the same item wait until the first is done', async () => {
    // Prepare
    const locks = new LockTable();
    const log: string[] = [];
    const first = gate();

    // Act
    const a = hold(
      locks,
      'TransactWriteItems',
      transaction(['CASE#1', 'META'], ['CONTACT#1', 'META']),
      first.opened,
      log,
      'A',
    );
    await started(log, 'A');
    const b = hold(
      locks,
      'TransactWriteItems',
      transaction(['CONTACT#1', 'META'], ['CASE#9', 'META']),
      Promise.resolve(),
      log,
      'B',
    );
    await settle();
    const whileHeld = [...log];
    first.open();
    await Promise.all([a, b]);

    // Assess
    expect(whileHeld).toEqual(['A started']);
    expect(log).toEqual(['A started', 'A done', 'B started', 'B done']);
  });

  it('makes a plain write to an item a transaction holds wait, and lets a write to another item through', async () => {
    // Prepare
    const locks = new LockTable();
    const log: string[] = [];
    const first = gate();
    const a = hold(locks, 'TransactWriteItems', transaction(['CASE#1', 'META']), first.opened, log, 'T');
    await started(log, 'T');

    // Act
    const same = hold(
      locks,
      'PutItem',
      { TableName: TABLE, Item: key('CASE#1', 'META') },
      Promise.resolve(),
      log,
      'same',
    );
    const other = hold(
      locks,
      'UpdateItem',
      { TableName: TABLE, Key: key('CASE#1', 'MSG#1') },
      Promise.resolve(),
      log,
      'other',
    );
    await other;
    const whileHeld = [...log];
    first.open();
    await Promise.all([a, same]);

    // Assess
    expect(whileHeld).toEqual(['T started', 'other started', 'other done']);
    expect(log.slice(3)).toEqual(['T done', 'same started', 'same done']);
  });

  it('makes a Query of a partition wait for a transaction writing in it, not for one writing elsewhere', async () => {
    // Prepare
    const locks = new LockTable();
    const log: string[] = [];
    const inCase = gate();
    const elsewhere = gate();
    const query = (pk: string) => ({
      TableName: TABLE,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': { S: pk } },
    });
    const t1 = hold(locks, 'TransactWriteItems', transaction(['CASE#1', 'MSG#2']), inCase.opened, log, 'T1');
    const t2 = hold(locks, 'TransactWriteItems', transaction(['CASE#2', 'MSG#1']), elsewhere.opened, log, 'T2');
    await started(log, 'T1', 'T2');

    // Act
    const reader1 = hold(locks, 'Query', query('CASE#1'), Promise.resolve(), log, 'Q1');
    const reader3 = hold(locks, 'Query', query('CASE#3'), Promise.resolve(), log, 'Q3');
    await reader3;
    const whileHeld = [...log];
    inCase.open();
    elsewhere.open();
    await Promise.all([t1, t2, reader1]);

    // Assess
    expect([...whileHeld].sort()).toEqual(['Q3 done', 'Q3 started', 'T1 started', 'T2 started']);
    expect(log.indexOf('Q1 started')).toBeGreaterThan(log.indexOf('T1 done'));
  });

  it('lets readers of one item share it, and serves a waiting writer before later readers', async () => {
    // Prepare
    const locks = new LockTable();
    const log: string[] = [];
    const firstRead = gate();
    const get = { TableName: TABLE, Key: key('CASE#1', 'META') };
    const r1 = hold(locks, 'GetItem', get, firstRead.opened, log, 'R1');
    await started(log, 'R1');

    // Act
    const w = hold(locks, 'PutItem', { TableName: TABLE, Item: key('CASE#1', 'META') }, Promise.resolve(), log, 'W');
    await settle(); // W queues behind R1
    const r2 = hold(locks, 'GetItem', get, Promise.resolve(), log, 'R2');
    await settle();
    const whileHeld = [...log];
    firstRead.open();
    await Promise.all([r1, w, r2]);

    // Assess
    expect(whileHeld).toEqual(['R1 started']);
    expect(log).toEqual(['R1 started', 'R1 done', 'W started', 'W done', 'R2 started', 'R2 done']);
  });
});

describe('transactions through the endpoint', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('commits every one of many transactions touching the same two items in opposite orders (no deadlock)', async () => {
    // Prepare
    await putItem(h.client, { ...key('ACC', 'A'), n: { N: '0' } });
    await putItem(h.client, { ...key('ACC', 'B'), n: { N: '0' } });
    const clients = Array.from({ length: 8 }, () => h.newClient());
    const bump = (first: string, second: string) => ({
      TransactItems: [first, second].map((sk) => ({
        Update: {
          TableName: TABLE,
          Key: key('ACC', sk),
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        },
      })),
    });

    // Act
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (clients[i % clients.length] as (typeof clients)[number]).send(
          new TransactWriteItemsCommand(i % 2 === 0 ? bump('A', 'B') : bump('B', 'A')),
        ),
      ),
    );

    // Assess
    expect((await getItem(h.client, key('ACC', 'A')))?.n).toEqual({ N: '40' });
    expect((await getItem(h.client, key('ACC', 'B')))?.n).toEqual({ N: '40' });
  });

  it('commits concurrent transactions on disjoint items, each writing all of its items', async () => {
    // Prepare
    const clients = Array.from({ length: 8 }, () => h.newClient());

    // Act
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (clients[i % clients.length] as (typeof clients)[number]).send(
          new TransactWriteItemsCommand({
            TransactItems: ['META', 'MSG#1', 'MSG#2'].map((sk) => ({
              Put: {
                TableName: TABLE,
                Item: { ...key(`CASE#${i}`, sk), n: { N: String(i) } },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
          }),
        ),
      ),
    );

    // Assess
    for (let i = 0; i < 24; i++) {
      for (const sk of ['META', 'MSG#1', 'MSG#2'])
        expect((await getItem(h.client, key(`CASE#${i}`, sk)))?.n).toEqual({ N: String(i) });
    }
  });
});
