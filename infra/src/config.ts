/**
 * Deployment settings, read from CDK context (`-c key=value` or cdk.json).
 * infra/README.md lists every key; the defaults let `cdk synth` run with none.
 */
import type { Node } from 'constructs';
import { LANDLORDS } from './bundling.js';

export interface SendingConfig {
  /** The address residents receive mail from (and reply to): a verified SES identity, or an address at one. */
  fromAddress: string;
  /** Shown as the sender; the landlord's name from the policy when unset. */
  fromName?: string;
  /** The verified SES identity (domain or address) the functions may send as. */
  senderIdentity: string;
  /** Alphanumeric SMS sender, e.g. "Hightown" (residents cannot reply to it). */
  smsSenderId?: string;
  /** A number of ours (E.164) to text from, e.g. the two-way SMS number residents can answer. */
  smsOriginationNumber?: string;
  /** The landlord's postal address for letters, lines separated by commas. */
  letterAddress?: string;
  letterPhone?: string;
  /**
   * The account's SNS monthly SMS spend limit in USD, as set with `aws sns set-sms-attributes`
   * (an account setting, not a CloudFormation resource): the spend alarm fires at 80% of it.
   */
  smsMonthlySpendLimit: number;
}

export interface ConsoleSettings {
  /** Prefix of the Cognito hosted sign-in domain; by default `<prefix>-<account id>`. */
  cognitoDomainPrefix?: string;
  /** A custom domain for the console (CloudFront alias); needs `certificateArn`. */
  domainName?: string;
  /** ACM certificate for `domainName`, in us-east-1 (CloudFront's region). */
  certificateArn?: string;
  /** The built console to upload; by default @housing-inbox/web's dist/ (deployed only if it exists). */
  dist?: string;
}

/** Where alarms go: an address we subscribe to a topic of ours, or a topic the operators already watch. */
export type AlertTarget = { email: string } | { topicArn: string };

export interface ApiDomainSettings {
  /** A custom domain for the HTTP API, used only as CloudFront's origin (the execute-api endpoint is then off). */
  domainName: string;
  /** ACM certificate for `domainName`, in the deployment's region. */
  certificateArn: string;
}

export interface InboxConfig {
  /** The region the data and app stacks deploy to (the WAF's edge stack is always in us-east-1). */
  region: string;
  recipients: string[];
  policy: string;
  mailDomain: string;
  alerts: AlertTarget;
  prefix: string;
  sending: SendingConfig;
  console: ConsoleSettings;
  apiDomain?: ApiDomainSettings;
  /** Reserved concurrency of the timers' act function, which sends (0: unreserved). */
  timerSendConcurrency: number;
}

/** Used when no recipient is given, so `cdk synth` works with no context; a rule for it matches no real mail. */
export const PLACEHOLDER_RECIPIENT = 'contact@inbox.invalid';

/** One landlord per deployment: the preset its functions are bundled with (bundling.ts). */
const PRESETS: readonly string[] = LANDLORDS;

const ADDRESS = /^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
/** SNS/UK: 1 to 11 letters and digits, at least one letter. */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Cognito: lowercase letters, digits and hyphens, and none of its reserved words. */
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const US_EAST_1_CERTIFICATE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const CERTIFICATE = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** USD a month when `smsMonthlySpendLimit` is not given (SNS starts a new account at 1; AWS raises it on request). */
const DEFAULT_SMS_MONTHLY_SPEND_LIMIT = 10;

function text(node: Node, key: string): string | undefined {
  const value = node.tryGetContext(key);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function refuse(key: string, why: string): never {
  throw new Error(`context "${key}": ${why}`);
}

const domainOf = (address: string) => address.slice(address.indexOf('@') + 1);

/**
 * `defaultRegion` is the CLI's region (CDK_DEFAULT_REGION), used when there is no "region" context.
 */
export function configFrom(node: Node, defaultRegion?: string): InboxConfig {
  const region = text(node, 'region') ?? defaultRegion;
  if (!region)
    refuse('region', 'required: the region to deploy to, e.g. -c region=eu-west-2 (or a CLI profile with one)');
  if (!REGION.test(region)) refuse('region', `"${region}" is not an AWS region name`);
  const recipients = (text(node, 'recipient') ?? PLACEHOLDER_RECIPIENT)
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  for (const r of recipients) {
    if (!ADDRESS.test(r) && !DOMAIN.test(r)) refuse('recipient', `"${r}" is neither an email address nor a domain`);
  }
  const policy = text(node, 'policy') ?? 'hightown';
  if (!PRESETS.includes(policy)) refuse('policy', `unknown preset "${policy}" (presets: ${PRESETS.join(', ')})`);
  const first = recipients[0] as string;
  return {
    region,
    recipients,
    policy,
    mailDomain: text(node, 'mailDomain') ?? domainOf(first),
    alerts: alertsFrom(node, region),
    prefix: text(node, 'prefix') ?? 'HousingInbox',
    sending: sendingFrom(node, recipients),
    console: consoleFrom(node),
    apiDomain: apiDomainFrom(node, region),
    timerSendConcurrency: timerSendConcurrencyFrom(node),
  };
}

/** Default 8: under SES's starting 14 emails and SNS's 20 texts a second at ~0.5 s a send. */
function timerSendConcurrencyFrom(node: Node): number {
  const given = String(node.tryGetContext('timerSendConcurrency') ?? '').trim();
  if (!given) return 8;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 0 || n > 100) {
    refuse('timerSendConcurrency', `"${given}" must be a whole number from 0 (unreserved) to 100`);
  }
  return n;
}

/** Alarms that reach nobody are no alarms: one of the two is required. */
function alertsFrom(node: Node, region: string): AlertTarget {
  const email = text(node, 'alertEmail')?.toLowerCase();
  const topicArn = text(node, 'alertTopicArn');
  if (email && topicArn) refuse('alertEmail', 'give alertEmail or alertTopicArn, not both');
  if (topicArn) {
    const match = TOPIC_ARN.exec(topicArn);
    if (!match) refuse('alertTopicArn', `"${topicArn}" is not an SNS topic ARN`);
    if (match[1] !== region) refuse('alertTopicArn', `the topic must be in ${region}, where the alarms are`);
    return { topicArn };
  }
  if (!email) {
    refuse('alertEmail', 'required (or "alertTopicArn"): where alarms go, e.g. -c alertEmail=ops@your-landlord.org.uk');
  }
  if (!ADDRESS.test(email)) refuse('alertEmail', `"${email}" is not an email address`);
  return { email };
}

function apiDomainFrom(node: Node, region: string): ApiDomainSettings | undefined {
  const domainName = text(node, 'apiDomain')?.toLowerCase();
  const certificateArn = text(node, 'apiCertificateArn');
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) {
    refuse(
      domainName ? 'apiCertificateArn' : 'apiDomain',
      'an API origin domain needs both apiDomain and apiCertificateArn',
    );
  }
  if (!DOMAIN.test(domainName)) refuse('apiDomain', `"${domainName}" is not a domain name`);
  if (CERTIFICATE.exec(certificateArn)?.[1] !== region) {
    refuse('apiCertificateArn', `API Gateway needs an ACM certificate in ${region}, the API's region`);
  }
  return { domainName, certificateArn };
}

function sendingFrom(node: Node, recipients: string[]): SendingConfig {
  // Residents reply to what we send, so by default we send from the address mail comes in on.
  const firstAddress = recipients.find((r) => r.includes('@'));
  const fromAddress = (
    text(node, 'fromAddress') ??
    firstAddress ??
    `contact@${domainOf(recipients[0] as string)}`
  ).toLowerCase();
  if (!ADDRESS.test(fromAddress)) refuse('fromAddress', `"${fromAddress}" is not an email address`);
  const senderIdentity = (text(node, 'senderIdentity') ?? domainOf(fromAddress)).toLowerCase();
  if (ADDRESS.test(senderIdentity)) {
    if (senderIdentity !== fromAddress) {
      refuse('senderIdentity', `the address identity "${senderIdentity}" cannot send as ${fromAddress}`);
    }
  } else if (!DOMAIN.test(senderIdentity)) {
    refuse('senderIdentity', `"${senderIdentity}" is neither a domain nor an email address`);
  } else {
    const domain = domainOf(fromAddress);
    // SES lets a verified domain send from its subdomains too.
    if (domain !== senderIdentity && !domain.endsWith(`.${senderIdentity}`)) {
      refuse('senderIdentity', `${fromAddress} is not an address of "${senderIdentity}"`);
    }
  }
  const smsSenderId = text(node, 'smsSenderId');
  if (smsSenderId && !SENDER_ID.test(smsSenderId)) {
    refuse('smsSenderId', `"${smsSenderId}" must be 1 to 11 letters and digits, with at least one letter`);
  }
  const smsOriginationNumber = text(node, 'smsOriginationNumber')?.replace(/\s+/g, '');
  if (smsOriginationNumber && !E164.test(smsOriginationNumber)) {
    refuse('smsOriginationNumber', `"${smsOriginationNumber}" is not in E.164 form (+44…)`);
  }
  // A number in cdk.json, a string from -c.
  const spendLimit = String(node.tryGetContext('smsMonthlySpendLimit') ?? '').trim();
  const smsMonthlySpendLimit = spendLimit ? Number(spendLimit) : DEFAULT_SMS_MONTHLY_SPEND_LIMIT;
  if (!Number.isFinite(smsMonthlySpendLimit) || smsMonthlySpendLimit <= 0) {
    refuse('smsMonthlySpendLimit', `"${spendLimit}" is not an amount in USD greater than 0`);
  }
  return {
    fromAddress,
    fromName: text(node, 'fromName'),
    senderIdentity,
    smsSenderId,
    smsOriginationNumber,
    letterAddress: text(node, 'letterAddress'),
    letterPhone: text(node, 'letterPhone'),
    smsMonthlySpendLimit,
  };
}

function consoleFrom(node: Node): ConsoleSettings {
  const cognitoDomainPrefix = text(node, 'cognitoDomainPrefix');
  if (
    cognitoDomainPrefix &&
    (!DOMAIN_PREFIX.test(cognitoDomainPrefix) || /aws|amazon|cognito/.test(cognitoDomainPrefix))
  ) {
    refuse(
      'cognitoDomainPrefix',
      `"${cognitoDomainPrefix}" must be lowercase letters, digits and hyphens, without "aws", "amazon" or "cognito"`,
    );
  }
  const domainName = text(node, 'consoleDomain')?.toLowerCase();
  const certificateArn = text(node, 'consoleCertificateArn');
  if (domainName && !DOMAIN.test(domainName)) refuse('consoleDomain', `"${domainName}" is not a domain name`);
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    refuse(
      domainName ? 'consoleCertificateArn' : 'consoleDomain',
      'a custom console domain needs both consoleDomain and consoleCertificateArn',
    );
  }
  if (certificateArn && !US_EAST_1_CERTIFICATE.test(certificateArn)) {
    refuse('consoleCertificateArn', 'CloudFront needs an ACM certificate in us-east-1');
  }
  return { cognitoDomainPrefix, domainName, certificateArn, dist: text(node, 'consoleDist') };
}

/** Whether mail to `address` reaches the receipt rule (so residents' replies come back into the inbox). */
export function isReceived(address: string, recipients: string[]): boolean {
  return recipients.some((r) => r === address || (!r.includes('@') && domainOf(address) === r));
}
