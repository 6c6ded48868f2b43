/**
 * What every function reads and writes, built once per Lambda container from
 * its environment: the landlord policy, the case repository (with its audit
 * trail and privacy side), the blob store, the clock and the timers' case
 * events. No senders and no use cases: a function adds only the ones its own
 * handler calls (ingest-runtime.ts, runtime.ts, timer-runtime.ts), so its
 * bundle carries nothing else. A function that never reads or writes payloads
 * (the call log, sending events, the timers' plan and sweep) takes the table
 * runtime alone (`createTableRuntime`), without the S3 client (~120 KB); one
 * that never opens or changes a case (the call log, sending events, retention,
 * the timers' plan and act steps) takes its records alone
 * (`createRecordsRuntime`), without the timers' case events and their Step
 * Functions client.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  type AuditTrail,
  type BlobStore,
  type CaseEvents,
  type CaseRepository,
  type Clock,
  type IngestDeps,
  type LandlordPolicy,
  type PrivacyStore,
  systemClock,
} from '@housing-inbox/core';
import { loadPolicy } from '@housing-inbox/policies';
import { DynamoCaseRepository, S3BlobStore } from '@housing-inbox/store';
import * as z from 'zod';
import { cloudCaseEvents } from './case-events.js';

/** The case table's records: policy, repository, clock, the audit and privacy sides; no timers' events. */
export interface RecordsRuntime {
  policy: LandlordPolicy;
  repository: CaseRepository;
  clock: Clock;
  /** Domain of our outbound Message-IDs. */
  mailDomain: string;
  /** The DynamoDB client the repository uses (the timer functions' counters share it). */
  dynamodb: DynamoDBClient;
  /** Looks at restricted cases, recorded append-only (the HTTP API writes, managers read). */
  audit: AuditTrail;
  /** Subject access, erasure and retention's side of the store. */
  privacy: PrivacyStore;
}

/** The case table's side of the store runtime: everything but the payload bucket. */
export interface TableRuntime extends RecordsRuntime {
  /** Tells the timers about opened and changed cases (Step Functions when STATE_MACHINE_ARN is set). */
  events: CaseEvents;
}

export interface StoreRuntime extends TableRuntime {
  blobs: BlobStore;
  /** The bucket SES and letter uploads write into (the blob store's bucket). */
  bucketName: string;
}

/** What a caller may supply instead of the defaults (tests: clients pointed at local DynamoDB, or mocked). */
export interface StoreRuntimeOptions {
  dynamodb?: DynamoDBClient;
  s3?: S3Client;
  clock?: Clock;
  /** The ingest log port (functions pass their Powertools logger through `ingestLog`). */
  log?: IngestDeps['log'];
  /** Replaces the timers' case events (default: Step Functions when STATE_MACHINE_ARN is set, else none). */
  events?: CaseEvents;
  /** The Step Functions client those events use (tests: mocked). */
  sfn?: SFNClient;
}

const tableEnvironmentSchema = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME (the case table) is not set'),
  POLICY: z.string().min(1).default('hightown'),
  /** Domain of our outbound Message-IDs; `.invalid` makes a missing setting obvious rather than plausible. */
  MAIL_DOMAIN: z.string().min(1).default('inbox.invalid'),
});

const bucketEnvironmentSchema = z.object({
  BUCKET_NAME: z.string().min(1, 'BUCKET_NAME (the payload bucket) is not set'),
});

export const storeEnvironmentSchema = tableEnvironmentSchema.extend(bucketEnvironmentSchema.shape);

/** `schema.parse(env)`, or one error naming every missing or wrong setting. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`function environment is incomplete: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

/** The case table's records: policy, repository, clock and the audit and privacy sides (no timers' events). */
export function createRecordsRuntime(
  env: Record<string, string | undefined>,
  options: Pick<StoreRuntimeOptions, 'dynamodb' | 'clock'> = {},
): RecordsRuntime {
  const { TABLE_NAME, POLICY, MAIL_DOMAIN } = parseEnvironment(tableEnvironmentSchema, env);
  const policy = loadPolicy(POLICY);
  const dynamodb = options.dynamodb ?? new DynamoDBClient({});
  const repository = new DynamoCaseRepository({
    tableName: TABLE_NAME,
    awsSdkV3Client: dynamodb,
    timeZone: policy.timeZone,
  });
  return {
    policy,
    repository,
    clock: options.clock ?? systemClock,
    mailDomain: MAIL_DOMAIN,
    dynamodb,
    audit: repository.audit,
    privacy: repository.privacy,
  };
}

/** The table runtime: the case table's records and the timers' events. */
export function createTableRuntime(
  env: Record<string, string | undefined>,
  options: StoreRuntimeOptions = {},
): TableRuntime {
  const records = createRecordsRuntime(env, options);
  const { dynamodb } = records;
  return {
    ...records,
    events: options.events ?? cloudCaseEvents(env, { dynamodb, sfn: options.sfn, log: options.log }),
  };
}

/** A table (or records) runtime with the payload bucket (`BUCKET_NAME`) added. */
export function withBlobs<T extends RecordsRuntime>(
  table: T,
  env: Record<string, string | undefined>,
  options: Pick<StoreRuntimeOptions, 's3'> = {},
): T & Pick<StoreRuntime, 'blobs' | 'bucketName'> {
  const { BUCKET_NAME } = parseEnvironment(bucketEnvironmentSchema, env);
  return {
    ...table,
    blobs: new S3BlobStore({ bucketName: BUCKET_NAME, awsSdkV3Client: options.s3 ?? new S3Client({}) }),
    bucketName: BUCKET_NAME,
  };
}

/** A table (or records) runtime with the payload bucket's name (`BUCKET_NAME`) alone: no S3 client. */
export function withBucketName<T extends RecordsRuntime>(
  table: T,
  env: Record<string, string | undefined>,
): T & Pick<StoreRuntime, 'bucketName'> {
  return { ...table, bucketName: parseEnvironment(bucketEnvironmentSchema, env).BUCKET_NAME };
}

/** The whole store runtime: the table's, and the payload bucket's. */
export function createStoreRuntime(
  env: Record<string, string | undefined>,
  options: StoreRuntimeOptions = {},
): StoreRuntime {
  return withBlobs(createTableRuntime(env, options), env, options);
}

/** Builds a runtime on first call and hands the same one to every later invocation in this container. */
export function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}
