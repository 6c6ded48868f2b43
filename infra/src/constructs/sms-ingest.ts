/**
 * SMS in: AWS End User Messaging publishes each text to the inbound-SMS topic
 * (the phone number's two-way destination, set outside CDK); the inbound-SMS
 * function, subscribed to it, ingests it.
 */
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InboxFunction } from './inbox-function.js';
import { PREFIXES } from './payload-bucket.js';
import type { InboxData } from './shared.js';

export interface SmsIngestProps extends InboxData {
  topic: ITopic;
  /** The data stack's dead-letter queue for this function (async retries and SNS deliveries). */
  deadLetterQueue: IQueue;
}

export class SmsIngest extends Construct {
  readonly function: InboxFunction;

  constructor(scope: Construct, id: string, props: SmsIngestProps) {
    super(scope, id);
    this.function = new InboxFunction(this, 'InboundSms', {
      entry: 'inbound-sms',
      description: 'Ingests a text a resident sent to our number',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      deadLetterQueue: props.deadLetterQueue,
      memorySize: 512,
    });
    const { fn, deadLetterQueue } = this.function;
    props.payloads.grantWriteObjects(fn, PREFIXES.raw);
    // A text over the inline limit keeps its body as a blob (core's `message-bodies.ts`).
    props.payloads.grantWriteObjects(fn, PREFIXES.bodies);
    // A duplicate in bytes unlike the first delivery's drops its own raw copy (core's ingest `duplicate`).
    props.payloads.grantDeleteObjects(fn, PREFIXES.raw);
    props.cases.grantCaseStore(fn);
    props.topic.addSubscription(new LambdaSubscription(fn, { deadLetterQueue }));
  }
}
