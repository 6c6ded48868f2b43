/**
 * The promises kept to residents (packages/timers): one Step Functions
 * Standard execution per case, "plan → wait until → act → plan again", from
 * the same definition the local stack runs (`buildStateMachineDefinition`).
 *
 * | part                | what                                                                                                   |
 * | ------------------- | ------------------------------------------------------------------------------------------------------ |
 * | `planFunction`      | `functions/src/timer-plan.ts`: reads the case (GetItem/Query only) and returns the next thing due        |
 * | `actFunction`       | `functions/src/timer-act.ts`: re-plans and sends if still due; a sender (`grantSendToResidents`)         |
 * | `stateMachine`      | STANDARD, JSONPath; Lambda tasks by ARN with Retry, Catch → `ReportFailure` (SQS) → `Failed`             |
 * | `deadLetterQueue`   | the workflow data of every execution that failed for good (SSE, TLS only, 14 days)                      |
 * | logs                | CloudWatch, level ERROR, no execution data (it names the case and what was sent)                       |
 * | alarms              | failed executions ≥ 1 in 5 minutes; a message in the dead-letter queue                                 |
 *
 * The state machine's role may invoke these two functions and send to this
 * queue, nothing else (besides the log delivery calls CloudWatch Logs
 * requires on `*`, and X-Ray's when tracing is on).
 *
 * `grantCaseEvents(fn)` makes a function one that opens or changes cases
 * (ingest, the HTTP API): `STATE_MACHINE_ARN` in its environment,
 * `states:StartExecution` on this state machine and `states:StopExecution` on
 * its executions. Its generation counter is an UpdateItem on the case table,
 * which `CaseTable.grantCaseStore` already allows.
 */
import { buildStateMachineDefinition, deadLetterQueueFailure } from '@housing-inbox/timers/workflow';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { InboxFunction } from './inbox-function.js';
import type { ResidentSending } from './resident-sending.js';
import type { InboxData } from './shared.js';

export interface CaseTimersProps extends InboxData {
  /** Makes the act function a sender (acknowledgements, delay updates, owner warnings). */
  sending: Pick<ResidentSending, 'grantSendToResidents'>;
  /** X-Ray tracing of executions. Default off. */
  tracing?: boolean;
}

/** Each function's timeout stays under its task's (definition.ts: 30 s plan, 120 s act), so Lambda ends it first. */
const PLAN_TIMEOUT = Duration.seconds(25);
const ACT_TIMEOUT = Duration.seconds(110);

export class CaseTimers extends Construct {
  readonly planFunction: InboxFunction;
  readonly actFunction: InboxFunction;
  readonly deadLetterQueue: Queue;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CaseTimersProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.planFunction = new InboxFunction(this, 'Plan', {
      entry: 'timer-plan',
      description: 'Timer workflow, Plan step: the next notice due on a case, and when',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      async: false,
      memorySize: 512,
      timeout: PLAN_TIMEOUT,
    });
    this.actFunction = new InboxFunction(this, 'Act', {
      entry: 'timer-act',
      description: 'Timer workflow, Act step: sends the notice if it is still due',
      environment: props.environment,
      alarmTopic: props.alarmTopic,
      async: false,
      memorySize: 1024,
      timeout: ACT_TIMEOUT,
    });
    const plan = this.planFunction.fn;
    const act = this.actFunction.fn;

    // Plan reads the case and its timer generation, nothing else.
    plan.addToRolePolicy(
      new PolicyStatement({
        sid: 'ReadCasesAndTimerGeneration',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [props.cases.table.tableArn, `${props.cases.table.tableArn}/index/*`],
      }),
    );
    props.cases.table.encryptionKey?.grantDecrypt(plan);
    // Act claims notices and writes the timeline (the repository's access), and sends.
    props.cases.grantCaseStore(act);
    props.sending.grantSendToResidents(act);

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.logGroup = new LogGroup(this, 'Logs', {
      // The vended-logs prefix keeps CloudWatch Logs' resource policy small however many state machines log.
      logGroupName: `/aws/vendedlogs/states/${stack.stackName}-${id}`,
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const definition = buildStateMachineDefinition({
      planResource: plan.functionArn,
      actResource: act.functionArn,
      failure: deadLetterQueueFailure(this.deadLetterQueue.queueUrl),
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(stack.toJsonString(definition)),
      comment: 'housing-inbox case timers: one execution per case, named <case ref>-<generation>',
      logs: { destination: this.logGroup, level: LogLevel.ERROR, includeExecutionData: false },
      tracingEnabled: props.tracing ?? false,
    });

    // A definition given as a string tells CDK nothing about its resources: grant exactly what it uses.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        sid: 'InvokeTimerSteps',
        actions: ['lambda:InvokeFunction'],
        resources: [plan.functionArn, act.functionArn],
      }),
    );
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        sid: 'ReportFailedTimers',
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );

    const action = new SnsAction(props.alarmTopic);
    const failed = new Alarm(this, 'FailedAlarm', {
      alarmDescription: 'case timers: an execution failed (a timer step kept failing); its data is in the DLQ',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    failed.addAlarmAction(action);
    const depth = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'case timers: failed timers wait in the dead-letter queue (those cases get no notices)',
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

  /**
   * Makes `fn` tell the timers when it opens or changes a case
   * (functions/src/lib/case-events.ts): `STATE_MACHINE_ARN`, StartExecution on
   * this state machine, StopExecution on its executions.
   */
  grantCaseEvents(fn: LambdaFunction): void {
    fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(fn);
    this.stateMachine.grantExecution(fn, 'states:StopExecution');
  }
}
