/**
 * The HTTP API: the resident form (`/contact`, open to anyone, throttled) and
 * the officer API (`/api/*`, Cognito JWT required; only the OpenAPI document
 * is open), all served by one function running @housing-inbox/api's router.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InboxFunction } from './inbox-function.js';
import { PREFIXES } from './payload-bucket.js';
import type { InboxData } from './shared.js';

export interface InboxApiProps extends InboxData {
  /** Issuer of officers' tokens (the Cognito user pool). */
  jwtIssuer: string;
  /** App clients whose tokens are accepted. */
  jwtAudience: string[];
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

  constructor(scope: Construct, id: string, props: InboxApiProps) {
    super(scope, id);
    this.function = new InboxFunction(this, 'HttpApi', {
      entry: 'http-api',
      description: 'The resident form and the officer API',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      async: false,
      memorySize: 1024,
      // API Gateway gives up after 30 seconds.
      timeout: Duration.seconds(29),
    });
    const { fn } = this.function;
    props.cases.grantCaseStore(fn);
    props.payloads.grantWriteObjects(fn, PREFIXES.raw);
    // Officers open attachments and scans, and the letters we sent (a letter's PDF is its reply's attachment).
    props.payloads.grantReadObjects(fn, PREFIXES.attachments);
    props.payloads.grantReadObjects(fn, PREFIXES.lettersOutgoing);

    this.api = new HttpApi(this, 'Api', { description: 'Housing inbox', createDefaultStage: false });
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

    const integration = new HttpLambdaIntegration('Router', fn);
    const officers = new HttpJwtAuthorizer('Officers', props.jwtIssuer, { jwtAudience: props.jwtAudience });
    const open = new HttpNoneAuthorizer();
    const route = (path: string, methods: HttpMethod[], authorizer: HttpJwtAuthorizer | HttpNoneAuthorizer) =>
      this.api.addRoutes({ path, methods, integration, authorizer });

    route('/api/{proxy+}', [HttpMethod.ANY], officers);
    route('/api/openapi.json', [HttpMethod.GET], open);
    route('/contact', [HttpMethod.GET, HttpMethod.POST], open);
    route('/contact/{proxy+}', [HttpMethod.GET], open);
    route('/health', [HttpMethod.GET], open);

    new Alarm(this, 'ServerErrorsAlarm', {
      alarmDescription: 'HTTP API: 5 or more 5xx answers in 5 minutes',
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));
  }

  get url(): string {
    return this.stage.url;
  }
}
