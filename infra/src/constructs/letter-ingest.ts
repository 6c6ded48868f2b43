/**
 * Letters in: the post room uploads scans to the payload bucket under
 * `letters/inbox/`; the bucket's ObjectCreated notification invokes the
 * letter-upload function, which ingests each one, with Amazon Textract reading
 * images.
 *
 * This function runs on x86_64, unlike the others: pdf.js needs the native
 * @napi-rs/canvas module, which the bundle copies from this repository's
 * node_modules (offline), and the build installed there is Linux x64.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InboxFunction, REPO_ROOT } from './inbox-function.js';
import { excuse, LAMBDA_BASELINE, stackSingleton } from './nag.js';
import { alarmOperators } from './ops-alarms.js';
import { PREFIXES } from './payload-bucket.js';
import type { InboxData } from './shared.js';

export interface LetterIngestProps extends InboxData {
  /** The data stack's dead-letter queue for uploads the function gave up on. */
  deadLetterQueue: IQueue;
}

export class LetterIngest extends Construct {
  readonly function: InboxFunction;

  constructor(scope: Construct, id: string, props: LetterIngestProps) {
    super(scope, id);
    this.function = new InboxFunction(this, 'LetterUpload', {
      entry: 'letter-upload',
      description: 'Reads an uploaded letter scan (Textract for images) and ingests it',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      deadLetterQueue: props.deadLetterQueue,
      architecture: Architecture.X86_64,
      memorySize: 2048,
      timeout: Duration.minutes(5),
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir, outputDir) => [
          `node "${REPO_ROOT}infra/bundling/copy-letter-modules.mjs" "${REPO_ROOT}" "${outputDir}"`,
        ],
      },
    });
    const { fn } = this.function;
    props.payloads.grantReadObjects(fn, PREFIXES.lettersInbox);
    props.payloads.grantWriteObjects(fn, PREFIXES.raw);
    // A duplicate in bytes unlike the first delivery's drops its own raw copy (core's ingest `duplicate`).
    props.payloads.grantDeleteObjects(fn, PREFIXES.raw);
    props.payloads.grantWriteObjects(fn, PREFIXES.attachments);
    // A long letter's text kept as a blob (core's `message-bodies.ts`).
    props.payloads.grantWriteObjects(fn, PREFIXES.bodies);
    props.cases.grantCaseStore(fn);
    // Textract has no resource-level permissions for its synchronous APIs.
    fn.addToRolePolicy(new PolicyStatement({ actions: ['textract:DetectDocumentText'], resources: ['*'] }));
    excuse(fn, [
      {
        id: 'AwsSolutions-IAM5',
        reason: 'textract:DetectDocumentText has no resource-level permissions: "*" is the only resource it takes.',
        appliesTo: ['Resource::*'],
      },
    ]);
    // A throttled read fails the upload (then retries, then the DLQ): say why before the DLQ fills.
    alarmOperators(this, 'TextractThrottledAlarm', props.alarmTopic, {
      description:
        'letters: Textract throttled DetectDocumentText in the last 5 minutes (the account’s TPS quota, shared by the region)',
      metric: new Metric({
        namespace: 'AWS/Textract',
        metricName: 'ThrottledCount',
        dimensionsMap: { Operation: 'DetectDocumentText' },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
    });

    // The notification is configured from this stack on a reference to the bucket, so the data
    // stack does not come to depend on this one (an owned bucket would put it there: a cycle).
    const bucket = Bucket.fromBucketAttributes(this, 'PayloadsRef', {
      bucketArn: props.payloads.bucket.bucketArn,
      bucketName: props.payloads.bucket.bucketName,
      account: Stack.of(this).account,
    });
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), {
      prefix: PREFIXES.lettersInbox,
    });
    // CDK's one handler per stack that writes the bucket's notification configuration.
    excuse(stackSingleton(this, 'BucketNotificationsHandler'), LAMBDA_BASELINE);
  }
}
