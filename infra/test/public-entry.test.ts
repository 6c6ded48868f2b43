/**
 * Public traffic comes through CloudFront and its WAF: the web ACL in the edge
 * stack (us-east-1), the distribution's link to it across regions, the origin
 * secret the open API routes check, and, with `apiDomain`, the execute-api
 * endpoint turned off.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HANDLER } from '../src/constructs/origin-verify.js';
import { WAF_RATE_LIMITS } from '../src/constructs/public-entry-firewall.js';
import { type Synthesised, synthesise } from './support/synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };

const routesOf = (s: Synthesised) =>
  Object.fromEntries(
    Object.values(s.appTemplate.findResources('AWS::ApiGatewayV2::Route')).map((r) => {
      const p = (r as Resource).Properties as { RouteKey: string; AuthorizationType: string; AuthorizerId?: unknown };
      return [p.RouteKey, p];
    }),
  );

describe('public entry: the WAF, CloudFront and the origin secret', () => {
  let s: Synthesised;

  beforeAll(async () => {
    s = await synthesise({ context: { recipient: 'contact@hightown.example' } });
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it('puts the web ACL in us-east-1, where CloudFront requires it, and the rest in the deployment’s region', () => {
    expect([s.edge.region, s.data.region, s.app.region]).toEqual(['us-east-1', 'eu-west-2', 'eu-west-2']);
    s.edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Name: 'HousingInbox-public-entry',
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      // Sampled requests would keep residents' IP addresses.
      VisibilityConfig: Match.objectLike({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: false }),
    });
  });

  it('limits each client IP, and its POSTs to the resident form much harder, answering 429', () => {
    const perClient = (name: string, limit: number, scopeDown?: unknown) =>
      Match.objectLike({
        Name: name,
        Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
        Statement: {
          RateBasedStatement: {
            Limit: limit,
            EvaluationWindowSec: WAF_RATE_LIMITS.windowSeconds,
            AggregateKeyType: 'IP',
            ...(scopeDown ? { ScopeDownStatement: scopeDown } : {}),
          },
        },
      });
    s.edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        perClient('ContactPostsPerClient', 20, {
          AndStatement: {
            Statements: [
              Match.objectLike({
                ByteMatchStatement: Match.objectLike({
                  FieldToMatch: { UriPath: {} },
                  PositionalConstraint: 'STARTS_WITH',
                  SearchString: '/contact',
                }),
              }),
              Match.objectLike({
                ByteMatchStatement: Match.objectLike({
                  FieldToMatch: { Method: {} },
                  PositionalConstraint: 'EXACTLY',
                  SearchString: 'POST',
                }),
              }),
            ],
          },
        }),
        perClient('RequestsPerClient', WAF_RATE_LIMITS.requests),
      ]),
    });
    expect(WAF_RATE_LIMITS.contactPosts).toBe(20);
  });

  it.each([
    ['AWSManagedRulesAmazonIpReputationList', undefined],
    ['AWSManagedRulesKnownBadInputsRuleSet', undefined],
    // An officer's collated reply can pass the core set's 8 KB body limit: counted, not blocked.
    ['AWSManagedRulesCommonRuleSet', [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]],
  ])('applies the AWS managed rule group %s', (group, overrides) => {
    s.edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: {
              VendorName: 'AWS',
              Name: group,
              ...(overrides ? { RuleActionOverrides: overrides } : {}),
            },
          },
        }),
      ]),
    });
  });

  it('attaches the web ACL to the distribution, read across regions from the edge stack', () => {
    s.appTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: {
          'Fn::GetAtt': [
            Match.stringLikeRegexp('^ExportsReader'),
            Match.stringLikeRegexp('^/cdk/exports/HousingInboxApp/HousingInboxEdgeuseast1.*FirewallWebAcl.*Arn'),
          ],
        },
      }),
    });
  });

  it('opens the form and the OpenAPI document only to requests from CloudFront, /health to anyone', () => {
    const authorizers = s.appTemplate.findResources('AWS::ApiGatewayV2::Authorizer', {
      Properties: { AuthorizerType: 'REQUEST' },
    });
    const [fromCloudFront] = Object.keys(authorizers);
    expect(authorizers[fromCloudFront as string]?.Properties).toMatchObject({
      IdentitySource: ['$request.header.x-origin-verify'],
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 300,
    });
    const routes = routesOf(s);
    for (const key of ['GET /contact', 'POST /contact', 'GET /contact/{proxy+}', 'GET /api/openapi.json']) {
      expect(routes[key]).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: fromCloudFront } });
    }
    expect(routes['GET /health']).toMatchObject({ AuthorizationType: 'NONE' });
    expect(routes['ANY /api/{proxy+}']).toMatchObject({ AuthorizationType: 'JWT' });
    // Without an API domain the execute-api endpoint stays: it is CloudFront's origin.
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });

  it('runs the origin check on Node 24 (arm64, traced), reading only its own secret', () => {
    const [fnId] = Object.keys(
      s.appTemplate.findResources('AWS::Lambda::Function', {
        Properties: {
          Environment: { Variables: { SECRET_ARN: { Ref: Match.stringLikeRegexp('OriginVerifySecret') } } },
        },
      }),
    );
    s.appTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { SECRET_ARN: Match.anyValue() } },
    });
    s.appTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Resource: { Ref: Match.stringLikeRegexp('OriginVerifySecret') },
          }),
        ]),
      },
    });
    expect(fnId).toMatch(/OriginVerify/);
  });
});

describe('the origin check itself', () => {
  const SECRET = 'a-secret-only-cloudfront-and-the-authorizer-know';
  let dir: string;
  let handler: (event: { headers?: Record<string, string> }) => Promise<{ isAuthorized: boolean }>;

  beforeAll(async () => {
    // The inline code as Lambda runs it (CommonJS), with a stand-in for the SDK the runtime ships.
    dir = await mkdtemp(join(tmpdir(), 'origin-verify-'));
    const sdk = join(dir, 'node_modules', '@aws-sdk', 'client-secrets-manager');
    await mkdir(sdk, { recursive: true });
    await writeFile(
      join(sdk, 'index.js'),
      `exports.GetSecretValueCommand = class { constructor(input) { this.input = input; } };
       exports.SecretsManagerClient = class { async send(c) {
         if (c.input.SecretId !== 'arn:secret') throw new Error('wrong secret');
         return { SecretString: ${JSON.stringify(SECRET)} };
       } };`,
    );
    await writeFile(join(dir, 'index.js'), ORIGIN_VERIFY_HANDLER);
    process.env.SECRET_ARN = 'arn:secret';
    handler = createRequire(join(dir, 'index.js'))('./index.js').handler;
  });
  afterAll(async () => {
    delete process.env.SECRET_ARN;
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['the secret', { 'x-origin-verify': SECRET }, true],
    ['another value of the same length', { 'x-origin-verify': SECRET.replace(/^a/, 'b') }, false],
    ['a shorter value', { 'x-origin-verify': 'a-secret' }, false],
    ['no header', {}, false],
  ])('answers a request carrying %s with isAuthorized %s', async (_label, headers, allowed) => {
    await expect(handler({ headers })).resolves.toEqual({ isAuthorized: allowed });
  });
});

describe('public entry with an API origin domain', () => {
  let s: Synthesised;

  beforeAll(async () => {
    s = await synthesise({
      context: {
        recipient: 'contact@hightown.example',
        apiDomain: 'api-origin.hightown.example',
        apiCertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0f1e2d3c-4b5a',
      },
    });
  });
  afterAll(async () => {
    await s.cleanup();
  });

  it('turns the execute-api endpoint off and sends CloudFront to the custom domain instead', () => {
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api-origin.hightown.example',
      DomainNameConfigurations: [
        Match.objectLike({ CertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/0f1e2d3c-4b5a' }),
      ],
    });
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: Match.stringLikeRegexp('^Api') },
      DomainName: { Ref: Match.stringLikeRegexp('OriginDomain') },
    });
    s.appTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: 'api-origin.hightown.example',
            OriginCustomHeaders: [Match.objectLike({ HeaderName: 'x-origin-verify' })],
          }),
        ]),
      }),
    });
    s.appTemplate.hasOutput('ApiOriginDnsTarget', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('OriginDomain'), 'RegionalDomainName'] },
    });
  });
});
