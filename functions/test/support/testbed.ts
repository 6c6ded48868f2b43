/**
 * Handler test wiring: the real repository on an in-memory local DynamoDB with
 * the store's own table definition, S3, Textract, SES v2 and SNS mocked with
 * aws-sdk-client-mock (S3 backed by a Map, so what a function writes it can
 * read back; SES and SNS accept every send), a fixed clock, and a Powertools
 * logger whose lines are captured. The runtime has the sender settings CDK
 * gives the HTTP API function.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { TextractClient } from '@aws-sdk/client-textract';
import { ManualClock, type Officer } from '@housing-inbox/core';
import { startLocalDynamoDB } from '@housing-inbox/local-dynamodb';
import { createTableInput } from '@housing-inbox/store';
import type { Context } from 'aws-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { vi } from 'vitest';
import type { LetterRuntime } from '../../src/lib/ingest-runtime.js';
import { lazyLetterReader } from '../../src/lib/letter-reader.js';
import { ingestLog } from '../../src/lib/logging.js';
import { createRuntime, type Runtime } from '../../src/lib/runtime.js';

export const TABLE_NAME = 'housing-inbox-test';
export const BUCKET_NAME = 'housing-inbox-payloads-test';
export const FROM_ADDRESS = 'contact@hightown.example';

/** The directory, each officer's cloud sign-in linked (`cognitoSub`): tokens name officers by it alone. */
export const officers: Officer[] = [
  {
    id: 'amira',
    cognitoSub: '5a1f3c2e-1111-4a41-9a7e-3f1d2a9c8e01',
    name: 'Amira Okafor',
    email: 'amira.okafor@hightown.example',
    role: 'officer',
    teamId: 'property-services',
    active: true,
  },
  {
    id: 'ben',
    cognitoSub: '7d8ca528-4931-4254-9273-ea5ee853f271',
    name: 'Ben Reid',
    email: 'ben.reid@hightown.example',
    role: 'officer',
    teamId: 'customer-services',
    active: true,
  },
  {
    id: 'grace',
    cognitoSub: '0b1e4a52-7c4f-4a41-9a7e-3f1d2a9c8e10',
    name: 'Grace Patel',
    email: 'grace.patel@hightown.example',
    role: 'manager',
    teamId: 'customer-services',
    active: true,
  },
  {
    id: 'leaver',
    cognitoSub: '9c3d2b1a-2222-4a41-9a7e-3f1d2a9c8e02',
    name: 'Lucy Jones',
    email: 'lucy.jones@hightown.example',
    role: 'officer',
    teamId: 'customer-services',
    active: false,
  },
];

export interface StoredObject {
  body: Uint8Array;
  contentType: string;
}

export interface Testbed {
  runtime: Runtime & Pick<LetterRuntime, 'letterReader'>;
  /** The environment and (mocked) clients `runtime` was built from: a function's own, narrower runtime, or a second one on the same stubs. */
  env: Record<string, string>;
  clients: { dynamodb: DynamoDBClient; s3: S3Client; sesv2: SESv2Client; sns: SNSClient; textract: TextractClient };
  objects: Map<string, StoredObject>;
  s3: AwsClientStub<S3Client>;
  textract: AwsClientStub<TextractClient>;
  ses: AwsClientStub<SESv2Client>;
  sns: AwsClientStub<SNSClient>;
  clock: ManualClock;
  logger: Logger;
  /** Every log line written so far, as text. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startTestbed(): Promise<Testbed> {
  const db = await startLocalDynamoDB({});
  const dynamodb = new DynamoDBClient(db.clientConfig);
  await dynamodb.send(new CreateTableCommand(createTableInput(TABLE_NAME)));

  const objects = new Map<string, StoredObject>();
  const s3Client = new S3Client({ region: 'eu-west-2' });
  const s3 = mockClient(s3Client);
  s3.on(PutObjectCommand).callsFake(
    async (input: { Bucket: string; Key: string; Body: Uint8Array; ContentType: string }) => {
      if (input.Bucket !== BUCKET_NAME) throw new Error(`unexpected bucket ${input.Bucket}`);
      objects.set(input.Key, { body: new Uint8Array(input.Body), contentType: input.ContentType });
      return { ETag: '"etag"' };
    },
  );
  s3.on(GetObjectCommand).callsFake(async (input: { Bucket: string; Key: string }) => {
    const found = input.Bucket === BUCKET_NAME ? objects.get(input.Key) : undefined;
    if (!found)
      throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    return { Body: { transformToByteArray: async () => found.body }, ContentType: found.contentType };
  });
  s3.on(DeleteObjectCommand).callsFake(async (input: { Bucket: string; Key: string }) => {
    if (input.Bucket === BUCKET_NAME) objects.delete(input.Key);
    return {};
  });
  const textractClient = new TextractClient({ region: 'eu-west-2' });
  const textract = mockClient(textractClient);
  // The SES client needs its region: the mailer derives SES's own Message-ID domain from it.
  const sesClient = new SESv2Client({ region: 'eu-west-2' });
  const ses = mockClient(sesClient);
  ses.on(SendEmailCommand).resolves({ MessageId: '0102019a-ses-test-message' });
  const snsClient = new SNSClient({ region: 'eu-west-2' });
  const sns = mockClient(snsClient);
  sns.on(PublishCommand).resolves({ MessageId: 'sns-test-message' });

  const lines: string[] = [];
  // Powertools writes info and debug to stdout, warn and error to stderr: capture both.
  const capture = (chunk: string | Uint8Array) => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const writes = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  const logger = new Logger({ serviceName: 'housing-inbox-test', logLevel: 'DEBUG' });

  const clock = new ManualClock('2026-12-01T10:00:05Z');
  const env = {
    TABLE_NAME,
    BUCKET_NAME,
    POLICY: 'hightown',
    MAIL_DOMAIN: 'inbox.hightown.example',
    FROM_ADDRESS,
    SES_CONFIGURATION_SET: 'housing-inbox-outbound',
    SMS_SENDER_ID: 'Hightown',
    LETTERS_PREFIX: 'letters/outgoing',
    LETTER_ADDRESS: 'Hightown Housing Association, 1 Example Street, Hightown, HT1 1AA',
  };
  // Every handler's runtime in one: the HTTP API's, and the letter function's reader (Textract, mocked).
  const runtime = {
    ...createRuntime(env, {
      dynamodb,
      s3: s3Client,
      outboundClients: { sesv2: sesClient, sns: snsClient, s3: s3Client },
      clock,
      log: ingestLog(logger),
    }),
    letterReader: lazyLetterReader(textractClient),
  };
  for (const officer of officers) await runtime.repository.putOfficer(officer);

  return {
    runtime,
    env,
    clients: { dynamodb, s3: s3Client, sesv2: sesClient, sns: snsClient, textract: textractClient },
    objects,
    s3,
    textract,
    ses,
    sns,
    clock,
    logger,
    logs: () => lines.join(''),
    async stop() {
      for (const w of writes) w.mockRestore();
      s3.restore();
      textract.restore();
      ses.restore();
      sns.restore();
      dynamodb.destroy();
      await db.stop();
    },
  };
}

/** A Lambda context as the runtime passes it (middy's early timeout needs getRemainingTimeInMillis). */
export function lambdaContext(functionName = 'housing-inbox-test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: `req-${Math.random().toString(36).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/12/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** Calls a handler with a raw event, as the Lambda runtime does (the handler's own type is the parsed event's). */
export function invoke<Result = unknown>(
  handler: unknown,
  event: unknown,
  context: Context = lambdaContext(),
): Promise<Result> {
  return (handler as (event: unknown, context: Context) => Promise<Result>)(event, context);
}

/** The timers' state machine in handler tests. */
export const STATE_MACHINE = 'arn:aws:states:eu-west-2:123456789012:stateMachine:CaseTimers';

/** A Step Functions client that accepts every start and stop (its calls recorded by aws-sdk-client-mock). */
export function acceptingStepFunctions(): { client: SFNClient; stub: AwsClientStub<SFNClient> } {
  const client = new SFNClient({ region: 'eu-west-2' });
  const stub = mockClient(client);
  stub.on(StartExecutionCommand).resolves({ executionArn: `${STATE_MACHINE}:x`, startDate: new Date() });
  stub.on(StopExecutionCommand).resolves({ stopDate: new Date() });
  return { client, stub };
}
