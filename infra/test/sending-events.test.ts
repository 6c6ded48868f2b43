import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STORE_ACTIONS } from '../src/constructs/case-table.js';
import { type Synthesised, synthesise } from './support/synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource?: unknown };

describe('SES bounces and complaints flag the resident’s address', () => {
  let s: Synthesised;
  let fnId: string;
  let statements: Statement[];

  beforeAll(async () => {
    s = await synthesise({ context: { recipient: 'contact@hightown.example' } });
    const functions = s.appTemplate.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'housing-inbox-sending-events' } } },
    });
    expect(Object.keys(functions)).toHaveLength(1);
    fnId = Object.keys(functions)[0] as string;
    const fn = functions[fnId] as Resource;
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    statements = (Object.values(s.appTemplate.findResources('AWS::IAM::Policy')) as Resource[])
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it('publishes bounces and complaints from the configuration set to the events topic', () => {
    s.appTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('SendingEvents') } },
      },
    });
  });

  it('subscribes the function to that topic for Bounce and Complaint events only; its retries end in a dead-letter queue', () => {
    s.appTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [fnId, 'Arn'] },
      TopicArn: { Ref: Match.stringLikeRegexp('SendingSendingEvents') },
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: { eventType: ['Bounce', 'Complaint'] },
    });
    s.appTemplate.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: { TargetArn: { 'Fn::ImportValue': Match.stringLikeRegexp('DeadLettersSendingEvents') } },
    });
    // Only that topic may invoke it.
    s.appTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: Match.stringLikeRegexp('SendingSendingEvents') },
    });
  });

  it('may use the case store and send to its dead-letter queue, and nothing else: no bucket, no sending', () => {
    const actions = statements.flatMap((st) => [st.Action].flat());

    expect(actions).toEqual(expect.arrayContaining(CASE_STORE_ACTIONS));
    expect(actions.some((a) => /^(s3|ses|sns|states):/.test(a))).toBe(false);
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual(['sqs:SendMessage']);
    // Only X-Ray's trace writes take every resource (they have no resource ARNs).
    const open = statements.filter((st) => st.Resource === '*').flatMap((st) => [st.Action].flat());
    expect(open.every((a) => a.startsWith('xray:'))).toBe(true);
    expect(statements.every((st) => st.Effect === 'Allow')).toBe(true);
  });
});
