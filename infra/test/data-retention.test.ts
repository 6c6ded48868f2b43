/**
 * The retention schedule (issue 12, item 7): a daily EventBridge Scheduler
 * schedule, in the landlord's time zone, invoking the retention function with
 * retries; the function may rewrite the case store and delete erased files —
 * only under the prefixes that hold a case's personal data.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../src/config.js';
import { CaseTable } from '../src/constructs/case-table.js';
import { DataRetention } from '../src/constructs/data-retention.js';
import { OpsAlarms } from '../src/constructs/ops-alarms.js';
import { PayloadBucket } from '../src/constructs/payload-bucket.js';
import { CDK_JSON_CONTEXT, REQUIRED_CONTEXT, scratchOutdir } from './support/synth.js';

type Statement = { Effect: string; Action: string | string[]; Resource?: unknown };

describe('data retention', () => {
  let template: Template;

  beforeAll(() => {
    const app = new App({
      outdir: scratchOutdir(),
      context: {
        ...CDK_JSON_CONTEXT,
        ...REQUIRED_CONTEXT,
        recipient: 'contact@hightown.example',
        'aws:cdk:bundling-stacks': [],
      },
      builtinCloudFormationValidation: false,
    });
    const stack = new Stack(app, 'Retention');
    const encryptionKey = new Key(stack, 'DataKey');
    const cases = new CaseTable(stack, 'Cases', { encryptionKey });
    const payloads = new PayloadBucket(stack, 'Payloads', { encryptionKey });
    const ops = new OpsAlarms(stack, 'Ops', { alerts: configFrom(app.node).alerts });
    new DataRetention(stack, 'Retention', {
      cases,
      payloads,
      alarmTopic: ops.topic,
      environment: { TABLE_NAME: 't', BUCKET_NAME: 'b', POLICY: 'hightown', MAIL_DOMAIN: 'm' },
    });
    template = Template.fromStack(stack);
  });

  it('runs the retention function once a day, at night in the landlord’s time zone, with retries', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Arn: Match.anyValue(),
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
    const schedules = template.findResources('AWS::Scheduler::Schedule');
    const target = Object.values(schedules)[0]?.Properties?.Target as { Arn: { 'Fn::GetAtt': [string, string] } };
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('retention period') },
    });
    expect(Object.keys(functions)).toContain(target.Arn['Fn::GetAtt'][0]);
  });

  it('lets the scheduler invoke that function and nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Effect: 'Allow' })]),
      },
    });
  });

  it('may delete erased files only under the prefixes that hold a case’s personal data', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument.Statement as Statement[]) ?? [],
    );
    const deletes = statements.filter((s) => [s.Action].flat().includes('s3:DeleteObject'));
    const resources = JSON.stringify(deletes.map((s) => s.Resource));
    const prefixes = [...resources.matchAll(/\/(raw|attachments|bodies|letters\/outgoing)\/\*/g)].map((m) => m[1]);
    expect(prefixes.sort()).toEqual(['attachments', 'bodies', 'letters/outgoing', 'raw']);
    expect(statements.some((s) => [s.Action].flat().includes('s3:DeleteBucket'))).toBe(false);
  });
});
