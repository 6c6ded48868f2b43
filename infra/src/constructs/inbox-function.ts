/**
 * One Lambda function of the inbox, built the same way every time: the entry
 * file under functions/src bundled locally with esbuild (ESM, Node 24, no
 * Docker, offline; only the modules that handler imports — each composes just
 * its own ports, functions/src/lib — and, for the letter senders, with the
 * code of rare paths (the letter renderer, the email parser for releases) as files of their own;
 * the HTTP function code-split, each group of routes in files loaded on first use: ../bundling.ts), X-Ray active tracing, JSON logs with a retention, alarms
 * on errors and throttles and, for functions AWS invokes asynchronously (SNS,
 * S3), two retries then a dead-letter queue (the data stack's) with alarms on
 * its depth and age.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  aliasesOf,
  BUNDLE_AWS_SDK,
  definesOf,
  ESM_REQUIRE_BANNER,
  externalModulesOf,
  lazyChunksOf,
  SPLIT_FUNCTIONS,
} from '../bundling.js';
import { excuse, LAMBDA_BASELINE, XRAY_TRACING } from './nag.js';
import { alarmOnDeadLetters, alarmOnFunction } from './ops-alarms.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface InboxFunctionProps {
  /** File name under functions/src without `.ts`, e.g. `inbound-email`. */
  entry: string;
  description: string;
  /** With `POLICY`, the landlord this deployment serves (infra config `policy`): the only preset bundled. */
  environment: Record<string, string>;
  alarmTopic: ITopic;
  /** For a function invoked asynchronously (SNS, S3): two retries, then this queue. */
  deadLetterQueue?: IQueue;
  memorySize?: number;
  timeout?: Duration;
  architecture?: Architecture;
  /** At most this many instances at once (reserved concurrency); unlimited when absent. */
  reservedConcurrentExecutions?: number;
  commandHooks?: BundlingOptions['commandHooks'];
}

export class InboxFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue?: IQueue;

  constructor(scope: Construct, id: string, props: InboxFunctionProps) {
    super(scope, id);
    this.deadLetterQueue = props.deadLetterQueue;
    const landlord = props.environment.POLICY;
    if (!landlord) throw new Error(`${props.entry}: the function's environment names no POLICY to bundle for`);
    const chunks = lazyChunksOf(props.entry);
    const split = SPLIT_FUNCTIONS.includes(props.entry);
    const commandHooks: BundlingOptions['commandHooks'] | undefined =
      chunks.length > 0 || split
        ? {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir, outputDir) => [
              ...(props.commandHooks?.afterBundling(inputDir, outputDir) ?? []),
              // Code splitting: index.mjs rebuilt with the files it loads on first use (../bundling.ts).
              ...(split
                ? [
                    `node --import tsx "${REPO_ROOT}infra/bundling/split-bundle.ts" "${REPO_ROOT}" "${outputDir}" "${props.entry}" "${landlord}"`,
                  ]
                : []),
              ...chunks.map(
                (chunk) =>
                  `node "${REPO_ROOT}infra/bundling/lazy-chunk.mjs" "${REPO_ROOT}" "${outputDir}" "${chunk.source}" "${chunk.file}"`,
              ),
            ],
          }
        : props.commandHooks;
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}functions/src/${props.entry}.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: props.architecture ?? Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
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
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Left out: tesseract, the letter function's native modules, the lazy chunks (../bundling.ts).
        bundleAwsSDK: BUNDLE_AWS_SDK,
        externalModules: externalModulesOf(props.entry),
        // The default credential chain reduced to Lambda's environment credentials (../bundling.ts).
        // The deployed landlord's preset alone, and no search where the function never searches (../bundling.ts).
        define: definesOf(props.entry, landlord),
        esbuildArgs: {
          '--alias': Object.entries(aliasesOf(REPO_ROOT, props.entry)).map(([from, to]) => `${from}=${to}`),
        },
        forceDockerBundling: false,
        ...(commandHooks ? { commandHooks } : {}),
      },
    });

    excuse(this.fn, [...LAMBDA_BASELINE, XRAY_TRACING]);
    alarmOnFunction(this, this.fn, props.entry, props.alarmTopic);
    if (this.deadLetterQueue) {
      alarmOnDeadLetters(
        this,
        this.deadLetterQueue,
        `${props.entry}: deliveries that failed after retries`,
        props.alarmTopic,
      );
    }
  }
}
