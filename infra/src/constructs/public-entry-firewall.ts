/**
 * The WAF in front of everything public (the console, the resident form, the
 * API), on the CloudFront distribution. CloudFront takes only a web ACL of
 * scope CLOUDFRONT, which must be created in us-east-1: this construct lives
 * in the edge stack there, and the app stack reads its ARN across regions.
 *
 * | priority | rule                       | blocks                                                          |
 * | -------- | -------------------------- | --------------------------------------------------------------- |
 * | 0        | `AmazonIpReputation`       | addresses AWS's threat intelligence lists (bots, scanners)       |
 * | 1        | `ContactPostsPerClient`    | an IP's POSTs to `/contact…` beyond 20 in 5 minutes (429)        |
 * | 2        | `RequestsPerClient`        | an IP's requests beyond 3,000 in 5 minutes (429)                 |
 * | 3        | `KnownBadInputs`           | request patterns of known exploits (Log4j, …)                    |
 * | 4        | `Common`                   | the OWASP-style core rule set; an oversized body is only counted |
 *
 * Limits are per client IP as CloudFront sees it. A housing office puts all
 * its officers behind one address, and mobile networks put many residents
 * behind one (carrier-grade NAT): the general limit (10 a second, sustained)
 * leaves room for a whole office; the form's is what one person could need.
 * The core rule set's 8 KB body limit is counted, not enforced: an officer's
 * collated reply can be longer. No WAF logs and no sampled requests: both
 * hold residents' IP addresses; CloudWatch metrics per rule remain.
 */
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export const WAF_RATE_LIMITS = {
  /** POSTs to the resident form per client IP per window. */
  contactPosts: 20,
  /** Requests of any kind per client IP per window. */
  requests: 3000,
  windowSeconds: 300,
};

export interface PublicEntryFirewallProps {
  /** Names the web ACL and its metrics (one per landlord in an account). */
  prefix: string;
}

export class PublicEntryFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: PublicEntryFirewallProps) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${props.prefix}-${metricName}`,
      sampledRequestsEnabled: false,
    });
    const tooMany = { block: { customResponse: { responseCode: 429 } } };
    const managed = (priority: number, name: string, group: string, overrides?: string[]): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: group,
          ...(overrides
            ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    });
    const perClient = (limit: number, scopeDownStatement?: CfnWebACL.StatementProperty) => ({
      rateBasedStatement: {
        limit,
        evaluationWindowSec: WAF_RATE_LIMITS.windowSeconds,
        aggregateKeyType: 'IP',
        ...(scopeDownStatement ? { scopeDownStatement } : {}),
      },
    });
    const contactPosts: CfnWebACL.StatementProperty = {
      andStatement: {
        statements: [
          {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: 'STARTS_WITH',
              searchString: '/contact',
              textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
            },
          },
          {
            byteMatchStatement: {
              fieldToMatch: { method: {} },
              positionalConstraint: 'EXACTLY',
              searchString: 'POST',
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
        ],
      },
    };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${props.prefix}-public-entry`,
      description: 'Housing inbox: rate limits per client and AWS managed rules for the console, form and API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('public-entry'),
      rules: [
        managed(0, 'AmazonIpReputation', 'AWSManagedRulesAmazonIpReputationList'),
        {
          name: 'ContactPostsPerClient',
          priority: 1,
          action: tooMany,
          statement: perClient(WAF_RATE_LIMITS.contactPosts, contactPosts),
          visibilityConfig: visibility('ContactPostsPerClient'),
        },
        {
          name: 'RequestsPerClient',
          priority: 2,
          action: tooMany,
          statement: perClient(WAF_RATE_LIMITS.requests),
          visibilityConfig: visibility('RequestsPerClient'),
        },
        managed(3, 'KnownBadInputs', 'AWSManagedRulesKnownBadInputsRuleSet'),
        managed(4, 'Common', 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
      ],
    });
  }
}
