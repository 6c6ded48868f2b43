/**
 * The HTTP API: the resident form (`/contact`, open to anyone, throttled) and
 * the officer API (`/api/*`, Cognito JWT required; only the OpenAPI document
 * is open), all served by one function running @housing-inbox/api's router.
 *
 * Public traffic comes through CloudFront (and its WAF): the open routes
 * answer only requests carrying CloudFront's origin header
 * (`OriginVerification`); `/health` stays open for uptime checks (it answers
 * `{"status":"ok"}` and touches nothing). With `apiDomain`, the API also gets
 * that custom domain as CloudFront's origin and its execute-api endpoint is
 * turned off (`DisableExecuteApiEndpoint`).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  type CfnStage,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, type HttpLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiDomainSettings } from '../config.js';
import { ERASABLE_PREFIXES } from './data-retention.js';
import { InboxFunction } from './inbox-function.js';
import { excuse } from './nag.js';
import { alarmOperators } from './ops-alarms.js';
import { OriginVerification } from './origin-verify.js';
import { PREFIXES } from './payload-bucket.js';
import type { InboxData } from './shared.js';

export interface InboxApiProps extends InboxData {
  /** Issuer of officers' tokens (the Cognito user pool). */
  jwtIssuer: string;
  /** App clients whose tokens are accepted. */
  jwtAudience: string[];
  /** A custom domain for CloudFront to reach the API on; the execute-api endpoint is then off. */
  domain?: ApiDomainSettings;
}

/** Requests per second across the stage, and for the open resident form on its own. */
export const THROTTLE = {
  stage: { rateLimit: 50, burstLimit: 100 },
  contactForm: { rateLimit: 5, burstLimit: 20 },
};

export class InboxApi extends Construct {
  readonly function: InboxFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The secret header CloudFront must send, and the authorizer that checks it. */
  readonly originVerification: OriginVerification;
  /** The host CloudFront sends API requests to: the custom domain, or the execute-api endpoint. */
  readonly originDomainName: string;
  readonly domainName?: DomainName;

  constructor(scope: Construct, id: string, props: InboxApiProps) {
    super(scope, id);
    this.function = new InboxFunction(this, 'HttpApi', {
      entry: 'http-api',
      description: 'The resident form and the officer API',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      memorySize: 1024,
      // API Gateway gives up after 30 seconds.
      timeout: Duration.seconds(29),
    });
    const { fn } = this.function;
    props.cases.grantCaseStore(fn);
    props.payloads.grantWriteObjects(fn, PREFIXES.raw);
    // Long bodies of what it files (web forms, logged calls, releases) and shows (the case, the resident, letters).
    props.payloads.grantWriteObjects(fn, PREFIXES.bodies);
    props.payloads.grantReadObjects(fn, PREFIXES.bodies);
    // Officers open attachments and scans, and the letters we sent (a letter's PDF is its reply's attachment).
    props.payloads.grantReadObjects(fn, PREFIXES.attachments);
    props.payloads.grantReadObjects(fn, PREFIXES.lettersOutgoing);
    // A manager releases a quarantined delivery (POST /api/quarantine/{id}/release): its kept
    // payload is read back and ingested, and a released email's attachments are stored.
    props.payloads.grantReadObjects(fn, PREFIXES.raw);
    props.payloads.grantWriteObjects(fn, PREFIXES.attachments);
    // Managers erase a resident's data (POST /api/contacts/{id}/erase): their files go too.
    for (const prefix of ERASABLE_PREFIXES) props.payloads.grantDeleteObjects(fn, prefix);

    this.api = new HttpApi(this, 'Api', {
      description: 'Housing inbox',
      createDefaultStage: false,
      disableExecuteApiEndpoint: Boolean(props.domain),
    });
    const logs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE.stage,
      accessLogSettings: {
        destination: new LogGroupLogDestination(logs),
        // No source IP or user agent: an access log is no place for residents' personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    (this.stage.node.defaultChild as CfnStage).routeSettings = {
      'POST /contact': {
        ThrottlingRateLimit: THROTTLE.contactForm.rateLimit,
        ThrottlingBurstLimit: THROTTLE.contactForm.burstLimit,
      },
    };

    this.originVerification = new OriginVerification(this, 'OriginVerify', { alarmTopic: props.alarmTopic });
    const integration = new HttpLambdaIntegration('Router', fn);
    const officers = new HttpJwtAuthorizer('Officers', props.jwtIssuer, { jwtAudience: props.jwtAudience });
    const fromCloudFront = this.originVerification.authorizer;
    const route = (
      path: string,
      methods: HttpMethod[],
      authorizer: HttpJwtAuthorizer | HttpLambdaAuthorizer | HttpNoneAuthorizer,
    ) => this.api.addRoutes({ path, methods, integration, authorizer });

    route('/api/{proxy+}', [HttpMethod.ANY], officers);
    route('/api/openapi.json', [HttpMethod.GET], fromCloudFront);
    route('/contact', [HttpMethod.GET, HttpMethod.POST], fromCloudFront);
    route('/contact/{proxy+}', [HttpMethod.GET], fromCloudFront);
    const [health] = route('/health', [HttpMethod.GET], new HttpNoneAuthorizer());
    excuse(health, [
      {
        id: 'AwsSolutions-APIG4',
        reason: 'GET /health is for uptime checks: it answers {"status":"ok"} and reads and writes nothing.',
      },
    ]);

    if (props.domain) {
      this.domainName = new DomainName(this, 'OriginDomain', {
        domainName: props.domain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'OriginCertificate', props.domain.certificateArn),
      });
      new ApiMapping(this, 'OriginMapping', { api: this.api, domainName: this.domainName, stage: this.stage });
    }
    const stack = Stack.of(this);
    this.originDomainName =
      props.domain?.domainName ?? `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;

    alarmOperators(this, 'ServerErrorsAlarm', props.alarmTopic, {
      description: 'HTTP API: 5 or more 5xx answers in 5 minutes',
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 5,
    });
  }

  /** Where the API answers directly (operators' checks): the custom domain, or the stage's execute-api URL. */
  get url(): string {
    return this.domainName ? `https://${this.domainName.name}/` : this.stage.url;
  }
}
