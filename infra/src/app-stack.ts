/**
 * The stateless stack: the functions, the SES receipt rule, the HTTP API and
 * the alarms. Everything here can be deleted and deployed again without losing
 * data; it reaches the data stack only through props.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { InboxConfig } from './config.js';
import { EmailIngest } from './constructs/email-ingest.js';
import { InboxApi } from './constructs/inbox-api.js';
import { LetterIngest } from './constructs/letter-ingest.js';
import { OpsAlarms } from './constructs/ops-alarms.js';
import { PREFIXES } from './constructs/payload-bucket.js';
import type { InboxData } from './constructs/shared.js';
import { SmsIngest } from './constructs/sms-ingest.js';
import type { DataStack } from './data-stack.js';

export interface AppStackProps extends StackProps {
  data: DataStack;
  config: InboxConfig;
}

export class AppStack extends Stack {
  readonly email: EmailIngest;
  readonly sms: SmsIngest;
  readonly letters: LetterIngest;
  readonly api: InboxApi;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { data, config } = props;
    const ops = new OpsAlarms(this, 'Ops', { alertEmail: config.alertEmail });
    const shared: InboxData = {
      cases: data.cases,
      payloads: data.payloads,
      alarmTopic: ops.topic,
      environment: {
        TABLE_NAME: data.cases.table.tableName,
        BUCKET_NAME: data.payloads.bucket.bucketName,
        POLICY: config.policy,
        MAIL_DOMAIN: config.mailDomain,
      },
    };
    const ruleSetName = `${config.prefix}-inbound`;
    this.email = new EmailIngest(this, 'Email', {
      ...shared,
      topic: data.topics.email,
      recipients: config.recipients,
      ruleSetName,
    });
    this.sms = new SmsIngest(this, 'Sms', { ...shared, topic: data.topics.sms });
    this.letters = new LetterIngest(this, 'Letters', shared);
    this.api = new InboxApi(this, 'Api', {
      ...shared,
      jwtIssuer: data.identity.issuerUrl,
      jwtAudience: [data.identity.consoleClient.userPoolClientId],
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: 'Resident form at /contact, officer API at /api',
    });
    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: ruleSetName,
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });
    new CfnOutput(this, 'LetterUploadLocation', {
      value: `s3://${data.payloads.bucket.bucketName}/${PREFIXES.lettersInbox}`,
    });
  }
}
