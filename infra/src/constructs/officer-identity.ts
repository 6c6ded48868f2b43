/**
 * Officers sign in with Cognito; API Gateway's JWT authorizer checks their
 * tokens. The pool (no self sign-up, email sign-in, TOTP MFA required of
 * every officer, symbols in passwords, threat protection enforced), one group per role, and
 * the domain of the hosted sign-in page live here, in the stateful stack:
 * deleting a group or the pool would lose who is in it. The console's app
 * client is in the app stack (`OfficerConsole`), because its callback URL is
 * the CloudFront distribution's.
 *
 * The groups mirror the officer directory's roles so operators can see and
 * manage them in Cognito, and tokens carry them in `cognito:groups`; the API
 * still takes role and team from the directory, never from the token.
 * The custom `team` attribute mirrors the directory's team.
 */

import type { OfficerRole } from '@housing-inbox/core';
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CustomThreatProtectionMode,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolDomain,
  type UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** One group per role of the officer directory (`OfficerRole` in packages/core); lower precedence wins. */
export const OFFICER_GROUPS = {
  manager: { precedence: 1, description: 'Managers: every queue, reassignment, absences and leavers, reports' },
  officer: { precedence: 2, description: 'Officers: own cases, their team’s queue, the collated reply' },
  reception: { precedence: 3, description: 'Reception: logs calls and visits, takes a leaver’s cases' },
  contributor: { precedence: 4, description: 'Department contributors: answer requests for their department' },
} satisfies Record<OfficerRole, { precedence: number; description: string }>;

export interface OfficerIdentityProps {
  /** Prefix of the hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  domainPrefix: string;
}

export class OfficerIdentity extends Construct {
  readonly userPool: UserPool;
  readonly groups: Record<OfficerRole, UserPoolGroup>;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: OfficerIdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Officers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      // A changed email counts only once verified: until then tokens carry the old one.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { team: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      // Officers see residents' personal data: a long password with every character class, not one
      // of their last five, and always a second factor from an authenticator app (no SMS: SIM swaps).
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      // Plus: Cognito blocks sign-ins with leaked passwords and challenges or blocks risky ones, for
      // the hosted sign-in and any custom flow alike. Billed per monthly active officer.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customThreatProtectionMode: CustomThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.groups = Object.fromEntries(
      Object.entries(OFFICER_GROUPS).map(([role, { precedence, description }]) => [
        role,
        this.userPool.addGroup(`${role[0]?.toUpperCase()}${role.slice(1)}Group`, {
          groupName: role,
          precedence,
          description,
        }),
      ]),
    ) as Record<OfficerRole, UserPoolGroup>;
    this.domain = this.userPool.addDomain('HostedSignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }

  /** The issuer API Gateway's JWT authorizer trusts. */
  get issuerUrl(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /** The hosted sign-in page's origin, e.g. https://housinginbox-123456789012.auth.eu-west-2.amazoncognito.com */
  get signInUrl(): string {
    return this.domain.baseUrl();
  }
}

/** The default domain prefix: the stack prefix, lowercased, and the account id (prefixes are unique per region). */
export function defaultDomainPrefix(prefix: string): string {
  const base = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'housing-inbox';
  return `${base}-${Aws.ACCOUNT_ID}`;
}
