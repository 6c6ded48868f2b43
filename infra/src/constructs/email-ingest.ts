/**
 * Email in: SES's receipt rule stores each message for our recipients in the
 * payload bucket under `inbound/email/` and notifies the inbound-email topic;
 * the inbound-email function, subscribed to the topic, reads and ingests it.
 * The rule set must be made active once per account and region (see README).
 */
import { Duration } from 'aws-cdk-lib';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { S3 } from 'aws-cdk-lib/aws-ses-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InboxFunction } from './inbox-function.js';
import { PREFIXES } from './payload-bucket.js';
import type { InboxData } from './shared.js';

export interface EmailIngestProps extends InboxData {
  topic: ITopic;
  /** The data stack's dead-letter queue for this function (async retries and SNS deliveries). */
  deadLetterQueue: IQueue;
  recipients: string[];
  ruleSetName: string;
}

export class EmailIngest extends Construct {
  readonly function: InboxFunction;
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: EmailIngestProps) {
    super(scope, id);
    this.function = new InboxFunction(this, 'InboundEmail', {
      entry: 'inbound-email',
      description: 'Reads an email SES stored and ingests it as a contact',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      deadLetterQueue: props.deadLetterQueue,
      memorySize: 1024,
      timeout: Duration.minutes(1),
    });
    const { fn, deadLetterQueue } = this.function;
    props.payloads.grantReadObjects(fn, PREFIXES.inboundEmail);
    props.payloads.grantWriteObjects(fn, PREFIXES.raw);
    // A duplicate in bytes unlike the first delivery's drops its own raw copy (core's ingest `duplicate`).
    props.payloads.grantDeleteObjects(fn, PREFIXES.raw);
    props.payloads.grantWriteObjects(fn, PREFIXES.attachments);
    // Long bodies kept as blobs (core's `message-bodies.ts`).
    props.payloads.grantWriteObjects(fn, PREFIXES.bodies);
    props.cases.grantCaseStore(fn);
    props.topic.addSubscription(new LambdaSubscription(fn, { deadLetterQueue }));

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSetName });
    this.ruleSet.addRule('Residents', {
      recipients: props.recipients,
      enabled: true,
      scanEnabled: true,
      // Residents write from every kind of mail server: take mail with or without TLS.
      tlsPolicy: TlsPolicy.OPTIONAL,
      actions: [new S3({ bucket: props.payloads.bucket, objectKeyPrefix: PREFIXES.inboundEmail, topic: props.topic })],
    });
  }
}
