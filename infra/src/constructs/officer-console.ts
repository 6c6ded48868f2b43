/**
 * The officer console in the cloud: the built single-page app in a private S3
 * bucket, served by CloudFront through Origin Access Control, with the HTTP
 * API behind the same distribution under `/api/*` and `/contact*` so the
 * console calls the API on its own origin (no CORS) and the resident form
 * gets the same domain. Also the console's Cognito app client: authorization
 * code grant with PKCE, no secret, called back on this distribution.
 *
 * | path         | origin                   | cache    | headers                                               |
 * | ------------ | ------------------------ | -------- | ----------------------------------------------------- |
 * | `/console/*` | console bucket (OAC)     | optimised | console policy: CSP, HSTS, nosniff, DENY, no referrer |
 * | `/api/*`     | HTTP API, HTTPS only     | none     | the API's own, plus HSTS and the rest where missing   |
 * | `/contact*`  | HTTP API                 | none     | likewise                                              |
 *
 * A viewer-request function sends `/` to `/console/` and answers every page
 * path of the app (`/console/cases/HT-…`, `/console/callback`) with
 * `/console/index.html`: CloudFront's custom error pages would also rewrite
 * the API's 403s and 404s, so they are not used.
 *
 * The built console (`npm run build -w @housing-inbox/web`) is uploaded with
 * `/console/config.json` for Cognito sign-in, when the build exists at synth
 * time; otherwise a warning says how to build it, and nothing is uploaded.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { consoleAssets, consoleContentSecurityPolicy } from '@housing-inbox/web';
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { ConsoleSettings } from '../config.js';
import { excuse, LAMBDA_BASELINE, stackSingleton } from './nag.js';
import type { OfficerIdentity } from './officer-identity.js';

export const CONSOLE_PATH = '/console/';
/** Paths the HTTP API answers through the distribution. */
export const API_PATHS = ['/api/*', '/contact*'] as const;

/** Viewer request: `/` → `/console/`; an app page (no file extension) → the app's index.html. */
const ROUTING = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/console') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/console/' } } };
  }
  if (uri.indexOf('/console/') === 0 && !/\\.[A-Za-z0-9]+$/.test(uri)) {
    request.uri = '/console/index.html';
  }
  return request;
}`;

const HSTS = { accessControlMaxAge: Duration.days(730), includeSubdomains: true };

export interface OfficerConsoleProps {
  identity: OfficerIdentity;
  settings: ConsoleSettings;
  /** The edge stack's WAF web ACL (scope CLOUDFRONT, in us-east-1). */
  webAclArn: string;
}

/** How CloudFront reaches the HTTP API: its host, and the headers it must add (the origin secret). */
export interface ApiOrigin {
  domainName: string;
  customHeaders: Record<string, string>;
}

export class OfficerConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The console's app client: its id is the audience the API's JWT authorizer accepts. */
  readonly client: UserPoolClient;
  /** Where officers open the console, e.g. https://d111111abcdef8.cloudfront.net/console/ */
  readonly url: string;
  /** Whether the built console was found and is uploaded. */
  readonly deploysConsole: boolean;

  constructor(scope: Construct, id: string, props: OfficerConsoleProps) {
    super(scope, id);
    const { settings, identity } = props;

    // Built JavaScript and CSS, the same for everyone who can reach the site: SSE-S3 is enough,
    // and keeps CloudFront out of the data key's policy.
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Rebuilt from the repository on every deploy: nothing here to keep.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    excuse(this.bucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'Holds only the console’s build, the same files for every visitor, read by this distribution alone (OAC): ' +
          'an access log would record nothing but CloudFront.',
      },
    ]);

    const signInOrigin = identity.signInUrl;
    const consoleHeaders = new ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      comment: 'Officer console: strict CSP, no framing, HSTS',
      securityHeadersBehavior: {
        // The same policy the local stack serves (packages/web), plus the Cognito token endpoint.
        contentSecurityPolicy: { contentSecurityPolicy: consoleContentSecurityPolicy([signInOrigin]), override: true },
        strictTransportSecurity: { ...HSTS, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
        ],
      },
    });

    const certificate = settings.certificateArn
      ? Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn)
      : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Housing inbox: officer console, resident form, API',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: consoleHeaders,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'Routing', {
              comment: 'Send / to the console; serve index.html for the console’s pages',
              code: FunctionCode.fromInline(ROUTING),
              runtime: FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
      // Officers and residents are in the UK: edge locations in Europe (and North America) are enough.
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(certificate && settings.domainName
        ? {
            certificate,
            domainNames: [settings.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    excuse(this.distribution, [
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No access logs: they would hold every resident’s and officer’s IP address. The WAF’s metrics count ' +
          'requests and blocks per rule; the API logs each request without IP addresses.',
      },
      ...(certificate
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Without consoleDomain the distribution uses the *.cloudfront.net certificate, whose minimum ' +
                'protocol CloudFront does not let us raise; with consoleDomain it is TLSv1.2_2021.',
            },
          ]),
    ]);

    const hosts = [this.distribution.distributionDomainName, ...(settings.domainName ? [settings.domainName] : [])];
    const primaryHost = settings.domainName ?? this.distribution.distributionDomainName;
    this.url = `https://${primaryHost}${CONSOLE_PATH}`;
    const redirectUri = `https://${primaryHost}${CONSOLE_PATH}callback`;

    this.client = new UserPoolClient(this, 'SignInClient', {
      userPool: identity.userPool,
      // A browser app: a secret would be public. PKCE protects the code instead.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: hosts.map((h) => `https://${h}${CONSOLE_PATH}callback`),
        logoutUrls: hosts.map((h) => `https://${h}${CONSOLE_PATH}`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // The hosted page signs officers in; the admin flow lets an operator with IAM rights get a token from the CLI.
      authFlows: { adminUserPassword: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    const dist = settings.dist ?? consoleAssets().dir;
    this.deploysConsole = existsSync(join(dist, 'index.html'));
    if (this.deploysConsole) {
      this.#deploy(dist, {
        auth: 'cognito',
        cognitoDomain: signInOrigin,
        clientId: this.client.userPoolClientId,
        redirectUri,
      });
    } else {
      Annotations.of(this).addWarningV2(
        'housing-inbox:console-not-built',
        `the console is not built (no ${join(dist, 'index.html')}): the distribution serves no console until you run ` +
          '`npm run build -w @housing-inbox/web` and deploy again',
      );
    }
  }

  /**
   * Puts the HTTP API behind the distribution: `/api/*` (HTTPS only: a bearer
   * token must never travel in clear, even once) and `/contact*`. Nothing is
   * cached, every viewer header but Host goes through (API Gateway routes on
   * its own host name), so Authorization reaches the JWT authorizer; CloudFront
   * adds the origin secret the open routes check.
   */
  serveApi(api: ApiOrigin): void {
    const origin = new HttpOrigin(api.domainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: api.customHeaders,
    });
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Officer API and resident form: the app sets its own CSP; these fill in what is missing',
      securityHeadersBehavior: {
        strictTransportSecurity: { ...HSTS, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: false },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: false },
      },
    });
    for (const path of API_PATHS) {
      this.distribution.addBehavior(path, origin, {
        viewerProtocolPolicy:
          path === '/api/*' ? ViewerProtocolPolicy.HTTPS_ONLY : ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: apiHeaders,
        compress: true,
      });
    }
  }

  #deploy(dist: string, config: Record<string, string>): void {
    const assets = join(dist, 'assets');
    // Content-hashed files: cached for a year, and old ones kept for tabs still running the last build.
    const hashed = existsSync(assets)
      ? new BucketDeployment(this, 'DeployAssets', {
          sources: [Source.asset(assets)],
          destinationBucket: this.bucket,
          destinationKeyPrefix: `${CONSOLE_PATH.slice(1)}assets/`,
          prune: false,
          cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
        })
      : undefined;
    // index.html and config.json: revalidated on every load, so a deploy shows at once.
    const pages = new BucketDeployment(this, 'DeployPages', {
      sources: [
        Source.asset(dist, { exclude: ['assets', '.built', 'config.json'] }),
        Source.jsonData('config.json', config),
      ],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_PATH.slice(1),
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: [`${CONSOLE_PATH}*`],
    });
    if (hashed) pages.node.addDependency(hashed);
    // CDK's one upload function per stack (a custom resource of BucketDeployment).
    excuse(stackSingleton(this, 'Custom::CDKBucketDeployment'), [
      ...LAMBDA_BASELINE,
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'BucketDeployment’s own grants: read the CDK assets bucket, and list, write and prune this console ' +
          'bucket (s3:GetObject*, s3:List*, s3:DeleteObject* and the rest on <bucket>/*).',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'CDK chooses and updates the runtime of its BucketDeployment function; it is not ours to set.',
      },
    ]);
  }
}
