/**
 * The stateless stack: the functions, the SES receipt rule, the senders'
 * settings and grants, the HTTP API, the console behind CloudFront (with its
 * Cognito app client and the edge stack's WAF) and the alarms. Everything
 * here can be deleted and deployed again without losing data; it reaches the
 * data and edge stacks only through props.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { InboxConfig } from './config.js';
import { CaseTimers } from './constructs/case-timers.js';
import { DataRetention } from './constructs/data-retention.js';
import { EmailIngest } from './constructs/email-ingest.js';
import { InboxApi } from './constructs/inbox-api.js';
import { LetterIngest } from './constructs/letter-ingest.js';
import { OfficerConsole } from './constructs/officer-console.js';
import { alarmOnTable, OpsAlarms } from './constructs/ops-alarms.js';
import { PREFIXES } from './constructs/payload-bucket.js';
import { PhoneCalls } from './constructs/phone-calls.js';
import { ResidentSending } from './constructs/resident-sending.js';
import { SendingEvents } from './constructs/sending-events.js';
import type { InboxData } from './constructs/shared.js';
import { SmsIngest } from './constructs/sms-ingest.js';
import type { DataStack } from './data-stack.js';
import type { EdgeStack } from './edge-stack.js';

export interface AppStackProps extends StackProps {
  data: DataStack;
  edge: EdgeStack;
  config: InboxConfig;
}

export class AppStack extends Stack {
  readonly email: EmailIngest;
  readonly sms: SmsIngest;
  readonly letters: LetterIngest;
  /** Amazon Connect contact events → call records (the monthly report's switchboard figures). */
  readonly calls: PhoneCalls;
  /** Sender settings, SES configuration set and `grantSendToResidents(fn)` for every function that sends. */
  readonly sending: ResidentSending;
  readonly console: OfficerConsole;
  readonly api: InboxApi;
  /** The SLA state machine (packages/timers) and its two step functions. */
  readonly timers: CaseTimers;
  readonly retention: DataRetention;
  /** Bounces and complaints from the configuration set, onto the contacts' addresses. */
  readonly sendingEvents: SendingEvents;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    // The WAF's ARN comes from us-east-1.
    super(scope, id, { ...props, crossRegionReferences: true });
    const { data, edge, config } = props;
    const ops = new OpsAlarms(this, 'Ops', { alerts: config.alerts });
    alarmOnTable(ops, data.cases.table, ops.topic);
    const deadLetters = data.deadLetters.queues;
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
      deadLetterQueue: deadLetters.inboundEmail,
    });
    this.sms = new SmsIngest(this, 'Sms', {
      ...shared,
      topic: data.topics.sms,
      deadLetterQueue: deadLetters.inboundSms,
    });
    this.letters = new LetterIngest(this, 'Letters', { ...shared, deadLetterQueue: deadLetters.letterUpload });
    this.calls = new PhoneCalls(this, 'Calls', { ...shared, deadLetterQueue: deadLetters.phoneCalls });
    this.sending = new ResidentSending(this, 'Sending', {
      sending: config.sending,
      payloads: data.payloads,
      alarmTopic: ops.topic,
    });

    // Bounces and complaints flag the resident's address.
    this.sendingEvents = new SendingEvents(this, 'SendingEvents', {
      ...shared,
      topic: this.sending.events,
      deadLetterQueue: deadLetters.sendingEvents,
    });

    // The console first: its app client (called back on the distribution) is the API's token audience;
    // the API then goes behind the same distribution.
    this.console = new OfficerConsole(this, 'Console', {
      identity: data.identity,
      settings: config.console,
      webAclArn: edge.webAclArn,
    });
    this.api = new InboxApi(this, 'Api', {
      ...shared,
      jwtIssuer: data.identity.issuerUrl,
      jwtAudience: [this.console.client.userPoolClientId],
      domain: config.apiDomain,
    });
    this.console.serveApi({
      domainName: this.api.originDomainName,
      customHeaders: this.api.originVerification.originHeaders,
    });
    // Officers' replies are sent from the API.
    this.sending.grantSendToResidents(this.api.function.fn);

    // Timers (packages/timers): the SLA state machine; its Act step sends. Every function that opens or
    // changes cases starts and re-plans the case's execution.
    this.timers = new CaseTimers(this, 'Timers', {
      ...shared,
      sending: this.sending,
      deadLetterQueue: deadLetters.timers,
      sendConcurrency: config.timerSendConcurrency,
    });
    for (const fn of [this.email.function.fn, this.sms.function.fn, this.letters.function.fn, this.api.function.fn]) {
      this.timers.grantCaseEvents(fn);
    }
    // Personal data past the policy's retention period, erased daily (legal holds respected).
    this.retention = new DataRetention(this, 'Retention', shared);

    new CfnOutput(this, 'ConsoleUrl', {
      value: this.console.url,
      description: 'The officer console (sign-in through Cognito); the resident form is at /contact on the same host',
    });
    new CfnOutput(this, 'ConsoleClientId', {
      value: this.console.client.userPoolClientId,
      description: 'The console’s Cognito app client (also for admin-initiate-auth from the CLI)',
    });
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: 'The API Gateway endpoint itself: only /health answers there; the rest only through CloudFront',
    });
    if (this.api.domainName) {
      new CfnOutput(this, 'ApiOriginDnsTarget', {
        value: this.api.domainName.regionalDomainName,
        description: `Point a CNAME for ${config.apiDomain?.domainName} at this (CloudFront reaches the API there)`,
      });
    }
    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: ruleSetName,
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });
    new CfnOutput(this, 'LetterUploadLocation', {
      value: `s3://${data.payloads.bucket.bucketName}/${PREFIXES.lettersInbox}`,
    });
    new CfnOutput(this, 'OutgoingLettersLocation', {
      value: `s3://${data.payloads.bucket.bucketName}/${PREFIXES.lettersOutgoing}`,
      description: 'Letters to print and post, one PDF per letter in a folder per day',
    });
    new CfnOutput(this, 'TimersStateMachineArn', { value: this.timers.stateMachine.stateMachineArn });
    new CfnOutput(this, 'SesConfigurationSet', { value: this.sending.configurationSet.configurationSetName });
    new CfnOutput(this, 'SendingEventsTopicArn', {
      value: this.sending.events.topicArn,
      description: 'Bounces, complaints and deliveries of the email we send (SES event publishing)',
    });
  }
}
