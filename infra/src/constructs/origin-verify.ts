/**
 * Only CloudFront may reach the open routes of the HTTP API. CloudFront adds
 * a secret header (`x-origin-verify`) to every request it sends to the API;
 * a Lambda request authorizer on the open routes lets a request through only
 * when the header matches the secret in Secrets Manager. Anyone calling the
 * execute-api endpoint directly (skipping the WAF and its per-client limits)
 * gets 401 from API Gateway without a header, 403 with a wrong one.
 *
 * Why not `DisableExecuteApiEndpoint` alone: CloudFront's origin is that
 * endpoint, so turning it off needs an API custom domain as the origin
 * (`apiDomain`, see InboxApi), and a custom domain is as public as the
 * endpoint it replaces. HTTP APIs take no resource policy and no WAF, so the
 * check has to be an authorizer (AWS's pattern for HTTP APIs behind
 * CloudFront). The officer routes keep their JWT authorizer (a route has one
 * authorizer): without a token a direct call gets 401 and reaches no code.
 *
 * The authorizer answers from API Gateway's cache (per header value, 5
 * minutes) for nearly every request. The secret is not rotated: CloudFront
 * reads it (a dynamic reference) only when the app stack deploys.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { excuse, LAMBDA_BASELINE, XRAY_TRACING } from './nag.js';
import { alarmOnFunction } from './ops-alarms.js';

export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/**
 * The authorizer (CommonJS, Node's crypto and the SDK the Lambda runtime
 * ships): simple response, constant-time comparison, secret read once per
 * container (again after a failed read).
 */
export const ORIGIN_VERIFY_HANDLER = `const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { timingSafeEqual } = require('node:crypto');
const client = new SecretsManagerClient({});
let expected;
function secret() {
  expected ??= client.send(new GetSecretValueCommand({ SecretId: process.env.SECRET_ARN }))
    .then((r) => Buffer.from(r.SecretString ?? ''))
    .catch((error) => { expected = undefined; throw error; });
  return expected;
}
exports.handler = async (event) => {
  const given = Buffer.from(event.headers?.['${ORIGIN_VERIFY_HEADER}'] ?? '');
  const want = await secret();
  return { isAuthorized: want.length > 0 && given.length === want.length && timingSafeEqual(given, want) };
};
`;

export interface OriginVerificationProps {
  alarmTopic: ITopic;
}

export class OriginVerification extends Construct {
  readonly secret: Secret;
  readonly function: LambdaFunction;
  readonly authorizer: HttpLambdaAuthorizer;

  constructor(scope: Construct, id: string, props: OriginVerificationProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: `The ${ORIGIN_VERIFY_HEADER} header CloudFront sends to the housing inbox API`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      // Nothing to keep: a new deploy makes a new one and gives it to CloudFront and the authorizer.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    excuse(this.secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'CloudFront reads the header value only when the stack deploys (a dynamic reference): a rotation would ' +
          'lock CloudFront out until the next deploy. Replace it by deploying (see infra/README.md).',
      },
    ]);
    this.function = new LambdaFunction(this, 'Function', {
      description: 'Lets a request to the open API routes through only when it came through CloudFront',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromInline(ORIGIN_VERIFY_HANDLER),
      memorySize: 256,
      timeout: Duration.seconds(5),
      tracing: Tracing.ACTIVE,
      environment: { SECRET_ARN: this.secret.secretArn },
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(this, 'Logs', {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.secret.grantRead(this.function);
    excuse(this.function, [...LAMBDA_BASELINE, XRAY_TRACING]);
    alarmOnFunction(this, this.function, 'origin-verify', props.alarmTopic);
    this.authorizer = new HttpLambdaAuthorizer('FromCloudFront', this.function, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      resultsCacheTtl: Duration.minutes(5),
    });
  }

  /** The header CloudFront adds: its value is a dynamic reference CloudFormation resolves at deploy. */
  get originHeaders(): Record<string, string> {
    return { [ORIGIN_VERIFY_HEADER]: this.secret.secretValue.unsafeUnwrap() };
  }
}
