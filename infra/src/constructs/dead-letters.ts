/**
 * The dead-letter queues: where an email, a text or a letter that ingest gave
 * up on waits, and the workflow data of a case timer that failed for good.
 * They hold residents' messages, so they live in the stateful stack,
 * encrypted with the data key, kept when a stack is deleted, and keep a
 * message 14 days (SQS's longest). The app stack's functions and state
 * machine send to them through props; its alarms watch their depth and age.
 *
 * | queue          | filled by                                                                      |
 * | -------------- | ------------------------------------------------------------------------------ |
 * | `inboundEmail` | the inbound-email function's async retries, and SNS when it cannot invoke it   |
 * | `inboundSms`   | the inbound-SMS function's async retries, and SNS when it cannot invoke it     |
 * | `letterUpload` | the letter-upload function's async retries (S3 notifications)                  |
 * | `timers`       | the case timers' state machine, with the execution's data (`ReportFailure`)   |
 * | `phoneCalls`   | the connect-calls function's async retries (EventBridge contact events)        |
 * | `sendingEvents`| the sending-events function's async retries (SES bounces and complaints)      |
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export interface DeadLetterQueuesProps {
  encryptionKey: IKey;
}

export const DEAD_LETTER_QUEUES = [
  'inboundEmail',
  'inboundSms',
  'letterUpload',
  'timers',
  'phoneCalls',
  'sendingEvents',
] as const;
export type DeadLetterQueueName = (typeof DEAD_LETTER_QUEUES)[number];

/** `inboundEmail` → `InboundEmail`: the queue's construct id, and its output's name before `DeadLetterQueueUrl`. */
export const deadLetterQueueId = (name: DeadLetterQueueName) => `${name[0]?.toUpperCase()}${name.slice(1)}`;

export class DeadLetterQueues extends Construct {
  readonly queues: Record<DeadLetterQueueName, Queue>;

  constructor(scope: Construct, id: string, props: DeadLetterQueuesProps) {
    super(scope, id);
    const queue = (name: DeadLetterQueueName) => {
      const q = new Queue(this, deadLetterQueueId(name), {
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: props.encryptionKey,
        // Each producer sends few, rarely: reuse the data key for 5 minutes rather than call KMS each time.
        dataKeyReuse: Duration.minutes(5),
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      NagSuppressions.addResourceSuppressions(q, [
        { id: 'AwsSolutions-SQS3', reason: 'This is a dead-letter queue: it has none of its own.' },
      ]);
      return [name, q] as const;
    };
    this.queues = Object.fromEntries(DEAD_LETTER_QUEUES.map(queue)) as Record<DeadLetterQueueName, Queue>;
  }
}
