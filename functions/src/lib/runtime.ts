/**
 * What every function needs, built once per Lambda container from its
 * environment: the landlord policy, the case repository, the blob store, the
 * clock, the senders (SES, SNS, letters to S3: outbound.ts), the use cases
 * composed by @housing-inbox/services' createServices (the same composition as
 * the local stack) and, for letters, the OCR reader.
 * Handlers take a `() => Runtime`: tests hand in one wired to local DynamoDB
 * and mocked S3; production builds the real one on the first invocation.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { TextractClient } from '@aws-sdk/client-textract';
import { type LetterTextReader, TextractLetterReader } from '@housing-inbox/channels';
import {
  type AuditTrail,
  type BlobStore,
  type CaseEvents,
  type CaseRepository,
  type Clock,
  type IngestDeps,
  type LandlordPolicy,
  type OutboundPorts,
  type PrivacyStore,
  systemClock,
} from '@housing-inbox/core';
import { loadPolicy } from '@housing-inbox/policies';
import { createServices, type Services } from '@housing-inbox/services';
import { DynamoCaseRepository, S3BlobStore } from '@housing-inbox/store';
import * as z from 'zod';
import { cloudCaseEvents } from './case-events.js';
import { cloudOutbound, type OutboundClients, outboundEnvironmentSchema } from './outbound.js';

export interface Runtime {
  policy: LandlordPolicy;
  repository: CaseRepository;
  blobs: BlobStore;
  clock: Clock;
  /** Email, text messages and letters: the cloud senders on functions CDK made senders. */
  outbound: OutboundPorts;
  /** The bucket SES and letter uploads write into (the blob store's bucket). */
  bucketName: string;
  services: Services;
  /** Tells the timers about opened and changed cases (Step Functions when STATE_MACHINE_ARN is set). */
  events: CaseEvents;
  /** The DynamoDB client the repository uses (the timer functions' counters share it). */
  dynamodb: DynamoDBClient;
  /** Looks at restricted cases, recorded append-only (the HTTP API writes, managers read). */
  audit: AuditTrail;
  /** Subject access, erasure and retention's side of the store. */
  privacy: PrivacyStore;
  /** Reads scanned letters; built on first use, only the letter function needs it. */
  letterReader(): LetterTextReader;
}

/** What a caller may supply instead of the defaults (tests: clients pointed at local DynamoDB, or mocked). */
export interface RuntimeOptions {
  dynamodb?: DynamoDBClient;
  s3?: S3Client;
  textract?: TextractClient;
  clock?: Clock;
  /** Clients for the cloud senders (tests: mocked); production builds them with one attempt each. */
  outboundClients?: OutboundClients;
  /** Replaces the cloud senders altogether. */
  outbound?: OutboundPorts;
  /** The ingest log port (functions pass their Powertools logger through `ingestLog`). */
  log?: IngestDeps['log'];
  /** Replaces the timers' case events (default: Step Functions when STATE_MACHINE_ARN is set, else none). */
  events?: CaseEvents;
  /** The Step Functions client those events use (tests: mocked). */
  sfn?: SFNClient;
}

const environmentSchema = outboundEnvironmentSchema.extend({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME (the case table) is not set'),
  BUCKET_NAME: z.string().min(1, 'BUCKET_NAME (the payload bucket) is not set'),
  POLICY: z.string().min(1).default('hightown'),
  /** Domain of our outbound Message-IDs; `.invalid` makes a missing setting obvious rather than plausible. */
  MAIL_DOMAIN: z.string().min(1).default('inbox.invalid'),
});

export type FunctionEnvironment = z.input<typeof environmentSchema>;

export function createRuntime(env: Record<string, string | undefined>, options: RuntimeOptions = {}): Runtime {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`function environment is incomplete: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const { TABLE_NAME, BUCKET_NAME, POLICY, MAIL_DOMAIN } = parsed.data;
  const policy = loadPolicy(POLICY);
  const dynamodb = options.dynamodb ?? new DynamoDBClient({});
  const repository = new DynamoCaseRepository({
    tableName: TABLE_NAME,
    awsSdkV3Client: dynamodb,
    timeZone: policy.timeZone,
  });
  const blobs = new S3BlobStore({ bucketName: BUCKET_NAME, awsSdkV3Client: options.s3 ?? new S3Client({}) });
  const clock = options.clock ?? systemClock;
  const events = options.events ?? cloudCaseEvents(env, { dynamodb, sfn: options.sfn, log: options.log });
  const outbound =
    options.outbound ??
    cloudOutbound({ env: parsed.data, policy, bucketName: BUCKET_NAME, clock, clients: options.outboundClients });
  const services = createServices({
    policy,
    repository,
    blobs,
    clock,
    outbound,
    mailDomain: MAIL_DOMAIN,
    log: options.log,
    events,
  });
  let reader: LetterTextReader | undefined;
  return {
    policy,
    repository,
    blobs,
    clock,
    outbound,
    bucketName: BUCKET_NAME,
    services,
    events,
    dynamodb,
    audit: repository.audit,
    privacy: repository.privacy,
    letterReader() {
      reader ??= new TextractLetterReader({ awsSdkV3Client: options.textract ?? new TextractClient({}) });
      return reader;
    },
  };
}

/** Builds the runtime on first call and hands the same one to every later invocation in this container. */
export function runtimeFromEnvironment(options: RuntimeOptions = {}): () => Runtime {
  let runtime: Runtime | undefined;
  return () => {
    runtime ??= createRuntime(process.env, options);
    return runtime;
  };
}
