import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../src/config.js';
import { OpsAlarms } from '../src/constructs/ops-alarms.js';
import { PayloadBucket } from '../src/constructs/payload-bucket.js';
import { ResidentSending, SES_REVIEW_RATES } from '../src/constructs/resident-sending.js';
import { CDK_JSON_CONTEXT, REQUIRED_CONTEXT, type Synthesised, scratchOutdir, synthesise } from './support/synth.js';

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
};
type Resource = { Type: string; Properties: Record<string, unknown> };

const actionsOf = (st: Statement) => [st.Action].flat();

/** Every identity-policy statement in a template: managed policies and roles' inline ones. */
function statementsIn(template: Template): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).map(
    (p) => (p as Resource).Properties.PolicyDocument as { Statement: Statement[] },
  );
  const inline = Object.values(template.findResources('AWS::IAM::Role')).flatMap(
    (r) =>
      ((r as Resource).Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined)?.map(
        (p) => p.PolicyDocument,
      ) ?? [],
  );
  return [...policies, ...inline].flatMap((d) => d.Statement);
}

describe('sending to residents: what the functions that send may do', () => {
  let s: Synthesised;
  /** Our functions by entry name (POWERTOOLS_SERVICE_NAME), with their environment and policy statements. */
  let fns: Record<string, { env: Record<string, unknown>; statements: Statement[] }>;

  beforeAll(async () => {
    s = await synthesise({
      context: {
        recipient: 'contact@hightown.example',
        smsSenderId: 'Hightown',
        letterAddress: 'Hightown Housing, 1 Example Street, Hightown, HT1 1AA',
        smsMonthlySpendLimit: '50',
      },
    });
    const policies = Object.values(s.appTemplate.findResources('AWS::IAM::Policy')) as Resource[];
    fns = {};
    for (const r of Object.values(s.appTemplate.findResources('AWS::Lambda::Function')) as Resource[]) {
      const env = ((r.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables ?? {}) as Record<
        string,
        unknown
      >;
      const entry = String(env.POWERTOOLS_SERVICE_NAME ?? '').replace(/^housing-inbox-/, '');
      if (!entry) continue;
      const role = (r.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      const statements = policies
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
      fns[entry] = { env, statements };
    }
  });
  afterAll(async () => {
    await s.cleanup();
  });

  const httpApi = () => fns['http-api'] as { env: Record<string, unknown>; statements: Statement[] };

  it('lets the HTTP API function send email only as the landlord’s address, through its SES identity and configuration set', () => {
    const email = httpApi().statements.filter((st) => actionsOf(st).some((a) => a.startsWith('ses:')));

    expect(email).toEqual([
      {
        Sid: 'SendEmailAsTheLandlord',
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: expect.arrayContaining([
          // The stacks name their region (the WAF's ARN comes across regions): partition and region are literal.
          { 'Fn::Join': ['', ['arn:aws:ses:eu-west-2:', { Ref: 'AWS::AccountId' }, ':identity/hightown.example']] },
          {
            'Fn::Join': [
              '',
              expect.arrayContaining([
                ':configuration-set/',
                { Ref: expect.stringMatching(/SendingConfigurationSet/) },
              ]),
            ],
          },
        ]),
        Condition: { StringEquals: { 'ses:FromAddress': 'contact@hightown.example', 'ses:ApiVersion': '2' } },
      },
    ]);
  });

  it('lets it text phone numbers, and publish to no SNS topic or endpoint', () => {
    const sms = httpApi().statements.filter((st) => actionsOf(st).some((a) => a.startsWith('sns:')));

    // Phone numbers have no ARN: everything that is not an SNS ARN is a phone number.
    expect(sms).toEqual([
      {
        Sid: 'TextPhoneNumbersNotTopics',
        Effect: 'Allow',
        Action: 'sns:Publish',
        NotResource: 'arn:aws:sns:*:*:*',
      },
    ]);
  });

  it('lets it put letters under letters/outgoing/ only, encrypted with the data key, and read them back for officers', () => {
    s.appTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['kms:Encrypt', 'kms:GenerateDataKey*']),
            Resource: { 'Fn::ImportValue': Match.stringLikeRegexp('DataKey') },
          }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('ApiHttpApiFunctionServiceRole') }],
    });
    // Every put the function may make is a letter under letters/outgoing/, the web form's raw payload
    // kept before parsing under raw/, a released email's attachments, or a long message body (an officer's
    // reply or a logged contact over 4 KB) under bodies/ (erasure's deletes are another statement).
    const puts = httpApi().statements.filter((st) => actionsOf(st).includes('s3:PutObject'));
    const places = puts.flatMap((st) => [st.Resource].flat()).map((r) => JSON.stringify(r));
    expect(places.some((p) => p.includes('/letters/outgoing/*'))).toBe(true);
    for (const place of places) expect(place).toMatch(/\/(letters\/outgoing|raw|attachments|bodies)\/\*"/);
    const reads = httpApi().statements.filter((st) => actionsOf(st).includes('s3:GetObject'));
    expect(JSON.stringify(reads)).toContain('/letters/outgoing/*');
  });

  it('lets a manager’s quarantine release read the kept payloads under raw/ and store attachments', () => {
    const reads = httpApi().statements.filter((st) => actionsOf(st).includes('s3:GetObject'));
    const puts = httpApi().statements.filter((st) => actionsOf(st).includes('s3:PutObject'));
    expect(JSON.stringify(reads)).toContain('/raw/*');
    expect(JSON.stringify(puts)).toContain('/attachments/*');
    // Mail SES stores on arrival stays the inbound-email function's to read.
    expect(JSON.stringify(reads)).not.toContain('/inbound/email/');
  });

  it('gives the function the sender settings outbound.ts reads', () => {
    expect(httpApi().env).toMatchObject({
      FROM_ADDRESS: 'contact@hightown.example',
      SES_CONFIGURATION_SET: { Ref: expect.stringMatching(/SendingConfigurationSet/) },
      SMS_SENDER_ID: 'Hightown',
      LETTERS_PREFIX: 'letters/outgoing',
      LETTER_ADDRESS: 'Hightown Housing, 1 Example Street, Hightown, HT1 1AA',
    });
  });

  it.each(['inbound-email', 'inbound-sms', 'letter-upload'])('%s cannot send and has no sender settings', (entry) => {
    const fn = fns[entry] as { env: Record<string, unknown>; statements: Statement[] };

    expect(fn.env).not.toHaveProperty('FROM_ADDRESS');
    const actions = fn.statements.flatMap(actionsOf);
    expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('sns:'))).toEqual([]);
    expect(JSON.stringify(fn.statements)).not.toContain('letters/outgoing');
  });

  it('grants nothing in any stack as ses:*, sns:*, s3:* or *, and no SES, SNS or S3 action on every resource', () => {
    const all = [s.appTemplate, s.dataTemplate, s.edgeTemplate].flatMap(statementsIn);

    const actions = all.flatMap(actionsOf);
    for (const wide of ['*', 'ses:*', 'sns:*', 's3:*']) expect(actions).not.toContain(wide);
    const onEverything = all.filter(
      (st) =>
        st.Effect === 'Allow' &&
        [st.Resource].flat().includes('*') &&
        actionsOf(st).some((a) => /^(ses|sns|s3):/.test(a)),
    );
    expect(onEverything).toEqual([]);
  });

  it('sends through a configuration set that requires TLS and suppresses bounces and complaints', () => {
    s.appTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });
});

describe('watching what is sent', () => {
  let s: Synthesised;

  beforeAll(async () => {
    s = await synthesise({ context: { recipient: 'contact@hightown.example', smsMonthlySpendLimit: '50' } });
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it('publishes bounces, complaints and deliveries to a topic encrypted with the data key', () => {
    const [topicId] = Object.keys(
      s.appTemplate.findResources('AWS::SNS::Topic', {
        Properties: { KmsMasterKeyId: { 'Fn::ImportValue': Match.stringLikeRegexp('DataKey') } },
      }),
    );
    expect(topicId).toMatch(/SendingEvents/);
    s.appTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: Match.stringLikeRegexp('SendingConfigurationSet') },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint', 'delivery'],
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
    // Only SES of this account, for this configuration set, may publish.
    s.appTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      },
    });
  });

  it.each([
    ['Reputation.BounceRate', SES_REVIEW_RATES.bounce],
    ['Reputation.ComplaintRate', SES_REVIEW_RATES.complaint],
  ])('tells the operators when the account’s %s reaches SES’s review level', (metric, threshold) => {
    s.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: metric,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
    });
  });

  it('tells the operators when this month’s SMS spend reaches 80% of the limit set for SNS', () => {
    s.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'SMSMonthToDateSpentUSD',
      Statistic: 'Maximum',
      Threshold: 40,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
    });
  });
});

describe('grantSendToResidents: any function can be made a sender (the timers’ too)', () => {
  it('adds the sender settings and the same three grants', () => {
    // Prepare: a bare stack with a payload bucket and a plain function standing in for a timer step.
    const app = new App({
      outdir: scratchOutdir(),
      context: { ...CDK_JSON_CONTEXT, ...REQUIRED_CONTEXT, recipient: 'contact@blairtummock.example' },
      builtinCloudFormationValidation: false,
    });
    const stack = new Stack(app, 'Timers');
    const payloads = new PayloadBucket(stack, 'Payloads', { encryptionKey: new Key(stack, 'Key') });
    const config = configFrom(app.node);
    const alarmTopic = new OpsAlarms(stack, 'Ops', { alerts: config.alerts }).topic;
    const sending = new ResidentSending(stack, 'Sending', { sending: config.sending, payloads, alarmTopic });
    const timerStep = new LambdaFunction(stack, 'TimerStep', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => {};'),
    });

    // Act
    sending.grantSendToResidents(timerStep);

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ FROM_ADDRESS: 'contact@blairtummock.example' }) },
    });
    const sids = statementsIn(template).map((st) => st.Sid ?? actionsOf(st).join(','));
    expect(sids).toEqual(
      expect.arrayContaining(['SendEmailAsTheLandlord', 'TextPhoneNumbersNotTopics', 's3:PutObject']),
    );
  });
});
