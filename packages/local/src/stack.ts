/**
 * The embedded local stack behind `npm start`: DynamoDB (dynalite) on disk, an
 * SMTP server, the HTTP API with the resident form and the local routes, a
 * letters drop folder, an outbox and a movable clock. Everything binds
 * 127.0.0.1. This file composes them; each part has its own file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  bearerToken,
  CONTACT_RATE_LIMIT,
  createApi,
  principalFor,
  RateLimiter,
  verifyLocalToken,
} from '@housing-inbox/api';
import { TesseractLetterReader } from '@housing-inbox/channels';
import {
  type IngestDeps,
  type LandlordPolicy,
  type NoticeSender,
  type Officer,
  quarantineDelivery,
} from '@housing-inbox/core';
import { type LocalDynamoDB, startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { LocalOutbox } from '@housing-inbox/outbound';
import { loadPolicy } from '@housing-inbox/policies';
import { createServices } from '@housing-inbox/services';
import { DynamoCaseRepository, DynamoSweepCursor, DynamoWakeUpRepository, FileBlobStore } from '@housing-inbox/store';
import { createTimerTasks, LocalTimerRunner } from '@housing-inbox/timers';
import { ensureConsoleBuilt } from '@housing-inbox/web';
import { StackClock } from './clock.js';
import { ensureSecret, ensureTable, TABLE_NAME } from './data-folder.js';
import { startHttpServer } from './http-server.js';
import { LetterDropFolder } from './letters.js';
import { letterIngester, localPorts } from './local-routes.js';
import { type Logger, quietLogger } from './log.js';
import { outboxCopies } from './outbox-copies.js';
import { plannedCaseEvents, reconcilePendingPlans } from './pending-plans.js';
import { seedOfficers } from './seed.js';
import { startSmtpServer } from './smtp.js';
import { DEFAULT_TIMER_SWEEP_MINUTES, type LocalTimerSweep, startTimerSweep } from './timer-sweep.js';

export { readSecret, TABLE_NAME } from './data-folder.js';

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
  /** Minutes of the stack's clock between timer sweeps (default 15, as the cloud's schedule). */
  timerSweepMinutes?: number;
  /**
   * Where the stack's clock begins when the data folder holds no saved clock
   * (tests and benches pin their instants whatever the wall time); it runs on
   * at real speed from there. A saved clock (restarting a disk stack) wins.
   * Default: the wall clock. `/local/clock` still only moves it forward.
   */
  startAt?: Date;
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
  /** Each case's saved wake-up (the runner's store). */
  wakeUps: DynamoWakeUpRepository;
  /** The periodic sweep that restarts missing timers (`timer-sweep.ts`). */
  timerSweep: LocalTimerSweep;
  officers: Officer[];
  /** The embedded DynamoDB (benches seed it with `bulkLoad`). */
  dynamodb: LocalDynamoDB;
  stop(): Promise<void>;
}

/** What `npx inbox token` and `npx inbox send` read to find a running stack. */
export interface StackInfo {
  policy: string;
  httpUrl: string;
  smtpPort: number;
  officers: Officer[];
  /** The embedded DynamoDB's loopback endpoint and table (`inbox reindex` works on them while the stack runs). */
  dynamoDbEndpoint?: string;
  tableName?: string;
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
    const clock = new StackClock(join(dataDir, 'clock.json'), { startAt: options.startAt });
    const secret = await ensureSecret(dataDir);

    // The seeded directory is added once; officers changed later (absence, leavers) are kept.
    const existing = await repository.listOfficers();
    for (const o of seedOfficers(policy)) if (!existing.some((e) => e.id === o.id)) await repository.putOfficer(o);

    // Letters are kept in the stack's blob store, so the console opens them like any attachment.
    const outbox = new LocalOutbox(join(dataDir, 'outbox'), clock, {
      blobs,
      landlord: { name: policy.name, addressLines: [`${policy.name}`, 'Customer Services'] },
    });
    // The timers need the notice sender the services build, and the services tell the
    // timers when cases change: join them through CaseEvents that plan in the background
    // and clear each change's pending plan once planned (pending-plans.ts).
    let timers: LocalTimerRunner | undefined;
    const events = plannedCaseEvents(
      repository,
      () => timers,
      (event, fields) => log.error(event, fields),
    );
    const services = createServices({
      policy,
      repository,
      blobs,
      clock,
      events,
      outbound: outbox,
      mailDomain: `inbox.${policy.id}.example`,
      log: (event, fields) => log.info(event, fields),
    });

    const wakeUps = new DynamoWakeUpRepository({ tableName: TABLE_NAME, awsSdkV3Client: client });
    const runner = new LocalTimerRunner({
      tasks: createTimerTasks({ repository, policy, clock, sender: services.notices }),
      store: wakeUps,
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
    timers = runner;
    cleanups.push(() => runner.stop());
    cleanups.push(() => events.stop());
    // Before anything can arrive: what a crash left (a case stored but never planned, a
    // notice claimed but never sent) is planned now, so every accepted contact is acknowledged.
    await reconcilePendingPlans(repository, runner, {
      dueCaseRefs: (await wakeUps.due(clock.now())).map((w) => w.caseRef),
      log: (event, fields) => log.info(event, fields),
    });

    let ocr: TesseractLetterReader | undefined;
    cleanups.push(async () => {
      await ocr?.close();
    });
    const ingestLetter = letterIngester(services.ingest, clock, () => {
      ocr ??= new TesseractLetterReader();
      return ocr;
    });

    let ready = false;
    const limiter = new RateLimiter(
      options.contactRateLimit ?? CONTACT_RATE_LIMIT.limit,
      CONTACT_RATE_LIMIT.windowMs,
      () => clock.now().getTime(),
    );
    const api = createApi({
      deps: () => ({
        policy,
        repository,
        clock,
        blobs,
        services,
        audit: repository.audit,
        privacy: repository.privacy,
        sentCopies: outboxCopies(outbox),
      }),
      async authenticate(c) {
        const claims = verifyLocalToken(bearerToken(c.req.header('authorization')), secret);
        // The one officer the token names (a GetItem), not the whole directory.
        const officer = await repository.getOfficer(claims.sub);
        return principalFor(claims.sub, officer ? [officer] : []);
      },
      clientAddress: (c) => getConnInfo(c).remote.address,
      allowContact: (address) => limiter.allow(address ?? 'unknown'),
      ready: () => ready,
      onError: (failure) => log.error('request-failed', failure),
      local: localPorts({ ingest: services.ingest, clock, outbox, ingestLetter, secret }),
    });
    const http = await startHttpServer(api, options.httpPort ?? 0);
    cleanups.push(() => http.close());
    const httpUrl = `http://127.0.0.1:${http.port}`;

    const smtp = await startSmtpServer({ ingest: services.ingest, clock, log, port: options.smtpPort ?? 0 });
    cleanups.push(() => smtp.close());

    const letters = new LetterDropFolder(join(dataDir, 'letters'), ingestLetter, log, options.letterPollMs ?? 1000, {
      giveUp: async (file, filename, reason) => {
        await quarantineDelivery(
          services.ingest,
          { channel: 'letter', raw: file, contentType: 'application/octet-stream' },
          `${filename.slice(0, 200)}: ${reason}`,
        );
      },
    });
    await letters.start();
    cleanups.push(() => letters.stop());

    // Builds the officer console once (and again only when its sources change).
    await ensureConsoleBuilt({ log: (line) => log.info('console', { line }) });

    const info: StackInfo = {
      policy: policy.id,
      httpUrl,
      smtpPort: smtp.port,
      officers: await repository.listOfficers(),
      dynamoDbEndpoint: db.endpoint,
      tableName: TABLE_NAME,
    };
    await writeFile(join(dataDir, 'stack.json'), JSON.stringify(info, null, 2));
    // Every pending wake-up saved before a restart is picked up again here.
    await runner.start({ intervalMs: 1000, clockChanges: (listener) => clock.onChange(listener) });
    // Then the cloud's scheduled sweep's counterpart: now, and every 15 minutes of the stack's clock.
    const timerSweep = startTimerSweep({
      runner,
      clock,
      events,
      repository,
      cursor: new DynamoSweepCursor({ tableName: TABLE_NAME, awsSdkV3Client: client }),
      intervalMs: (options.timerSweepMinutes ?? DEFAULT_TIMER_SWEEP_MINUTES) * 60_000,
      log: (event, fields) => log.info(event, fields),
    });
    cleanups.push(() => timerSweep.stop());
    ready = true;

    return {
      httpUrl,
      httpPort: http.port,
      smtpPort: smtp.port,
      dataDir,
      policy,
      clock,
      repository,
      ingest: services.ingest,
      notices: services.notices,
      outbox,
      timers: runner,
      wakeUps,
      timerSweep,
      officers: info.officers,
      dynamodb: db,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
