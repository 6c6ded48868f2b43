/**
 * One test file's world on moto_server: its own table (the store's
 * `createTableInput`), bucket, SES identity and configuration set, timers'
 * dead-letter queue and state machine (the definition `CaseTimers` deploys,
 * from `buildStateMachineDefinition`), every client pointed at moto with
 * dummy credentials, and the functions' runtime over them. What moto recorded
 * (emails SES "sent", texts SNS "published") is read from its
 * `/moto-api/data.json`.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { CreateConfigurationSetCommand, CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  CreateStateMachineCommand,
  type ExecutionListItem,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ManualClock } from '@housing-inbox/core';
import { createTableInput } from '@housing-inbox/store';
import { buildStateMachineDefinition, deadLetterQueueFailure } from '@housing-inbox/timers/workflow';
import { inject } from 'vitest';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../../functions/src/lib/runtime.js';
import { officers } from '../../../functions/test/support/testbed.js';

const REGION = 'eu-west-2';
export const ACCOUNT = '123456789012';
export const FROM_ADDRESS = 'contact@hightown.example';

/** Every client's settings: moto's endpoint, dummy credentials, path-style S3 (no bucket subdomains on 127.0.0.1). */
export function clientConfig(endpoint: string, extra: Record<string, unknown> = {}) {
  return {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    forcePathStyle: true,
    ...extra,
  };
}

export interface SentEmail {
  source: string;
  destinations: { ToAddresses?: string[] };
  subject: string;
  body: string;
}

export interface SentText {
  phone_number: string;
  message: string;
}

export interface MotoBed {
  endpoint: string;
  names: { table: string; bucket: string; stateMachine: string; timersQueue: string; configurationSet: string };
  stateMachineArn: string;
  timersQueueUrl: string;
  clients: {
    dynamodb: DynamoDBClient;
    s3: S3Client;
    sfn: SFNClient;
    sesv2: SESv2Client;
    sns: SNSClient;
    sqs: SQSClient;
    scheduler: SchedulerClient;
  };
  clock: ManualClock;
  /** The environment CDK gives a sending function that emits case events. */
  env: Record<string, string>;
  /** The functions' runtime on moto; `options` replace clients (e.g. one with a throttle injected). */
  runtime(options?: RuntimeOptions): Runtime;
  putObject(key: string, body: Uint8Array): Promise<void>;
  /** Executions of this bed's state machine, newest first. */
  executions(): Promise<ExecutionListItem[]>;
  /** Emails moto's SES recorded as sent from this bed's configuration (all beds share moto's record). */
  sentEmails(to?: string): Promise<SentEmail[]>;
  sentTexts(phone?: string): Promise<SentText[]>;
  queueDepth(url: string): Promise<number>;
  stop(): void;
}

export async function startMotoBed(name: string): Promise<MotoBed> {
  const endpoint = inject('motoEndpoint');
  const id = `${name}-${randomUUID().slice(0, 8)}`;
  const names = {
    table: `inbox-${id}`,
    bucket: `inbox-payloads-${id}`,
    stateMachine: `inbox-timers-${id}`,
    timersQueue: `inbox-timers-dlq-${id}`,
    configurationSet: `inbox-outbound-${id}`,
  };
  const config = clientConfig(endpoint);
  const clients = {
    dynamodb: new DynamoDBClient(config),
    s3: new S3Client(config),
    sfn: new SFNClient(config),
    // The senders make one attempt each, as in production (functions/src/lib/outbound.ts).
    sesv2: new SESv2Client(clientConfig(endpoint, { maxAttempts: 1 })),
    sns: new SNSClient(clientConfig(endpoint, { maxAttempts: 1 })),
    sqs: new SQSClient(config),
    scheduler: new SchedulerClient(config),
  };

  await clients.dynamodb.send(new CreateTableCommand(createTableInput(names.table)));
  await clients.s3.send(
    new CreateBucketCommand({ Bucket: names.bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
  await clients.sesv2.send(new CreateEmailIdentityCommand({ EmailIdentity: 'hightown.example' }));
  await clients.sesv2.send(new CreateConfigurationSetCommand({ ConfigurationSetName: names.configurationSet }));
  const queue = await clients.sqs.send(
    new CreateQueueCommand({ QueueName: names.timersQueue, Attributes: { MessageRetentionPeriod: '1209600' } }),
  );
  const timersQueueUrl = queue.QueueUrl as string;
  const lambdaArn = (fn: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}-${id}`;
  const definition = buildStateMachineDefinition({
    planResource: lambdaArn('timer-plan'),
    actResource: lambdaArn('timer-act'),
    failure: deadLetterQueueFailure(timersQueueUrl),
  });
  const machine = await clients.sfn.send(
    new CreateStateMachineCommand({
      name: names.stateMachine,
      type: 'STANDARD',
      definition: JSON.stringify(definition),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/inbox-timers-${id}`,
    }),
  );
  const stateMachineArn = machine.stateMachineArn as string;

  const clock = new ManualClock('2026-12-01T10:00:05Z');
  const env = {
    TABLE_NAME: names.table,
    BUCKET_NAME: names.bucket,
    POLICY: 'hightown',
    MAIL_DOMAIN: 'inbox.hightown.example',
    FROM_ADDRESS,
    SES_CONFIGURATION_SET: names.configurationSet,
    SMS_SENDER_ID: 'Hightown',
    LETTERS_PREFIX: 'letters/outgoing',
    STATE_MACHINE_ARN: stateMachineArn,
  };
  const runtime = (options: RuntimeOptions = {}) =>
    createRuntime(env, {
      dynamodb: clients.dynamodb,
      s3: clients.s3,
      sfn: clients.sfn,
      outboundClients: { sesv2: clients.sesv2, sns: clients.sns, s3: clients.s3 },
      clock,
      ...options,
    });
  const seed = runtime();
  for (const officer of officers) await seed.repository.putOfficer(officer);

  const recorded = async () =>
    (await (await fetch(`${endpoint}/moto-api/data.json`)).json()) as {
      ses?: { Message?: SentEmail[] };
      sns?: { SMS?: SentText[] };
    };

  return {
    endpoint,
    names,
    stateMachineArn,
    timersQueueUrl,
    clients,
    clock,
    env,
    runtime,
    async putObject(key, body) {
      await clients.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: key, Body: body }));
    },
    async executions() {
      const out = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
      return out.executions ?? [];
    },
    async sentEmails(to) {
      const all = (await recorded()).ses?.Message ?? [];
      return to ? all.filter((m) => m.destinations.ToAddresses?.includes(to)) : all;
    },
    async sentTexts(phone) {
      const all = (await recorded()).sns?.SMS ?? [];
      return phone ? all.filter((m) => m.phone_number === phone) : all;
    },
    async queueDepth(url) {
      const out = await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
    },
    stop() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
