/**
 * Where alarms go, and the alarms every part of the inbox raises the same way.
 *
 * The topic is ours (with the operators' address subscribed) or one they
 * already watch (`alertTopicArn`); config.ts refuses a deployment with
 * neither, so no alarm goes nowhere.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { AlertTarget } from '../config.js';

export interface OpsAlarmsProps {
  alerts: AlertTarget;
}

/** A dead letter older than this raises a second alarm: a week left before the 14-day retention drops it. */
export const DEAD_LETTER_AGE_ALARM = Duration.days(7);

export class OpsAlarms extends Construct {
  readonly topic: ITopic;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    const { alerts } = props;
    if ('topicArn' in alerts) {
      this.topic = Topic.fromTopicArn(this, 'Alarms', alerts.topicArn);
      return;
    }
    const topic = new Topic(this, 'Alarms', { displayName: 'Housing inbox alarms', enforceSSL: true });
    topic.addSubscription(new EmailSubscription(alerts.email));
    NagSuppressions.addResourceSuppressions(topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'Alarm messages name a function, queue or metric and a count: no personal data. A customer key would ' +
          'need CloudWatch in its key policy, and the AWS managed SNS key cannot be used by CloudWatch at all.',
      },
    ]);
    this.topic = topic;
  }
}

export interface OperatorAlarmProps {
  description: string;
  metric: IMetric;
  /** Raised at or above this; default 1. */
  threshold?: number;
}

/** An alarm that tells the operators: one period at or above the threshold; no data is no problem. */
export function alarmOperators(scope: Construct, id: string, topic: ITopic, props: OperatorAlarmProps): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold ?? 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

const FIVE_MINUTES = { period: Duration.minutes(5), statistic: 'Sum' };

/** Errors and throttles of one function: either means work did not happen. */
export function alarmOnFunction(scope: Construct, fn: IFunction, name: string, topic: ITopic): void {
  alarmOperators(scope, 'ErrorsAlarm', topic, {
    description: `${name}: invocations failed in the last 5 minutes`,
    metric: fn.metricErrors(FIVE_MINUTES),
  });
  alarmOperators(scope, 'ThrottlesAlarm', topic, {
    description: `${name}: invocations throttled in the last 5 minutes (concurrency limit reached)`,
    metric: fn.metricThrottles(FIVE_MINUTES),
  });
}

/** A dead-letter queue: anything in it, and anything in it for a week (replay before it expires). */
export function alarmOnDeadLetters(scope: Construct, queue: IQueue, what: string, topic: ITopic): void {
  alarmOperators(scope, 'DeadLettersAlarm', topic, {
    description: `${what} wait in the dead-letter queue`,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
  });
  alarmOperators(scope, 'DeadLettersAgeAlarm', topic, {
    description: `${what} have waited in the dead-letter queue for ${DEAD_LETTER_AGE_ALARM.toDays()} days: replay them before they expire at 14`,
    metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
    threshold: DEAD_LETTER_AGE_ALARM.toSeconds(),
  });
}

/** The case table's throttled reads and writes (on demand still throttles past a partition's or twice the last peak). */
export function alarmOnTable(scope: Construct, table: ITable, topic: ITopic): void {
  for (const kind of ['Read', 'Write'] as const) {
    alarmOperators(scope, `${kind}ThrottlesAlarm`, topic, {
      description: `case table: ${kind.toLowerCase()}s throttled in the last 5 minutes`,
      metric: table.metric(`${kind}ThrottleEvents`, FIVE_MINUTES),
    });
  }
}
