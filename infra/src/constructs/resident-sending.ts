/**
 * What a function needs to write to residents (and to staff about their
 * cases): the sender settings functions/src/lib/outbound.ts reads, an SES
 * configuration set, and the least IAM that lets it send.
 *
 * `grantSendToResidents(fn)` makes a function a sender: today the HTTP API
 * function (officers' replies); the timer workflow's function
 * (acknowledgements, delay updates) calls it too.
 *
 * | channel | action           | on                                                                       | condition                                              |
 * | ------- | ---------------- | ------------------------------------------------------------------------ | ------------------------------------------------------ |
 * | email   | `ses:SendEmail`  | the landlord's SES identity and this configuration set                   | `ses:FromAddress` is the landlord's address; SES API v2 |
 * | SMS     | `sns:Publish`    | anything but an SNS ARN (`NotResource: arn:<partition>:sns:*:*:*`)     | —                                                      |
 * | letter  | `s3:PutObject`   | `letters/outgoing/*` of the payload bucket, encrypting with the data key | —                                                      |
 *
 * Watching what was sent: the configuration set publishes bounce, complaint
 * and delivery events to the `events` topic (encrypted with the data key: an
 * event names the recipient), and alarms tell the operators when the
 * account's bounce or complaint rate nears the level at which SES reviews
 * (and may pause) the account, and when this month's SMS spend reaches 80% of
 * the limit set for SNS (`smsMonthlySpendLimit`; SNS stops texting at it).
 *
 * SMS: SNS authorises a Publish to a phone number against the number itself
 * ("not authorized to perform: SNS:Publish on resource: +44…"), so no ARN can
 * name it and the Resource has to be open. NotResource closes every topic and
 * platform endpoint (all `arn:…:sns:…`), which leaves phone numbers only; SNS
 * has no condition key for the phone number or the kind of target. An
 * explicit Deny on topic ARNs would do the same but would also veto any topic
 * a later grant gives the same role.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SendingConfig } from '../config.js';
import { alarmOperators } from './ops-alarms.js';
import { type PayloadBucket, PREFIXES } from './payload-bucket.js';

export interface ResidentSendingProps {
  sending: SendingConfig;
  payloads: PayloadBucket;
  alarmTopic: ITopic;
}

/** SES reviews an account at a 5% bounce rate or a 0.1% complaint rate (and may pause sending above). */
export const SES_REVIEW_RATES = { bounce: 0.05, complaint: 0.001 };
/** The SMS spend alarm fires at this share of `smsMonthlySpendLimit`. */
export const SMS_SPEND_ALARM_SHARE = 0.8;

export class ResidentSending extends Construct {
  readonly configurationSet: ConfigurationSet;
  /** Bounces, complaints and deliveries of what we send (SES event publishing). */
  readonly events: Topic;
  /** `arn:<partition>:ses:<region>:<account>:identity/<domain or address>` */
  readonly identityArn: string;
  readonly configurationSetArn: string;
  /** What functions/src/lib/outbound.ts reads. */
  readonly environment: Record<string, string>;
  readonly #props: ResidentSendingProps;

  constructor(scope: Construct, id: string, props: ResidentSendingProps) {
    super(scope, id);
    this.#props = props;
    const { sending } = props;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // Residents' mail carries their case: never send it over an unencrypted hop.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      // Stop writing to addresses that bounced or complained, for this configuration set too.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.events = new Topic(this, 'SendingEvents', {
      displayName: 'Housing inbox: bounces, complaints and deliveries',
      masterKey: props.payloads.encryptionKey,
      enforceSSL: true,
    });
    this.configurationSet.addEventDestination('ToEventsTopic', {
      destination: EventDestination.snsTopic(this.events),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY],
    });
    this.#alarms(props);
    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: sending.senderIdentity,
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    this.environment = {
      FROM_ADDRESS: sending.fromAddress,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      LETTERS_PREFIX: PREFIXES.lettersOutgoing.replace(/\/$/, ''),
      ...(sending.fromName ? { FROM_NAME: sending.fromName } : {}),
      ...(sending.smsSenderId ? { SMS_SENDER_ID: sending.smsSenderId } : {}),
      ...(sending.smsOriginationNumber ? { SMS_ORIGINATION_NUMBER: sending.smsOriginationNumber } : {}),
      ...(sending.letterAddress ? { LETTER_ADDRESS: sending.letterAddress } : {}),
      ...(sending.letterPhone ? { LETTER_PHONE: sending.letterPhone } : {}),
    };
  }

  #alarms({ alarmTopic, sending }: ResidentSendingProps): void {
    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.minutes(15), statistic: 'Average' });
    alarmOperators(this, 'BounceRateAlarm', alarmTopic, {
      description: `email: the account's bounce rate reached ${SES_REVIEW_RATES.bounce * 100}%, where SES reviews it`,
      metric: reputation('Reputation.BounceRate'),
      threshold: SES_REVIEW_RATES.bounce,
    });
    alarmOperators(this, 'ComplaintRateAlarm', alarmTopic, {
      description: `email: the account's complaint rate reached ${SES_REVIEW_RATES.complaint * 100}%, where SES reviews it`,
      metric: reputation('Reputation.ComplaintRate'),
      threshold: SES_REVIEW_RATES.complaint,
    });
    const limit = sending.smsMonthlySpendLimit;
    alarmOperators(this, 'SmsSpendAlarm', alarmTopic, {
      description: `SMS: this month's spend reached ${SMS_SPEND_ALARM_SHARE * 100}% of USD ${limit}; SNS stops texting at the limit`,
      metric: new Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: limit * SMS_SPEND_ALARM_SHARE,
    });
  }

  /** Makes `fn` a sender: the settings in its environment and the permissions below. */
  grantSendToResidents(fn: LambdaFunction): void {
    for (const [key, value] of Object.entries(this.environment)) fn.addEnvironment(key, value);
    this.grantSendPermissions(fn);
  }

  /** The IAM part alone (for a principal that is not one of our functions). */
  grantSendPermissions(grantee: IGrantable): void {
    const principal = grantee.grantPrincipal;
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'SendEmailAsTheLandlord',
        actions: ['ses:SendEmail'],
        resources: [this.identityArn, this.configurationSetArn],
        conditions: {
          StringEquals: { 'ses:FromAddress': this.#props.sending.fromAddress, 'ses:ApiVersion': '2' },
        },
      }),
    );
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'TextPhoneNumbersNotTopics',
        actions: ['sns:Publish'],
        notResources: [`arn:${Stack.of(this).partition}:sns:*:*:*`],
      }),
    );
    this.#props.payloads.grantWriteObjects(grantee, PREFIXES.lettersOutgoing);
  }
}
