/**
 * The embedded local stack behind `npm start`: DynamoDB (dynalite) on disk, an
 * SMTP server, the HTTP API with the resident form, a letters drop folder and
 * a movable clock. Everything binds 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type ApiResponse,
  bearerToken,
  createRouter,
  createServices,
  HttpError,
  json,
  jsonBody,
  officerView,
  principalFor,
  type Router,
  signLocalToken,
  verifyLocalToken,
} from '@housing-inbox/api';
import { parseEmail, parseLetter, parseSms, TesseractLetterReader } from '@housing-inbox/channels';
import {
  acceptDelivery,
  type CaseEvents,
  type Channel,
  type IngestDeps,
  type IngestOutcome,
  type LandlordPolicy,
  type NoticeSender,
  type Officer,
  UnparseableInput,
} from '@housing-inbox/core';
import { startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { LocalOutbox } from '@housing-inbox/outbound';
import { loadPolicy } from '@housing-inbox/policies';
import {
  createTableInput,
  DynamoCaseRepository,
  DynamoWakeUpRepository,
  FileBlobStore,
  tableDefinition,
} from '@housing-inbox/store';
import { createTimerTasks, LocalTimerRunner } from '@housing-inbox/timers';
import { ensureConsoleBuilt, serveConsole } from '@housing-inbox/web';
import { SMTPServer } from 'smtp-server';
import { parseDuration, StackClock } from './clock.js';
import { BodyTooLarge, readBody, send, toApiRequest } from './http-server.js';
import { LetterDropFolder } from './letters.js';
import { type Logger, quietLogger } from './log.js';
import { RateLimiter } from './rate-limit.js';
import { seedOfficers } from './seed.js';

export const TABLE_NAME = 'housing-inbox';
const MAX_JSON_BYTES = 1024 * 1024;
const MAX_LETTER_BYTES = 20 * 1024 * 1024;
const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

export interface LocalStackOptions {
  dataDir: string;
  httpPort?: number;
  smtpPort?: number;
  policy?: string | LandlordPolicy;
  /** Keep DynamoDB in memory (tests); on disk under dataDir otherwise. */
  inMemory?: boolean;
  logger?: Logger;
  /** Contact form submissions allowed per address per 10 minutes. */
  contactRateLimit?: number;
  /** How often the letters folder is looked at. */
  letterPollMs?: number;
}

export interface LocalStack {
  httpUrl: string;
  httpPort: number;
  smtpPort: number;
  dataDir: string;
  policy: LandlordPolicy;
  clock: StackClock;
  repository: DynamoCaseRepository;
  ingest: IngestDeps;
  notices: NoticeSender;
  outbox: LocalOutbox;
  timers: LocalTimerRunner;
  officers: Officer[];
  stop(): Promise<void>;
}

/** What `npx inbox token` and `npx inbox send` read to find a running stack. */
export interface StackInfo {
  policy: string;
  httpUrl: string;
  smtpPort: number;
  officers: Officer[];
}

export function readSecret(dataDir: string): string {
  return readFileSync(join(dataDir, 'secret.key'), 'utf8').trim();
}

async function ensureSecret(dataDir: string): Promise<string> {
  try {
    return readSecret(dataDir);
  } catch {
    const secret = randomBytes(32).toString('hex');
    const file = join(dataDir, 'secret.key');
    await writeFile(file, secret, { mode: 0o600 });
    await chmod(file, 0o600);
    return secret;
  }
}

async function ensureTable(client: DynamoDBClient, dataDir: string): Promise<void> {
  let existing: string[];
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
    existing = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? '');
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    await client.send(new CreateTableCommand(createTableInput(TABLE_NAME)));
    return;
  }
  // The embedded DynamoDB cannot add an index to a table it already has: say so now,
  // rather than fail later on the first query that needs the missing index.
  const missing = tableDefinition.indexes.map((i) => i.indexName).filter((name) => !existing.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `the data in ${dataDir} was made by an older version (no index ${missing.join(', ')}): move that folder aside or set INBOX_DATA_DIR to a new one`,
    );
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.logger ?? quietLogger;
  const policy = typeof options.policy === 'object' ? options.policy : loadPolicy(options.policy ?? 'hightown');
  const { dataDir } = options;
  await mkdir(dataDir, { recursive: true });
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  };

  try {
    const db = await startLocalDynamoDB(options.inMemory ? {} : { path: join(dataDir, 'dynamodb') });
    cleanups.push(() => db.stop());
    const client = new DynamoDBClient({
      endpoint: db.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    cleanups.push(() => client.destroy());
    await ensureTable(client, dataDir);

    const repository = new DynamoCaseRepository({
      tableName: TABLE_NAME,
      awsSdkV3Client: client,
      timeZone: policy.timeZone,
    });
    const blobs = new FileBlobStore(join(dataDir, 'blobs'));
    const clock = new StackClock(join(dataDir, 'clock.json'));
    const secret = await ensureSecret(dataDir);

    // The seeded directory is added once; officers changed later (absence, leavers) are kept.
    const existing = await repository.listOfficers();
    const officers = seedOfficers(policy);
    for (const o of officers) if (!existing.some((e) => e.id === o.id)) await repository.putOfficer(o);

    // Letters are kept in the stack's blob store, so the console opens them like any attachment.
    const outbox = new LocalOutbox(join(dataDir, 'outbox'), clock, {
      blobs,
      landlord: { name: policy.name, addressLines: [`${policy.name}`, 'Customer Services'] },
    });
    // The timers need the notice sender the services build, and the services tell the
    // timers when cases change: join them through a forwarding CaseEvents.
    let timers: LocalTimerRunner | undefined;
    const events: CaseEvents = {
      caseOpened: async (ref) => timers?.caseOpened(ref),
      caseChanged: async (ref, why) => timers?.caseChanged(ref, why),
    };
    const { ingest, commands, submitContact, logNewContact, notices } = createServices({
      policy,
      repository,
      blobs,
      clock,
      events,
      outbound: outbox,
      mailDomain: `inbox.${policy.id}.example`,
      log: (event, fields) => log.info(event, fields),
    });

    timers = new LocalTimerRunner({
      tasks: createTimerTasks({ repository, policy, clock, sender: notices }),
      store: new DynamoWakeUpRepository({ tableName: TABLE_NAME, awsSdkV3Client: client }),
      clock,
      log: (event, fields) => log.info(event, fields),
      // The cloud's dead-letter queue: a timer that failed for good, for an operator to see.
      onFailure: (failure) =>
        log.error('timer-failed', {
          caseRef: failure.caseRef,
          execution: failure.execution,
          error: (failure.data as { error?: { Error?: string } })?.error?.Error,
        }),
    });
    const runner = timers;
    cleanups.push(() => runner.stop());

    let ocr: TesseractLetterReader | undefined;
    const letterReader = () => {
      ocr ??= new TesseractLetterReader();
      return ocr;
    };
    cleanups.push(async () => {
      await ocr?.close();
    });

    const ingestLetter = (file: Uint8Array, filename: string, contentType?: string): Promise<IngestOutcome> =>
      acceptDelivery(ingest, {
        channel: 'letter',
        raw: file,
        contentType: contentType || 'application/octet-stream',
        parse: (raw) =>
          parseLetter(raw, { filename, contentType, receivedAt: clock.now().toISOString(), ocr: letterReader() }),
      });

    const limiter = new RateLimiter(options.contactRateLimit ?? 20, 10 * 60_000, () => clock.now().getTime());
    const router: Router = createRouter({
      policy,
      repository,
      clock,
      commands,
      blobs,
      submitContact,
      logNewContact,
      async authenticate(req) {
        const claims = verifyLocalToken(bearerToken(req.headers.authorization), secret);
        return principalFor(claims.sub, await repository.listOfficers());
      },
      allowContact: (ip) => limiter.allow(ip ?? 'unknown'),
      onError: (err, req) => log.error('request-failed', { path: req.path, error: (err as Error)?.message }),
    });

    let ready = false;
    const server = createServer(async (req, res) => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname;
        if (path === '/health') {
          send(res, json(ready ? 200 : 503, { status: ready ? 'ok' : 'starting' }));
          return;
        }
        if (path === '/') {
          res.writeHead(302, { location: '/console/' }).end();
          return;
        }
        if ((req.method === 'GET' || req.method === 'HEAD') && (path === '/console' || path.startsWith('/console/'))) {
          const asset = serveConsole(path);
          if (asset) {
            send(res, asset);
            return;
          }
        }
        const limit = path === '/local/letters' ? MAX_LETTER_BYTES : MAX_JSON_BYTES;
        const apiReq = toApiRequest(req, await readBody(req, limit));
        send(res, await handleLocal(apiReq));
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          send(res, json(413, { error: { code: 'too-large', message: 'the request body is too large' } }));
        } else if (err instanceof HttpError) {
          send(
            res,
            json(err.status, {
              error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
            }),
          );
        } else {
          log.error('request-failed', { error: (err as Error)?.message });
          send(
            res,
            json(500, {
              error: { code: 'internal-error', message: 'something went wrong; nothing was lost, please try again' },
            }),
          );
        }
      }
    });

    const handleLocal: Router = async (req) => {
      if (req.path === '/local/sms' && req.method === 'POST') {
        const outcome = await acceptDelivery(ingest, {
          channel: 'sms',
          raw: req.body ?? new Uint8Array(),
          contentType: 'application/json',
          parse: (bytes) => parseSms(parseJson(bytes, 'sms'), { receivedAt: clock.now().toISOString() }),
        });
        return acceptedOrRefused(outcome);
      }
      if (req.path === '/local/letters' && req.method === 'POST') {
        const form = await new Request('http://127.0.0.1/', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: req.body,
        })
          .formData()
          .catch(() => {
            throw new HttpError(400, 'invalid-form', 'send the scan as multipart/form-data with a field named "file"');
          });
        const file = form.get('file');
        if (!file || typeof file === 'string') {
          throw new HttpError(400, 'missing-file', 'send the scan in a multipart field named "file"', {
            file: 'required',
          });
        }
        return acceptedOrRefused(
          await ingestLetter(new Uint8Array(await file.arrayBuffer()), file.name || 'letter', file.type),
        );
      }
      if (req.path === '/local/outbox' && req.method === 'GET') {
        return json(200, { items: await outbox.list() });
      }
      if (req.path === '/local/officers' && req.method === 'GET') {
        // Local sign-in: anyone on this machine may act as any seeded officer.
        return json(200, { items: (await repository.listOfficers()).filter((o) => o.active).map(officerView) });
      }
      if (req.path === '/local/sign-in' && req.method === 'POST') {
        const { officerId } = jsonBody(req);
        const officer = (await repository.listOfficers()).find((o) => o.id === officerId && o.active);
        if (!officer)
          throw new HttpError(400, 'unknown-officer', 'choose an active officer', { officerId: 'unknown officer' });
        return json(200, { token: signLocalToken(officer, secret), officer: officerView(officer) });
      }
      if (req.path === '/local/clock') {
        if (req.method === 'GET') return json(200, { now: clock.now().toISOString() });
        if (req.method === 'POST') return json(200, { now: (await moveClock(clock, req.body)).toISOString() });
      }
      if (req.path === '/local/quarantine' && req.method === 'GET') {
        return json(200, await repository.listQuarantine());
      }
      return router(req);
    };

    const httpPort = await listen(server, options.httpPort ?? 0);
    cleanups.push(
      () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    );
    const httpUrl = `http://127.0.0.1:${httpPort}`;

    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_EMAIL_BYTES,
      banner: 'housing-inbox local SMTP',
      // Loopback only: a reverse DNS lookup would only add a second of delay per connection.
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
            return;
          }
          const raw = new Uint8Array(Buffer.concat(chunks));
          acceptDelivery(ingest, {
            channel: 'email',
            raw,
            contentType: 'message/rfc822',
            parse: (bytes) => parseEmail(bytes, { receivedAt: clock.now().toISOString(), deliveryId: session.id }),
          }).then(
            (outcome) =>
              callback(
                null,
                `accepted: ${outcome.outcome}${'caseRef' in outcome && outcome.caseRef ? ` ${outcome.caseRef}` : ''}`,
              ),
            (err) => {
              log.error('email-ingest-failed', { error: (err as Error)?.message });
              callback(Object.assign(new Error('temporary failure, please retry'), { responseCode: 451 }));
            },
          );
        });
      },
    });
    const smtpPort = await new Promise<number>((resolvePort, reject) => {
      smtp.once('error', reject);
      smtp.listen(options.smtpPort ?? 0, '127.0.0.1', () => resolvePort((smtp.server.address() as AddressInfo).port));
    });
    cleanups.push(() => new Promise<void>((done) => smtp.close(() => done())));

    const letters = new LetterDropFolder(join(dataDir, 'letters'), ingestLetter, log, options.letterPollMs ?? 1000);
    await letters.start();
    cleanups.push(() => letters.stop());

    // Builds the officer console once (and again only when its sources change).
    await ensureConsoleBuilt({ log: (line) => log.info('console', { line }) });

    const info: StackInfo = { policy: policy.id, httpUrl, smtpPort, officers: await repository.listOfficers() };
    await writeFile(join(dataDir, 'stack.json'), JSON.stringify(info, null, 2));
    // Every pending wake-up saved before a restart is picked up again here.
    await runner.start({ intervalMs: 1000, clockChanges: (listener) => clock.onChange(listener) });
    ready = true;

    return {
      httpUrl,
      httpPort,
      smtpPort,
      dataDir,
      policy,
      clock,
      repository,
      ingest,
      notices,
      outbox,
      timers: runner,
      officers: info.officers,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function parseJson(bytes: Uint8Array, channel: Channel): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new UnparseableInput('the body is not valid JSON', channel);
  }
}

/** 202 with what became of the delivery; 400 with the reason when it was quarantined (it is still kept). */
function acceptedOrRefused(outcome: IngestOutcome): ApiResponse {
  if (outcome.outcome === 'quarantined') {
    return json(400, { error: { code: 'unparseable', message: outcome.reason }, ...outcome });
  }
  return json(202, outcome);
}

async function moveClock(clock: StackClock, body: Uint8Array | undefined): Promise<Date> {
  let request: { advance?: unknown; set?: unknown };
  try {
    request = JSON.parse(new TextDecoder().decode(body ?? new Uint8Array()));
  } catch {
    throw new HttpError(400, 'invalid-json', 'send {"advance":"P3D"} or {"set":"<ISO-8601 instant>"}');
  }
  try {
    if (typeof request.advance === 'string') return await clock.advance(parseDuration(request.advance));
    if (typeof request.set === 'string') return await clock.set(new Date(request.set));
  } catch (err) {
    throw new HttpError(400, 'invalid-clock', (err as Error).message);
  }
  throw new HttpError(400, 'invalid-clock', 'send {"advance":"P3D"} or {"set":"<ISO-8601 instant>"}');
}
