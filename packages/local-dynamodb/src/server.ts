import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import dynalite from 'dynalite';
import { bulkLoad, capturingStore } from './bulk-load.js';
import { DynamoError, internalError, type WireBody } from './errors.js';
import { Journal } from './journal.js';
import { lockDataDir } from './lock.js';
import { LockTable, tableLock } from './locks.js';
import { locksFor } from './request-locks.js';
import { SchemaCache } from './schema.js';
import { ClientTokens, type TransactionContext, transactWriteItems } from './transactions.js';
import { type SweepCursors, sweepExpired, TtlSettings } from './ttl.js';
import { DynaliteWire, type RawResponse } from './wire.js';

export interface LocalDynamoDBOptions {
  /** Directory for the data (created if missing); in memory when absent. */
  path?: string;
  /** Port of the endpoint; 0 (the default) picks a free one. */
  port?: number;
  /** Only the loopback address is allowed. */
  host?: '127.0.0.1';
  /** How often expired TTL items are deleted; default 60 000 ms, 0 turns periodic sweeps off. */
  ttlSweepIntervalMs?: number;
  /** Items one periodic sweep reads at most (default 20,000), going on from where the last stopped. */
  ttlSweepItems?: number;
  /** The clock TTL compares against, in epoch milliseconds; default Date.now. */
  clock?: () => number;
  /**
   * Run every request one at a time (one lock for everything), as this emulation did before it
   * locked per item: for comparing throughput (`npm run bench`), not for use.
   */
  oneRequestAtATime?: boolean;
}

/** The one lock every request takes when `oneRequestAtATime` is set. */
const EVERYTHING = [{ resource: '[]', mode: 'X' as const }];

export interface LocalDynamoDB {
  /** `http://127.0.0.1:PORT`, for an SDK client's `endpoint`. */
  endpoint: string;
  /** Ready-made DynamoDBClient configuration: endpoint, region and dummy credentials. */
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /**
   * Deletes every item whose TTL has passed now (by `clock`); resolves with how many. With
   * `{ items }`, reads at most that many items, going on from where the last such sweep (or the
   * periodic one, which is this with `ttlSweepItems`) stopped.
   */
  sweepExpiredItems(budget?: { items: number }): Promise<number>;
  /**
   * Seeds new items (wire format) straight into the store, skipping the endpoint: for benches
   * that need 100,000 cases. Not validated, no conditions; not while requests write (`bulk-load.ts`).
   */
  bulkLoad(tableName: string, items: readonly Record<string, unknown>[]): Promise<void>;
  /** Closes the endpoint, dynalite and its store; safe to call twice. */
  stop(): Promise<void>;
}

const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const API_PREFIX = 'DynamoDB_20120810.';
const DEFAULT_SWEEP_MS = 60_000;
/** Items one periodic TTL sweep reads at most: at 100,000 cases (~3 million items) a whole pass takes ~2.5 hours. */
const DEFAULT_SWEEP_ITEMS = 20_000;
/** Items a sweep reads while holding the table: short enough that requests waiting behind it barely notice. */
const SWEEP_PAGE_ITEMS = 500;
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done((server.address() as AddressInfo).port);
    });
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((done, fail) => {
    server.close((err) =>
      err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? fail(err) : done(),
    );
    server.closeIdleConnections();
  });

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => done(size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', fail);
  });

const jsonResponse = (status: number, body: WireBody): RawResponse => {
  const payload = Buffer.from(JSON.stringify(body));
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'),
      'x-amz-crc32': String(crc32(payload)),
    },
    body: payload,
  };
};

const errorResponse = (err: unknown): RawResponse => {
  const error = err instanceof DynamoError ? err : internalError(err instanceof Error ? err.message : String(err));
  return jsonResponse(error.statusCode, error.toBody());
};

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

const forwardableHeaders = (headers: IncomingMessage['headers']): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
};

/**
 * Starts dynalite on an internal loopback port and, in front of it, the
 * endpoint the caller's SDK clients talk to. The front server runs requests
 * under locks per table, partition and item (locks.ts, request-locks.ts), so
 * independent requests overlap and a transaction is atomic and isolated;
 * it answers TransactWriteItems and the TTL
 * operations itself, and forwards everything else to dynalite.
 */
export async function startLocalDynamoDB(options: LocalDynamoDBOptions = {}): Promise<LocalDynamoDB> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`local DynamoDB binds 127.0.0.1 only, not ${String(host)}`);
  const clock = options.clock ?? Date.now;

  const root = options.path === undefined ? undefined : resolve(options.path);
  const levelPath = root && join(root, 'dynalite');
  if (levelPath) await mkdir(levelPath, { recursive: true });
  const unlock = root ? await lockDataDir(root) : async () => undefined;

  // Tables become ACTIVE at once; the front server also waits for it (see settle).
  const { result: store, store: levelStore } = capturingStore(() =>
    dynalite({
      ...(levelPath ? { path: levelPath } : {}),
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    }),
  );
  let storePort: number;
  try {
    storePort = await listen(store, 0, host);
  } catch (err) {
    await unlock();
    throw err;
  }
  const wire = new DynaliteWire(host, storePort);
  const shutStore = async (): Promise<void> => {
    wire.destroy();
    store.closeAllConnections();
    try {
      await closeServer(store);
    } finally {
      await unlock();
    }
  };

  const journal = root ? new Journal(join(root, 'transaction-journal.json')) : undefined;
  const ttl = new TtlSettings(root && join(root, 'ttl.json'));
  try {
    // Opening LevelDB is lazy; a locked or unreadable directory shows here, not later.
    await wire.call('ListTables', {}, STARTUP_TIMEOUT_MS);
    await journal?.recover(wire);
    await ttl.load();
  } catch (err) {
    await shutStore().catch(() => undefined);
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      root
        ? `cannot open the local DynamoDB data in ${root} (is another process using it?): ${detail}`
        : `cannot start the in-memory local DynamoDB: ${detail}`,
    );
  }

  const locks = new LockTable();
  const schemas = new SchemaCache(wire);
  const context: TransactionContext = {
    wire,
    schemas,
    ...(journal ? { journal } : {}),
    tokens: new ClientTokens(),
    now: Date.now,
  };

  /** dynalite flips table status on a timer; hold the next request until it has. */
  const settle = async (tableName: string, until: 'ACTIVE' | 'GONE'): Promise<void> => {
    for (let attempt = 0; attempt < 500; attempt += 1) {
      try {
        const { Table } = await wire.call<{ Table: { TableStatus: string } }>('DescribeTable', {
          TableName: tableName,
        });
        if (until === 'ACTIVE' && Table.TableStatus === 'ACTIVE') return;
      } catch (err) {
        if (until === 'GONE' && err instanceof DynamoError && err.code === 'ResourceNotFoundException') return;
        throw err;
      }
      await sleep(2);
    }
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<RawResponse> =>
    wire.raw(req.method ?? 'POST', req.url ?? '/', forwardableHeaders(req.headers), body);

  const parse = (body: Buffer): WireBody => {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as WireBody;
    } catch {
      // falls through
    }
    throw new DynamoError('SerializationException', '', 400, {}, 'com.amazon.coral.service#SerializationException');
  };

  const dispatch = async (operation: string, req: IncomingMessage, body: Buffer): Promise<RawResponse> => {
    switch (operation) {
      case 'TransactWriteItems':
        return jsonResponse(200, await transactWriteItems(context, parse(body)));
      case 'UpdateTimeToLive': {
        const input = parse(body);
        await wire.call('DescribeTimeToLive', { TableName: input.TableName }); // validates the name, 404s a missing table
        return jsonResponse(200, await ttl.update(input));
      }
      case 'DescribeTimeToLive': {
        const input = parse(body);
        await wire.call('DescribeTimeToLive', input);
        return jsonResponse(200, ttl.describe(String(input.TableName)));
      }
      case 'CreateTable':
      case 'UpdateTable':
      case 'DeleteTable': {
        const res = await forward(req, body);
        if (res.status === 200) {
          const tableName = String(parse(body).TableName);
          schemas.invalidate(tableName);
          if (operation !== 'UpdateTable') await ttl.forget(tableName);
          await settle(tableName, operation === 'DeleteTable' ? 'GONE' : 'ACTIVE');
        }
        return res;
      }
      default:
        return forward(req, body);
    }
  };

  let closing = false;
  const inFlight = new Set<Promise<void>>();
  /** Requests received in full and being carried out: always finished before dynalite closes. */
  const executing = new Set<Promise<unknown>>();

  const send = (res: ServerResponse, answer: RawResponse): void => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    if (body === undefined) {
      send(res, { status: 413, headers: {}, body: Buffer.alloc(0) });
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(API_PREFIX) ? target.slice(API_PREFIX.length) : '';
    let wanted: Awaited<ReturnType<typeof locksFor>> = [];
    try {
      wanted = await locksFor(operation, parse(body), schemas);
    } catch {
      // A body that is not JSON, or a table whose schema cannot be read: dispatch answers the error.
    }
    if (options.oneRequestAtATime) wanted = EVERYTHING;
    const running = locks.run(wanted, () => dispatch(operation, req, body).catch(errorResponse));
    executing.add(running);
    const answer = await running.finally(() => executing.delete(running));
    send(res, answer);
  };

  const front = createServer((req, res) => {
    if (closing) {
      req.socket.destroy();
      return;
    }
    const work = handle(req, res)
      .catch((err: unknown) => {
        if (!res.headersSent) send(res, errorResponse(err));
        else res.destroy();
      })
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  let port: number;
  try {
    port = await listen(front, options.port ?? 0, host);
  } catch (err) {
    await shutStore();
    throw err;
  }
  const endpoint = `http://${host}:${port}`;

  let sweeping: Promise<number> | undefined;
  let sweepingWhole = false;
  const cursors: SweepCursors = new Map();
  /**
   * A whole sweep, or (`periodic`) one within its budget going on from the last one's place.
   * A whole sweep asked for while a periodic one runs waits for it, then reads everything.
   */
  const sweep = (periodic?: { items: number }): Promise<number> => {
    if (closing) return Promise.resolve(0);
    if (sweeping && (periodic || sweepingWhole)) return sweeping;
    const exclusive = <T>(table: string, work: () => Promise<T>) =>
      locks.run(options.oneRequestAtATime ? EVERYTHING : [{ resource: tableLock(table), mode: 'X' }], work);
    const budget = periodic ? { items: periodic.items, pageSize: SWEEP_PAGE_ITEMS, cursors } : undefined;
    const run = () => sweepExpired(wire, schemas, ttl, exclusive, clock(), budget);
    const next: Promise<number> = (sweeping ? sweeping.catch(() => 0).then(run) : run()).finally(() => {
      if (sweeping === next) {
        sweeping = undefined;
        sweepingWhole = false;
      }
    });
    sweeping = next;
    sweepingWhole = !periodic;
    return next;
  };
  const interval = options.ttlSweepIntervalMs ?? DEFAULT_SWEEP_MS;
  const timer =
    interval > 0
      ? setInterval(() => {
          sweep({ items: options.ttlSweepItems ?? DEFAULT_SWEEP_ITEMS }).catch((err: unknown) => {
            process.emitWarning(`local DynamoDB TTL sweep failed: ${err instanceof Error ? err.message : String(err)}`);
          });
        }, interval)
      : undefined;
  timer?.unref();

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      closing = true;
      if (timer) clearInterval(timer);
      const frontClosed = closeServer(front);
      // Requests already received are answered; a client that never finishes sending one is not waited for.
      await Promise.race([
        (async () => {
          await sweeping?.catch(() => undefined);
          await Promise.allSettled([...inFlight]);
        })(),
        sleep(STOP_GRACE_MS, undefined, { ref: false }),
      ]);
      // Work already handed to dynalite finishes first: closing its store under a write crashes it.
      await Promise.allSettled([...executing, sweeping]);
      front.closeAllConnections();
      await frontClosed;
      await shutStore();
    })();
    return stopped;
  };

  return {
    endpoint,
    clientConfig: {
      endpoint,
      region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    sweepExpiredItems: (budget) => sweep(budget),
    bulkLoad: async (tableName, items) => {
      if (!levelStore) throw new Error('bulkLoad: dynalite did not create its store through dynalite/db');
      return bulkLoad(levelStore, tableName, items);
    },
    stop,
  };
}
