import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  TransactWriteItemsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDynamoDB } from '../src/index.js';
import { createTable, getItem, key, putItem, rejectionOf, TABLE } from './helpers.js';

const run = promisify(execFile);

/** The pid of a process that has already exited. */
const exitedPid = async (): Promise<number> => {
  const child = execFile(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
};

describe('on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-dynamodb-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Starts on `dir`, runs `work` with a client, stops. */
  async function session<T>(work: (client: DynamoDBClient) => Promise<T>): Promise<T> {
    const db = await startLocalDynamoDB({ path: dir, ttlSweepIntervalMs: 0 });
    const client = new DynamoDBClient({ ...db.clientConfig, maxAttempts: 1 });
    try {
      return await work(client);
    } finally {
      client.destroy();
      await db.stop();
    }
  }

  it('keeps tables, items, transaction results and TTL settings across stop and start', async () => {
    // Prepare
    await session(async (client) => {
      await createTable(client);
      await putItem(client, { ...key('CASE#1'), subject: { S: 'Boiler' } });
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: key('CASE#2') } },
            { Put: { TableName: TABLE, Item: key('IDEM#2'), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: TABLE,
          TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
        }),
      );
    });

    // Act
    const [case1, idem2, ttl] = await session((client) =>
      Promise.all([
        getItem(client, key('CASE#1')),
        getItem(client, key('IDEM#2')),
        client.send(new DescribeTimeToLiveCommand({ TableName: TABLE })),
      ]),
    );

    // Assess
    expect(case1).toEqual({ ...key('CASE#1'), subject: { S: 'Boiler' } });
    expect(idem2).toEqual(key('IDEM#2'));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('rolls back a transaction that a crash left half applied', async () => {
    // Prepare: item A was written by a transaction whose journal still names its before-image
    await session(async (client) => {
      await createTable(client);
      await putItem(client, { ...key('A'), v: { N: '2' } });
      await putItem(client, key('B'));
    });
    await writeFile(
      join(dir, 'transaction-journal.json'),
      JSON.stringify([
        { TableName: TABLE, Key: key('A'), Item: { ...key('A'), v: { N: '1' } } },
        { TableName: TABLE, Key: key('B'), Item: null },
      ]),
    );

    // Act
    const [a, b] = await session((client) => Promise.all([getItem(client, key('A')), getItem(client, key('B'))]));

    // Assess
    expect(a).toEqual({ ...key('A'), v: { N: '1' } });
    expect(b).toBeUndefined();
  });

  it.each([
    ['a live process', 'refuses to start', () => process.ppid, true],
    ['a process that has exited', 'takes the directory over', exitedPid, false],
  ])('finding a lock file left by %s, %s', async (_owner, _outcome, ownerPid, refused) => {
    // Prepare
    await writeFile(join(dir, 'local-dynamodb.lock'), `${await ownerPid()}\n`);

    // Act
    const outcome = await startLocalDynamoDB({ path: dir, ttlSweepIntervalMs: 0 }).then(
      (db) => db.stop().then(() => 'started'),
      (err: Error) => err.message,
    );

    // Assess
    if (refused) expect(outcome).toMatch(/it is in use by process \d+/);
    else expect(outcome).toBe('started');
  });

  it('refuses to open a data directory another instance holds', async () => {
    // Prepare
    const first = await startLocalDynamoDB({ path: dir, ttlSweepIntervalMs: 0 });

    // Act
    const err = await rejectionOf(startLocalDynamoDB({ path: dir }));
    await first.stop();

    // Assess
    expect(err.message).toMatch(/cannot open the local DynamoDB data in .*: it is in use by this process/);
  });
});

describe('shutdown', () => {
  it.each([
    ['in memory', false],
    ['on disk', true],
  ])(
    'lets the process exit once stop() resolves (%s, TTL sweeper running)',
    async (_label, onDisk) => {
      // Prepare
      const dir = onDisk ? await mkdtemp(join(tmpdir(), 'local-dynamodb-exit-')) : undefined;
      const script = fileURLToPath(new URL('./fixtures/start-use-stop.ts', import.meta.url));

      // Act: a handle left open (the sweeper runs every 60 s) would keep the child alive until
      // the kill timeout, and `run` would then reject: no wall-clock assertion needed.
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...(dir ? [dir] : [])], {
        timeout: 45_000,
        killSignal: 'SIGKILL',
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      if (dir) await rm(dir, { recursive: true, force: true });

      // Assess
      expect(stdout.trim()).toBe('stopped');
    },
    60_000,
  );
});
