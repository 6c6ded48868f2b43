/**
 * Bounces and complaints: the sending-events function, subscribed to the SES
 * configuration set's events topic (`ResidentSending.events`), flags the
 * address of a permanent bounce or a complaint on its contact so no more
 * automatic email goes to it (functions/src/sending-events.ts). The
 * subscription passes only `Bounce` and `Complaint` events (an SNS filter on
 * the message body): deliveries, the bulk, never invoke it. It may use the
 * case store and nothing else: no bucket, no sending.
 */
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { FilterOrPolicy, SubscriptionFilter } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InboxFunction } from './inbox-function.js';
import type { InboxData } from './shared.js';

export interface SendingEventsProps extends InboxData {
  /** The configuration set's events topic. */
  topic: ITopic;
  /** The data stack's dead-letter queue for this function's async retries. */
  deadLetterQueue: IQueue;
}

/** The SES event types the function acts on (SES event publishing's `eventType`). */
export const SENDING_PROBLEM_EVENTS = ['Bounce', 'Complaint'];

export class SendingEvents extends Construct {
  readonly function: InboxFunction;

  constructor(scope: Construct, id: string, props: SendingEventsProps) {
    super(scope, id);
    this.function = new InboxFunction(this, 'SendingEvents', {
      entry: 'sending-events',
      description: 'Flags an address that bounced permanently or complained, so no more automatic email goes to it',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      deadLetterQueue: props.deadLetterQueue,
      memorySize: 512,
    });
    const { fn } = this.function;
    props.cases.grantCaseStore(fn);
    // No SNS redrive queue on the subscription: the topic lives in this stack and the queue in the data
    // stack, and the queue policy SNS needs would make the data stack depend on this one. SNS retries a
    // delivery to Lambda for 23 days (AWS-managed endpoints' delivery policy); the function's own retries
    // end in the data stack's queue.
    props.topic.addSubscription(
      new LambdaSubscription(fn, {
        filterPolicyWithMessageBody: {
          eventType: FilterOrPolicy.filter(SubscriptionFilter.stringFilter({ allowlist: SENDING_PROBLEM_EVENTS })),
        },
      }),
    );
  }
}
