import { App } from 'aws-cdk-lib';
import type { CfnUserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { describe, expect, it } from 'vitest';
import { configFrom, PLACEHOLDER_RECIPIENT } from '../src/config.js';
import { createHousingInbox } from '../src/housing-inbox.js';
import { CDK_JSON_CONTEXT, NO_BUNDLING, NO_CONSOLE, REQUIRED_CONTEXT, scratchOutdir } from './support/synth.js';

/** Settings from `context` on top of the required ones (region, alert address). */
const config = (context: Record<string, unknown>, defaultRegion?: string) =>
  configFrom(new App({ outdir: scratchOutdir(), context: { ...REQUIRED_CONTEXT, ...context } }).node, defaultRegion);
/** Settings from `context` alone. */
const bare = (context: Record<string, unknown>, defaultRegion?: string) =>
  configFrom(new App({ outdir: scratchOutdir(), context }).node, defaultRegion);

describe('deployment settings from CDK context', () => {
  it('reads region, recipients, policy, mail domain and alert address', () => {
    expect(
      config({
        recipient: 'Contact@Blairtummock.example, repairs@blairtummock.example',
        policy: 'blairtummock',
        alertEmail: 'Ops@Blairtummock.example',
      }),
    ).toMatchObject({
      region: 'eu-west-2',
      recipients: ['contact@blairtummock.example', 'repairs@blairtummock.example'],
      policy: 'blairtummock',
      mailDomain: 'blairtummock.example',
      alerts: { email: 'ops@blairtummock.example' },
      prefix: 'HousingInbox',
      apiDomain: undefined,
    });
    expect(config({ recipient: 'hightown.example' }).mailDomain).toBe('hightown.example');
  });

  it('takes the CLI’s region when the context names none, and an existing topic for alarms', () => {
    const topicArn = 'arn:aws:sns:eu-west-1:123456789012:ops-alarms';

    expect(bare({ alertTopicArn: topicArn }, 'eu-west-1')).toMatchObject({
      region: 'eu-west-1',
      alerts: { topicArn },
    });
  });

  it('reads the API’s origin domain and the SMS spend limit', () => {
    expect(
      config({
        apiDomain: 'API-Origin.Hightown.example',
        apiCertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0f1e2d3c-4b5a',
        smsMonthlySpendLimit: '25',
      }),
    ).toMatchObject({
      apiDomain: {
        domainName: 'api-origin.hightown.example',
        certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0f1e2d3c-4b5a',
      },
      sending: { smsMonthlySpendLimit: 25 },
    });
    expect(config({ smsMonthlySpendLimit: 40 }).sending.smsMonthlySpendLimit).toBe(40);
  });

  it('sends from the first address mail comes in on, as its domain’s SES identity, unless told otherwise', () => {
    expect(config({ recipient: 'hightown.example,contact@hightown.example' }).sending).toEqual({
      fromAddress: 'contact@hightown.example',
      senderIdentity: 'hightown.example',
      fromName: undefined,
      smsSenderId: undefined,
      smsOriginationNumber: undefined,
      letterAddress: undefined,
      letterPhone: undefined,
      smsMonthlySpendLimit: 10,
    });
    expect(config({ recipient: 'hightown.example' }).sending.fromAddress).toBe('contact@hightown.example');
    expect(
      config({
        recipient: 'contact@hightown.example',
        fromAddress: 'Housing@Mail.Hightown.example',
        senderIdentity: 'hightown.example',
        fromName: 'Hightown Housing',
        smsSenderId: 'Hightown',
        smsOriginationNumber: '+44 7700 900999',
        letterAddress: 'Hightown Housing, 1 Example Street, Hightown, HT1 1AA',
      }).sending,
    ).toMatchObject({
      fromAddress: 'housing@mail.hightown.example',
      senderIdentity: 'hightown.example',
      fromName: 'Hightown Housing',
      smsSenderId: 'Hightown',
      smsOriginationNumber: '+447700900999',
    });
  });

  it('reads the console’s sign-in domain prefix and custom domain', () => {
    expect(
      config({
        cognitoDomainPrefix: 'hightown-inbox',
        consoleDomain: 'Inbox.Hightown.example',
        consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      }).console,
    ).toMatchObject({ cognitoDomainPrefix: 'hightown-inbox', domainName: 'inbox.hightown.example' });
  });

  it.each([
    ['a recipient that is not an address or domain', { recipient: 'not an address' }, /recipient/],
    ['an unknown policy preset', { policy: 'nowhere' }, /unknown preset "nowhere"/],
    ['a from address that is not one', { fromAddress: 'housing' }, /"fromAddress": "housing" is not an email address/],
    [
      'a from address outside the sender identity',
      { fromAddress: 'housing@elsewhere.example', senderIdentity: 'hightown.example' },
      /not an address of "hightown.example"/,
    ],
    [
      'an address identity that is not the from address',
      { fromAddress: 'housing@hightown.example', senderIdentity: 'contact@hightown.example' },
      /cannot send as housing@hightown.example/,
    ],
    ['an SMS sender ID longer than 11 characters', { smsSenderId: 'HightownHousing' }, /1 to 11 letters and digits/],
    ['an SMS sender ID of digits only', { smsSenderId: '12345' }, /at least one letter/],
    ['an origination number not in E.164', { smsOriginationNumber: '07700 900999' }, /E\.164/],
    ['a Cognito domain prefix with a reserved word', { cognitoDomainPrefix: 'hightown-cognito' }, /without "aws"/],
    ['a Cognito domain prefix in capitals', { cognitoDomainPrefix: 'Hightown' }, /lowercase/],
    ['a console domain without a certificate', { consoleDomain: 'inbox.hightown.example' }, /needs both/],
    [
      'a certificate outside us-east-1',
      {
        consoleDomain: 'inbox.hightown.example',
        consoleCertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0f1e2d3c',
      },
      /us-east-1/,
    ],
    ['an SMS spend limit that is not an amount', { smsMonthlySpendLimit: 'ten' }, /USD greater than 0/],
    ['an API domain without its certificate', { apiDomain: 'api.hightown.example' }, /needs both/],
    [
      'an API certificate outside the deployment’s region',
      {
        apiDomain: 'api.hightown.example',
        apiCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c',
      },
      /certificate in eu-west-2/,
    ],
    ['an alert address that is not one', { alertEmail: 'ops' }, /"ops" is not an email address/],
    [
      'an alert topic and an alert address at once',
      { alertTopicArn: 'arn:aws:sns:eu-west-2:123456789012:ops' },
      /not both/,
    ],
    ['a region that is not one', { region: 'London' }, /not an AWS region/],
  ])('refuses %s', (_label, context, message) => {
    expect(() => config(context)).toThrow(message);
  });

  it.each([
    ['no alert address or topic', { region: 'eu-west-2' }, /^context "alertEmail": required \(or "alertTopicArn"\)/],
    ['no region, from the context or the CLI', { alertEmail: 'ops@hightown.example' }, /^context "region": required/],
    [
      'an alert topic in another region',
      { region: 'eu-west-2', alertTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops' },
      /must be in eu-west-2/,
    ],
  ])('refuses to synthesise with %s, in one line', (_label, context, message) => {
    expect(() => bare(context)).toThrow(message);
    expect(() => bare(context)).not.toThrow(/\n/);
  });

  it('synthesises with only the required context: placeholder recipient, default sign-in domain, and warnings', () => {
    const inbox = createHousingInbox(
      new App({
        outdir: scratchOutdir(),
        context: { ...CDK_JSON_CONTEXT, ...REQUIRED_CONTEXT, ...NO_BUNDLING, consoleDist: NO_CONSOLE },
      }),
    );

    expect(inbox.config.recipients).toEqual([PLACEHOLDER_RECIPIENT]);
    const warnings = [inbox.app, ...inbox.app.node.findAll()]
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:warning')
      .map((m) => String(m.data));
    expect(warnings).toContainEqual(expect.stringContaining('no "recipient" context'));
    expect(warnings).toContainEqual(expect.stringContaining('no "letterAddress" context'));
    expect(warnings).toContainEqual(expect.stringContaining('the console is not built'));
    // A hosted sign-in domain unique to the account (read from the construct: no need to synthesise).
    const domain = inbox.data.identity.domain.node.defaultChild as CfnUserPoolDomain;
    expect(inbox.data.resolve(domain.domain)).toEqual({
      'Fn::Join': ['', ['housinginbox-', { Ref: 'AWS::AccountId' }]],
    });
  });

  it('warns when residents’ replies to the from address would not reach the inbox', () => {
    const inbox = createHousingInbox(
      new App({
        outdir: scratchOutdir(),
        context: {
          ...CDK_JSON_CONTEXT,
          ...REQUIRED_CONTEXT,
          ...NO_BUNDLING,
          consoleDist: NO_CONSOLE,
          recipient: 'contact@hightown.example',
          fromAddress: 'noreply@hightown.example',
        },
      }),
    );

    const warnings = inbox.app.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings).toContainEqual(expect.stringContaining('replies to noreply@hightown.example will not reach'));
  });
});
