/**
 * Retention of personal data (UK GDPR Art. 5(1)(e); the policy's
 * `privacy.retention`): an EventBridge Scheduler schedule runs
 * `functions/src/retention.ts` once a day at 02:30 Europe/London, erasing
 * closed cases past the retention period unless under a legal hold. The
 * function reads and rewrites the case store and deletes the erased cases'
 * files (raw payloads, attachments and scans, letters sent).
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { InboxFunction } from './inbox-function.js';
import { excuse, resourceEndingWith } from './nag.js';
import { PREFIXES } from './payload-bucket.js';
import type { InboxData } from './shared.js';

/** The prefixes whose objects hold a case's personal data: erasure deletes them. */
export const ERASABLE_PREFIXES = [PREFIXES.raw, PREFIXES.attachments, PREFIXES.bodies, PREFIXES.lettersOutgoing];

export class DataRetention extends Construct {
  readonly function: InboxFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: InboxData) {
    super(scope, id);
    this.function = new InboxFunction(this, 'Retention', {
      entry: 'retention',
      description: 'Daily: erase personal data of closed cases past the retention period (legal holds respected)',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      memorySize: 512,
      timeout: Duration.minutes(15),
    });
    const { fn } = this.function;
    props.cases.grantCaseStore(fn);
    for (const prefix of ERASABLE_PREFIXES) props.payloads.grantDeleteObjects(fn, prefix);
    // The schedule's own role: it may invoke this function (any version, CDK's grant) and nothing else.
    const role = new Role(this, 'ScheduleRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new Schedule(this, 'Daily', {
      description: 'Retention of personal data: once a day, at night',
      schedule: ScheduleExpression.cron({ hour: '2', minute: '30', timeZone: TimeZone.EUROPE_LONDON }),
      target: new LambdaInvoke(fn, { role, retryAttempts: 2, maxEventAge: Duration.hours(6) }),
    });
    excuse(role, [
      {
        id: 'AwsSolutions-IAM5',
        reason: 'lambda:InvokeFunction on the retention function and its versions (CDK’s grant), nothing else',
        appliesTo: [resourceEndingWith('.Arn>:*')],
      },
    ]);
  }
}
