/**
 * The officers' sign-in (issue 12, item 5): the user pool alone, synthesised
 * in a stack of its own. MFA for every officer (an authenticator app, never
 * SMS), passwords of 12 or more with every character class, and Cognito's
 * threat protection enforced on the Plus tier.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_GROUPS, OfficerIdentity } from '../src/constructs/officer-identity.js';
import { CDK_JSON_CONTEXT, scratchOutdir } from './support/synth.js';

describe('OfficerIdentity', () => {
  let template: Template;
  beforeAll(() => {
    const app = new App({ outdir: scratchOutdir(), context: CDK_JSON_CONTEXT });
    const stack = new Stack(app, 'Identity', { env: { account: '123456789012', region: 'eu-west-2' } });
    new OfficerIdentity(stack, 'Identity', { domainPrefix: 'hightown-inbox' });
    template = Template.fromStack(stack);
  });

  it('requires MFA of every officer, by an authenticator app only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('asks for passwords of at least 12 characters with symbols, digits and both cases, none of the last five', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectEquals({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 5,
        }),
      },
    });
  });

  it('enforces threat protection (leaked credentials, risky sign-ins) on the Plus tier, custom flows included', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: {
        AdvancedSecurityMode: 'ENFORCED',
        AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' },
      },
    });
  });

  it('lets no one sign themselves up, and offers every group the same sign-in (no group without MFA)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const pools = template.findResources('AWS::Cognito::UserPool');
    expect(Object.keys(pools)).toHaveLength(1);
    // Every role's group is in the one pool whose MFA is required: there is no weaker way in.
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual(Object.keys(OFFICER_GROUPS).sort());
    for (const g of groups) expect(g.Properties.UserPoolId).toEqual({ Ref: Object.keys(pools)[0] });
  });
});
