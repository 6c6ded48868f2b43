/**
 * One Lambda function of the inbox, built the same way every time: the entry
 * file under functions/src bundled locally with esbuild (ESM, Node 22, no
 * Docker, offline), JSON logs with a retention, an alarm on errors and, for
 * functions AWS invokes asynchronously (SNS, S3), two retries then a
 * dead-letter queue with an alarm on its depth.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Only the local stack reads letters with tesseract; never bundle it. */
const NEVER_BUNDLED = ['tesseract.js', '@tesseract.js-data/eng'];

// Bundled CommonJS dependencies call require(); an ES module has none until this gives it one.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __inboxCreateRequire } from 'node:module'; const require = __inboxCreateRequire(import.meta.url);";

export interface InboxFunctionProps {
  /** File name under functions/src without `.ts`, e.g. `inbound-email`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  alarmTopic: ITopic;
  /** Invoked asynchronously (SNS, S3): retries, then a DLQ. */
  async: boolean;
  memorySize?: number;
  timeout?: Duration;
  architecture?: Architecture;
  /** Modules kept out of the bundle (they are copied in whole by `commandHooks`). */
  externalModules?: string[];
  commandHooks?: BundlingOptions['commandHooks'];
}

export class InboxFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue?: Queue;

  constructor(scope: Construct, id: string, props: InboxFunctionProps) {
    super(scope, id);
    if (props.async) {
      this.deadLetterQueue = new Queue(this, 'DeadLetters', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
    }
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}functions/src/${props.entry}.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: props.architecture ?? Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(30),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `housing-inbox-${props.entry}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(this, 'Logs', {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      ...(this.deadLetterQueue
        ? { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(6) }
        : {}),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        externalModules: [...NEVER_BUNDLED, ...(props.externalModules ?? [])],
        forceDockerBundling: false,
        ...(props.commandHooks ? { commandHooks: props.commandHooks } : {}),
      },
    });

    const action = new SnsAction(props.alarmTopic);
    const errors = new Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `${props.entry}: invocations failed in the last 5 minutes`,
      metric: this.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    errors.addAlarmAction(action);
    if (this.deadLetterQueue) {
      const depth = new Alarm(this, 'DeadLettersAlarm', {
        alarmDescription: `${props.entry}: deliveries gave up after retries and wait in the dead-letter queue`,
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      depth.addAlarmAction(action);
    }
  }
}
