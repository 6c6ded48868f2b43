import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Synthesised, synthesise } from './support/synth.js';

describe('phone calls: Amazon Connect contact events → the connect-calls function', () => {
  let s: Synthesised;
  beforeAll(async () => {
    s = await synthesise();
  }, 120_000);
  afterAll(async () => s?.cleanup());

  const callsFunction = () => {
    const [id] = Object.entries(s.appTemplate.findResources('AWS::Lambda::Function')).find(
      ([, r]) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'housing-inbox-connect-calls',
    ) ?? [undefined];
    expect(id).toBeDefined();
    return id as string;
  };

  it('sends only the end of each inbound voice call to the function', () => {
    s.appTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.connect'],
        'detail-type': ['Amazon Connect Contact Event'],
        detail: { channel: ['VOICE'], eventType: ['DISCONNECTED'], initiationMethod: ['INBOUND'] },
      },
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [callsFunction(), 'Arn'] }, RetryPolicy: Match.anyValue() })],
    });
    s.appTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [callsFunction(), 'Arn'] },
    });
  });

  it('lets the function write call records to the case table, and keeps what it could not take', () => {
    const id = callsFunction();
    const fn = s.appTemplate.findResources('AWS::Lambda::Function')[id] as { Properties: Record<string, unknown> };
    expect(fn.Properties.DeadLetterConfig).toBeDefined();
    const role = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const policies = Object.values(s.appTemplate.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role),
    );
    const actions = policies.flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((st) => st.Action),
    );
    expect(actions).toContain('dynamodb:BatchWriteItem');
  });
});
