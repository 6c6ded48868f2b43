import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { consoleContentSecurityPolicy } from '@housing-inbox/web';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, type Synthesised, synthesise } from './support/synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Behavior = {
  PathPattern?: string;
  ViewerProtocolPolicy: string;
  TargetOriginId: string;
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId: { Ref: string };
  AllowedMethods: string[];
};

/** CloudFront's managed policies (ids are the same in every account). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

describe('officer console: private bucket behind CloudFront, API on the same origin, Cognito sign-in', () => {
  let s: Synthesised;
  let fixture: Awaited<ReturnType<typeof consoleFixture>>;
  let config: {
    DefaultCacheBehavior: Behavior;
    CacheBehaviors: Behavior[];
    Origins: Record<string, unknown>[];
    Aliases?: string[];
  };

  beforeAll(async () => {
    fixture = await consoleFixture();
    s = await synthesise({
      context: {
        recipient: 'contact@hightown.example',
        consoleDist: fixture.dir,
        consoleDomain: 'inbox.hightown.example',
        consoleCertificateArn: CERTIFICATE,
      },
    });
    const distribution = Object.values(s.appTemplate.findResources('AWS::CloudFront::Distribution'))[0] as Resource;
    config = distribution.Properties.DistributionConfig as typeof config;
  });
  afterAll(async () => {
    await s.cleanup();
    await fixture.cleanup();
  });

  const behavior = (path: string) => {
    const found = config.CacheBehaviors.find((b) => b.PathPattern === path);
    if (!found) throw new Error(`no behavior for ${path}`);
    return found;
  };
  const originOf = (b: Behavior) => config.Origins.find((o) => o.Id === b.TargetOriginId) as Record<string, unknown>;

  it('keeps the console bucket private: public access blocked, encrypted, TLS only', () => {
    s.appTemplate.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      WebsiteConfiguration: Match.absent(),
    });
    s.appTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only this distribution read the bucket, through origin access control (no legacy OAI)', () => {
    s.appTemplate.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    s.appTemplate.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    expect(originOf(config.DefaultCacheBehavior)).toMatchObject({
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    s.appTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('ConsoleBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('sends the console with security headers: its strict CSP (no inline script), HSTS, nosniff, DENY, no referrer', () => {
    const policies = s.appTemplate.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const consolePolicy = policies[config.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref] as Resource;
    const headers = (consolePolicy.Properties.ResponseHeadersPolicyConfig as Record<string, Record<string, unknown>>)
      .SecurityHeadersConfig as Record<string, Record<string, unknown>>;

    expect(headers).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      ContentSecurityPolicy: { Override: true },
    });
    // The CSP is the console's own (packages/web), with the hosted sign-in domain added for the token exchange.
    const cspParts = (headers.ContentSecurityPolicy as { ContentSecurityPolicy: { 'Fn::Join': [string, unknown[]] } })
      .ContentSecurityPolicy['Fn::Join'];
    const csp = cspParts[1].map((part) => (typeof part === 'string' ? part : '<token>')).join('');
    expect(csp).toBe(consoleContentSecurityPolicy(['https://<token>.auth.eu-west-2.amazoncognito.com']));
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('serves the API on the same origin: /api/* over HTTPS only and /contact*, uncached, every header but Host, with the origin secret', () => {
    for (const path of ['/api/*', '/contact*']) {
      const b = behavior(path);
      expect(b).toMatchObject({
        CachePolicyId: CACHING_DISABLED,
        // With caching off, the all-viewer policies pass Authorization on to the JWT authorizer.
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']),
      });
      expect(originOf(b)).toMatchObject({
        DomainName: {
          'Fn::Join': [
            '',
            [{ Ref: expect.stringMatching(/^Api/) }, '.execute-api.eu-west-2.', { Ref: 'AWS::URLSuffix' }],
          ],
        },
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
        // The open routes answer only requests that carry it (OriginVerification); CloudFormation reads the
        // secret at deploy, so the template holds a reference, never the value.
        OriginCustomHeaders: [
          {
            HeaderName: 'x-origin-verify',
            HeaderValue: {
              'Fn::Join': [
                '',
                [
                  '{{resolve:secretsmanager:',
                  { Ref: expect.stringMatching(/OriginVerifySecret/) },
                  ':SecretString:::}}',
                ],
              ],
            },
          },
        ],
      });
    }
    expect(behavior('/api/*').ViewerProtocolPolicy).toBe('https-only');
  });

  it('never serves anything over plain HTTP', () => {
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(['https-only', 'redirect-to-https']).toContain(b.ViewerProtocolPolicy);
    }
  });

  it.each([
    ['/', { redirect: '/console/' }],
    ['/console', { redirect: '/console/' }],
    ['/console/', { uri: '/console/index.html' }],
    ['/console/cases/HT-2026-000042', { uri: '/console/index.html' }],
    ['/console/callback', { uri: '/console/index.html' }],
    ['/console/assets/index-3f1c.js', { uri: '/console/assets/index-3f1c.js' }],
    ['/console/config.json', { uri: '/console/config.json' }],
  ])('routes a request for %s in the viewer-request function', (uri, expected) => {
    const fn = Object.values(s.appTemplate.findResources('AWS::CloudFront::Function'))[0] as Resource;
    const handler = runInNewContext(`${fn.Properties.FunctionCode as string}; handler`) as (event: unknown) => {
      uri?: string;
      statusCode?: number;
      headers?: { location: { value: string } };
    };

    const result = handler({ request: { uri, method: 'GET', querystring: {}, headers: {} } });

    if ('redirect' in expected) {
      expect(result).toMatchObject({ statusCode: 302, headers: { location: { value: expected.redirect } } });
    } else {
      expect(result.uri).toBe(expected.uri);
    }
  });

  it('associates the routing function with the console, not with the API', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: expect.anything() }],
    });
    for (const b of config.CacheBehaviors) expect(b).not.toHaveProperty('FunctionAssociations');
  });

  it('answers on the custom domain with its certificate and TLS 1.2 at least', () => {
    expect(config).toMatchObject({
      Aliases: ['inbox.hightown.example'],
      ViewerCertificate: {
        AcmCertificateArn: CERTIFICATE,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
  });

  it('creates the console’s app client: authorization code with PKCE, no secret, called back on the console', () => {
    const hosts = [
      { 'Fn::GetAtt': [expect.stringMatching(/ConsoleDistribution/), 'DomainName'] },
      'inbox.hightown.example',
    ];
    const client = Object.values(s.appTemplate.findResources('AWS::Cognito::UserPoolClient'))[0] as Resource;

    expect(client.Properties).toMatchObject({
      UserPoolId: { 'Fn::ImportValue': expect.stringMatching(/IdentityOfficers/) },
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    const urls = (key: string) =>
      (client.Properties[key] as unknown[]).map((u) =>
        typeof u === 'string' ? u : (u as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1],
      );
    expect(urls('CallbackURLs')).toEqual([
      ['https://', hosts[0], '/console/callback'],
      'https://inbox.hightown.example/console/callback',
    ]);
    expect(urls('LogoutURLs')).toEqual([
      ['https://', hosts[0], '/console/'],
      'https://inbox.hightown.example/console/',
    ]);
    // Its id is the only audience the API accepts.
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: {
        Audience: [{ Ref: Object.keys(s.appTemplate.findResources('AWS::Cognito::UserPoolClient'))[0] }],
      },
    });
  });

  it('uploads the build: hashed assets cached for a year, pages revalidated and the CDN invalidated', () => {
    s.appTemplate.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: Match.stringLikeRegexp('ConsoleBucket') },
      DestinationBucketKeyPrefix: 'console/assets/',
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    s.appTemplate.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'console/',
      Prune: true,
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/console/*'],
    });
  });

  it('writes /console/config.json for Cognito sign-in, and leaves the local one behind', () => {
    const pages = Object.values(s.appTemplate.findResources('Custom::CDKBucketDeployment')).find(
      (d) => (d as Resource).Properties.DestinationBucketKeyPrefix === 'console/',
    ) as Resource;
    const keys = pages.Properties.SourceObjectKeys as string[];
    const markers = (pages.Properties.SourceMarkers as Record<string, unknown>[])[1] as Record<string, unknown>;
    const staged = (key: string) => join(s.outdir, `asset.${key.replace(/\.zip$/, '')}`);

    const raw = readFileSync(join(staged(keys[1] as string), 'config.json'), 'utf8');
    const resolved = JSON.parse(
      raw.replace(/<<marker:0xbaba:\d+>>/g, (m) => {
        const value = markers[m] as { Ref?: string; 'Fn::ImportValue'?: string; 'Fn::GetAtt'?: string[] };
        return `{${value.Ref ?? value['Fn::ImportValue'] ?? value['Fn::GetAtt']?.join('.')}}`;
      }),
    );
    expect(resolved).toEqual({
      auth: 'cognito',
      cognitoDomain: expect.stringMatching(
        /^https:\/\/\{.*IdentityOfficersHostedSignIn.*\}\.auth\.eu-west-2\.amazoncognito\.com$/,
      ),
      clientId: expect.stringMatching(/^\{ConsoleSignInClient\w+\}$/),
      redirectUri: 'https://inbox.hightown.example/console/callback',
    });
    // The build's own files, without the local config.json or the build marker.
    expect(readFileSync(join(staged(keys[0] as string), 'index.html'), 'utf8')).toContain('<div id="root">');
    expect(() => readFileSync(join(staged(keys[0] as string), 'config.json'))).toThrow();
    expect(() => readFileSync(join(staged(keys[0] as string), '.built'))).toThrow();
    // The hashed assets go up in their own deployment, with their own caching.
    expect(existsSync(join(staged(keys[0] as string), 'assets'))).toBe(false);
  });
});

describe('officer console when the console has not been built', () => {
  it('deploys the distribution without uploading anything, and says how to build it', async () => {
    const s = await synthesise({ context: { recipient: 'contact@hightown.example' } });
    try {
      s.appTemplate.resourceCountIs('Custom::CDKBucketDeployment', 0);
      s.appTemplate.resourceCountIs('AWS::CloudFront::Distribution', 1);
      const warnings = s.app.node
        .findAll()
        .flatMap((c) => c.node.metadata)
        .filter((m) => m.type === 'aws:cdk:warning')
        .map((m) => String(m.data));
      expect(warnings).toContainEqual(expect.stringContaining('npm run build -w @housing-inbox/web'));
    } finally {
      await s.cleanup();
    }
  });
});
