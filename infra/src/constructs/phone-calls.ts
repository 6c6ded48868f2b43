/**
 * Calls to the switchboard: an EventBridge rule on the default bus takes each
 * Amazon Connect contact event for the end of an inbound voice call and
 * invokes the connect-calls function, which keeps it as a call record for the
 * monthly report (calls offered, answered, abandoned, answered within the
 * policy's standard). Connect publishes contact events to EventBridge itself;
 * nothing is set up in Connect beyond the instance.
 */
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InboxFunction } from './inbox-function.js';
import type { InboxData } from './shared.js';

export interface PhoneCallsProps extends InboxData {
  /** The function's async retries, then this queue (EventBridge invokes it asynchronously). */
  deadLetterQueue: IQueue;
}

/** The events the rule passes on: only what becomes a call record. */
export const CONNECT_CALL_EVENTS = {
  source: ['aws.connect'],
  detailType: ['Amazon Connect Contact Event'],
  detail: { channel: ['VOICE'], eventType: ['DISCONNECTED'], initiationMethod: ['INBOUND'] },
};

export class PhoneCalls extends Construct {
  readonly function: InboxFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: PhoneCallsProps) {
    super(scope, id);
    this.function = new InboxFunction(this, 'ConnectCalls', {
      entry: 'connect-calls',
      description: 'Keeps each inbound call Amazon Connect reports as a call record for the monthly report',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      deadLetterQueue: props.deadLetterQueue,
      memorySize: 256,
    });
    const { fn } = this.function;
    props.cases.grantCaseStore(fn);
    this.rule = new Rule(this, 'ContactEvents', {
      description: 'Amazon Connect: the end of each inbound voice call, to the call records',
      eventPattern: CONNECT_CALL_EVENTS,
    });
    this.rule.addTarget(new LambdaFunction(fn, { retryAttempts: 4 }));
  }
}
