/**
 * Events in the shapes AWS delivers them (Lambda SNS, S3 and API Gateway HTTP
 * API payload 2.0 events; SES's receipt notification and two-way SMS JSON
 * inside SNS), filled with test values.
 */
import { BUCKET_NAME } from './testbed.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-2';

export interface SnsOptions {
  topic: string;
  messageId?: string;
  timestamp?: string;
  subject?: string | null;
}

export function snsEvent(message: string, options: SnsOptions) {
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:${options.topic}`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
        Sns: {
          Type: 'Notification',
          MessageId: options.messageId ?? '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
          TopicArn: topicArn,
          Subject: options.subject ?? null,
          Message: message,
          Timestamp: options.timestamp ?? '2026-12-01T10:00:03.021Z',
          SignatureVersion: '1',
          Signature: 'tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==',
          SigningCertUrl: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem`,
          UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
          MessageAttributes: {},
        },
      },
    ],
  };
}

export interface SesOptions {
  sesMessageId: string;
  objectKey?: string;
  bucketName?: string;
  timestamp?: string;
  virus?: 'PASS' | 'FAIL' | 'GRAY';
  spam?: 'PASS' | 'FAIL' | 'GRAY';
  spf?: 'PASS' | 'FAIL' | 'GRAY';
  dkim?: 'PASS' | 'FAIL' | 'GRAY';
  dmarc?: 'PASS' | 'FAIL' | 'GRAY';
}

/** What SES publishes after its S3 action has stored a message ("Received", action type S3). */
export function sesS3Notification(options: SesOptions): string {
  const timestamp = options.timestamp ?? '2026-12-01T10:00:02.512Z';
  return JSON.stringify({
    notificationType: 'Received',
    mail: {
      timestamp,
      source: 'resident@example.net',
      messageId: options.sesMessageId,
      destination: ['contact@hightown.example'],
      headersTruncated: false,
      headers: [
        { name: 'Return-Path', value: '<resident@example.net>' },
        { name: 'From', value: 'Resident <resident@example.net>' },
        { name: 'To', value: 'contact@hightown.example' },
        { name: 'Subject', value: 'Leaking tap' },
      ],
      commonHeaders: {
        returnPath: 'resident@example.net',
        from: ['Resident <resident@example.net>'],
        date: 'Tue, 1 Dec 2026 10:00:00 +0000',
        to: ['contact@hightown.example'],
        messageId: '<leak-1@example.net>',
        subject: 'Leaking tap',
      },
    },
    receipt: {
      timestamp,
      processingTimeMillis: 731,
      recipients: ['contact@hightown.example'],
      spamVerdict: { status: options.spam ?? 'PASS' },
      virusVerdict: { status: options.virus ?? 'PASS' },
      spfVerdict: { status: options.spf ?? 'PASS' },
      dkimVerdict: { status: options.dkim ?? 'PASS' },
      dmarcVerdict: { status: options.dmarc ?? 'PASS' },
      action: {
        type: 'S3',
        topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:housing-inbox-inbound-email`,
        bucketName: options.bucketName ?? BUCKET_NAME,
        objectKeyPrefix: 'inbound/email/',
        objectKey: options.objectKey ?? `inbound/email/${options.sesMessageId}`,
      },
    },
  });
}

/** The two-way SMS JSON AWS End User Messaging publishes for a text to our number. */
export function twoWaySms(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    originationNumber: '+447700900123',
    destinationNumber: '+447700900999',
    messageKeyword: 'KEYWORD_123456789012',
    messageBody: 'Hi, the light in the stairwell at Larch Close has been out for a week',
    inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
    previousPublishedMessageId:
      'wJ0zuh3wIxEbAj4ixoz4LTuECiSUUlxSHqwRIJfjpBBhLn0zV5y00gkqlYgIVwAAPfHOBIpz8J2nbxxPpFIuNg',
    ...overrides,
  });
}

export function s3ObjectCreated(key: string, options: { eventTime?: string; size?: number; sourceIp?: string } = {}) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: options.eventTime ?? '2026-12-01T09:30:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
        requestParameters: { sourceIPAddress: options.sourceIp ?? '203.0.113.24' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'letters-inbox',
          bucket: {
            name: BUCKET_NAME,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${BUCKET_NAME}`,
          },
          object: {
            // S3 URL-encodes keys in events, with '+' for spaces.
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size: options.size ?? 1024,
            eTag: 'd41d8cd98f00b204e9800998ecf8427e',
            sequencer: '0A1B2C3D4E5F678901',
          },
        },
      },
    ],
  };
}

export interface HttpOptions {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  base64?: boolean;
  claims?: Record<string, string>;
  routeKey?: string;
  /** API Gateway's `requestContext.http.sourceIp` (default 203.0.113.50). */
  sourceIp?: string;
}

/** An API Gateway HTTP API (payload format 2.0) event; `claims` as the JWT authorizer passes them (all strings). */
export function httpApiEvent(options: HttpOptions) {
  const method = options.method ?? 'GET';
  const query = options.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  let body: string | undefined;
  if (options.body !== undefined) {
    const bytes = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : Buffer.from(options.body);
    body = options.base64 ? bytes.toString('base64') : bytes.toString('utf8');
  }
  return {
    version: '2.0',
    routeKey: options.routeKey ?? `${method} ${options.path}`,
    rawPath: options.path,
    rawQueryString,
    headers: {
      accept: '*/*',
      'content-length': String(body?.length ?? 0),
      host: 'abc123def4.execute-api.eu-west-2.amazonaws.com',
      'user-agent': 'Mozilla/5.0',
      'x-amzn-trace-id': 'Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e',
      'x-forwarded-for': '203.0.113.50',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...options.headers,
    },
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123def4',
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: null } } } : {}),
      domainName: 'abc123def4.execute-api.eu-west-2.amazonaws.com',
      domainPrefix: 'abc123def4',
      http: {
        method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '203.0.113.50',
        userAgent: 'Mozilla/5.0',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: options.routeKey ?? `${method} ${options.path}`,
      stage: '$default',
      time: '01/Dec/2026:10:00:05 +0000',
      timeEpoch: 1796119205000,
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: Boolean(options.base64),
  };
}

/** Claims of a Cognito ID token as API Gateway's JWT authorizer hands them over. */
export function cognitoClaims(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    sub: '7d8ca528-4931-4254-9273-ea5ee853f271',
    'cognito:groups': '[officer]',
    email_verified: 'true',
    iss: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Example1',
    'cognito:username': '7d8ca528-4931-4254-9273-ea5ee853f271',
    origin_jti: 'e3a2c7f1-0000-4000-8000-000000000000',
    aud: '4l9ghbc2hu4ct5l2d0examp1e',
    token_use: 'id',
    auth_time: '1796119100',
    exp: '1796122700',
    iat: '1796119100',
    email: 'ben.reid@hightown.example',
    'custom:team': 'customer-services',
    ...overrides,
  };
}

/** A resident's web form, as both HTTP API test files submit it. */
export const residentForm = {
  name: 'Tomasz Nowak',
  email: 'tomasz.nowak@example.net',
  phone: '07700 900432',
  address: 'Flat 4, 12 Rowan Court, Hightown HT1 4AB',
  category: 'tenancy',
  message: 'I would like to ask about adding my partner to the tenancy.',
};
