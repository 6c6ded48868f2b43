/**
 * Ingest on the embedded DynamoDB (packages/local-dynamodb, in memory), the
 * real repository and core's ingest: new cases per second (one at a time and
 * with several in flight) with per-case latency, beside raw PutItem per second
 * on the same store in the same run; then the DynamoDB requests and write
 * units one new case, one threaded message and one duplicate cost.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { type InboundMessageInput, inboundMessageSchema, ingestMessage } from '@housing-inbox/core';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import { StepFunctionsCaseEvents } from '@housing-inbox/timers/workflow';
import { clockAt, email, hightown, startTestStore, type TestStore } from '../test/support/stack.js';
import { countRequests, type RequestCount } from './count-requests.js';
import { percentile, round, timed } from './stats.js';

export interface IngestFigures {
  rawPutItemPerSecond: number;
  newCasePerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** New cases per second with `inFlight` ingests running at once (extension of the contract). */
  concurrent: Concurrent;
  /** The same on the local DynamoDB running one request at a time (before per-item locks), same run. */
  concurrentOneRequestAtATime: Concurrent;
}

interface Concurrent {
  inFlight: number;
  newCasePerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface RequestFigures {
  /** The first new case of a fresh process (it reserves the process's first block of reference numbers). */
  newCase: number;
  /**
   * Requests per new case over a fresh process's first `amortisedOver` (64) new cases: the reference
   * blocks it reserves (1, 2, 4 … numbers, one UpdateItem each) shared out (extension of the contract).
   */
  newCaseAmortised: number;
  threaded: number;
  duplicate: number;
  /** The threaded message delivered again (its re-announcement included; extension of the contract). */
  duplicateThreaded: number;
  /** Per kind of message: requests by operation, items written, estimated write units. */
  detail: Record<'newCase' | 'threaded' | 'duplicate' | 'duplicateThreaded', RequestCount>;
}

async function withStore<T>(
  work: (store: TestStore, deps: Parameters<typeof ingestMessage>[0]) => Promise<T>,
  dbOptions: Parameters<typeof startTestStore>[1] = {},
) {
  const store = await startTestStore('inbox', dbOptions);
  try {
    await store.repository.putOfficer({
      id: 'o1',
      name: 'Officer',
      email: 'o1@x.example',
      role: 'officer',
      teamId: 'customer-services',
      active: true,
    });
    const deps = {
      policy: hightown,
      repository: store.repository,
      blobs: store.blobs,
      clock: clockAt('2026-12-01T10:00:00Z'),
    };
    return await work(store, deps);
  } finally {
    await store.stop();
  }
}

/** An inbound email as its parser hands it to ingest (defaults filled in). */
export const message = (overrides: Partial<InboundMessageInput>) => inboundMessageSchema().parse(email(overrides));

/** A stored item about the size of a case item, for the raw PutItem baseline. */
const rawItem = (i: number) => ({
  pk: { S: `RAW#${i}` },
  sk: { S: 'RAW' },
  body: { S: 'x'.repeat(700) },
  receivedAt: { S: '2026-12-01T10:00:00.000Z' },
});

/** `cases` new cases sequentially, then `cases` with `inFlight` at once, and as many raw PutItems. */
export async function measureIngest(opts: { cases: number; inFlight?: number }): Promise<IngestFigures> {
  const inFlight = opts.inFlight ?? 8;
  return withStore(async (store, deps) => {
    // Warm up the connection, the table and the JIT so the first figures are not a cold start.
    for (let i = 0; i < 5; i++) await ingestMessage(deps, message({ from: { email: `warm${i}@resident.example` } }));
    const raw = await timed(opts.cases, 1, (i) =>
      store.client.send(new PutItemCommand({ TableName: 'inbox', Item: rawItem(i) })),
    );
    const sequential = await timed(opts.cases, 1, (i) =>
      ingestMessage(deps, message({ from: { email: `seq${i}@resident.example` } })),
    );
    const parallel = await concurrently(deps, opts.cases, inFlight);
    return {
      rawPutItemPerSecond: round(raw.perSecond, 0),
      newCasePerSecond: round(sequential.perSecond, 0),
      p50Ms: round(percentile(sequential.latenciesMs, 50)),
      p99Ms: round(percentile(sequential.latenciesMs, 99)),
      concurrent: parallel,
      concurrentOneRequestAtATime: await withStore((_, serialDeps) => concurrently(serialDeps, opts.cases, inFlight), {
        oneRequestAtATime: true,
      }),
    };
  });
}

async function concurrently(deps: Parameters<typeof ingestMessage>[0], cases: number, inFlight: number) {
  const run = await timed(cases, inFlight, (i) =>
    ingestMessage(deps, message({ from: { email: `par${i}@resident.example` } })),
  );
  return {
    inFlight,
    newCasePerSecond: round(run.perSecond, 0),
    p50Ms: round(percentile(run.latenciesMs, 50)),
    p99Ms: round(percentile(run.latenciesMs, 99)),
  };
}

/**
 * The cloud's announcements, as the ingest functions make them (`StepFunctionsCaseEvents`
 * with the store's `DynamoGenerationCounter` on the same client, so a generation it moves
 * is counted): Step Functions answers every call here and is not counted.
 */
const cloudEvents = (store: TestStore) =>
  new StepFunctionsCaseEvents({
    stateMachineArn: 'arn:aws:states:eu-west-2:123456789012:stateMachine:CaseTimers',
    generations: new DynamoGenerationCounter({ tableName: 'inbox', awsSdkV3Client: store.client }),
    awsSdkV3Client: { send: async () => ({}) } as unknown as SFNClient,
  });

/** New cases over which `newCaseAmortised` is counted: a fresh process's first, through its blocks of 1 to 32 numbers. */
const AMORTISED_OVER = 64;

/**
 * Requests and write units of a new case, a threaded message (same resident, case open) and a
 * duplicate delivery. `text`: the body of the new case's email and of the reply (default: the
 * test email's short text), to see what a long body costs; `replyAfterMinutes`: the reply's
 * receipt after the first's (default 0: the same instant, as the published figures were taken).
 */
export async function measureRequests({
  amortisedOver = AMORTISED_OVER,
  text,
  replyAfterMinutes = 0,
}: {
  amortisedOver?: number;
  text?: string;
  /** How long after the first the reply is received: later, its case's activity order moves (3 queue entries). */
  replyAfterMinutes?: number;
} = {}): Promise<RequestFigures> {
  return withStore(async (store, plainDeps) => {
    const deps = { ...plainDeps, events: cloudEvents(store) };
    const endpoint = await store.client.config.endpoint?.();
    const sizerClient = new DynamoDBClient({
      endpoint: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const counter = countRequests(store.client, sizerClient);
      const body = text === undefined ? {} : { text };
      const first = message({ from: { email: 'count@resident.example' }, ...body });
      let caseRef = '';
      const newCase = await counter.measure(async () => {
        const created = await ingestMessage(deps, first);
        expectOutcome(created, 'created');
        caseRef = 'caseRef' in created ? (created.caseRef ?? '') : '';
      });
      // The resident answers quoting the case reference: threads onto the open case.
      const reply = message({
        receivedAt: new Date(Date.parse(first.receivedAt) + replyAfterMinutes * 60_000).toISOString(),
        from: { email: 'count@resident.example' },
        subject: `Re: ${caseRef} my rent statement`,
        ...body,
      });
      const threaded = await counter.measure(async () => expectOutcome(await ingestMessage(deps, reply), 'threaded'));
      const duplicate = await counter.measure(async () => expectOutcome(await ingestMessage(deps, first), 'duplicate'));
      const duplicateThreaded = await counter.measure(async () =>
        expectOutcome(await ingestMessage(deps, reply), 'duplicate'),
      );
      const more = await counter.measure(async () => {
        for (let i = 1; i < amortisedOver; i++)
          expectOutcome(
            await ingestMessage(deps, message({ from: { email: `count${i}@resident.example` } })),
            'created',
          );
      });
      return {
        newCase: newCase.total,
        newCaseAmortised: round((newCase.total + more.total) / amortisedOver, 2),
        threaded: threaded.total,
        duplicate: duplicate.total,
        duplicateThreaded: duplicateThreaded.total,
        detail: { newCase, threaded, duplicate, duplicateThreaded },
      };
    } finally {
      sizerClient.destroy();
    }
  });
}

function expectOutcome(result: { outcome: string }, outcome: string): void {
  if (result.outcome !== outcome) throw new Error(`expected the message to be ${outcome}, it was ${result.outcome}`);
}
