/**
 * The promises kept to residents (packages/timers): one Step Functions
 * Standard execution per case, "plan → wait until → act → plan again", from
 * the same definition the local stack runs (`buildStateMachineDefinition`).
 *
 * | part                | what                                                                                                   |
 * | ------------------- | ------------------------------------------------------------------------------------------------------ |
 * | `planFunction`      | `functions/src/timer-plan.ts`: reads the case, returns the next thing due, clears the case's pending plan |
 * | `actFunction`       | `functions/src/timer-act.ts`: re-plans and sends if still due; a sender (`grantSendToResidents`), reserved concurrency 8 |
 * | `sweepFunction`     | `functions/src/timer-sweep.ts`, every 15 minutes (EventBridge Scheduler): parked cases, lost starts, failed timers |
 * | `stateMachine`      | STANDARD, JSONPath; Lambda tasks by ARN with Retry, Catch → `ReportFailure` (SQS) → `Failed`             |
 * | `deadLetterQueue`   | the data stack's queue for the workflow data of executions that failed for good (data key, 14 days)     |
 * | logs                | CloudWatch, level ERROR, no execution data (it names the case and what was sent)                       |
 * | tracing             | X-Ray, on by default                                                                                   |
 * | alarms              | executions failed, timed out or throttled; a message in the dead-letter queue, or one a week old        |
 *
 * The state machine's role may invoke these two functions and send to this
 * queue (encrypting with its key), nothing else (besides the log delivery
 * calls CloudWatch Logs requires on `*`, and X-Ray's).
 *
 * `grantCaseEvents(fn)` makes a function one that opens or changes cases
 * (ingest, the HTTP API): `STATE_MACHINE_ARN` in its environment,
 * `states:StartExecution` on this state machine and `states:StopExecution` on
 * its executions. Its generation counter is an UpdateItem on the case table,
 * which `CaseTable.grantCaseStore` already allows.
 */
import {
  buildStateMachineDefinition,
  deadLetterQueueFailure,
  TIMER_SWEEP_SCHEDULE,
} from '@housing-inbox/timers/workflow';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { TABLE_INDEXES } from './case-table.js';
import { InboxFunction } from './inbox-function.js';
import { DATA_KEY_GRANT, excuse, KMS_GRANT_WILDCARDS } from './nag.js';
import { alarmOnDeadLetters, alarmOperators } from './ops-alarms.js';
import type { ResidentSending } from './resident-sending.js';
import type { InboxData } from './shared.js';

export interface CaseTimersProps extends InboxData {
  /** Makes the act function a sender (acknowledgements, delay updates, owner warnings). */
  sending: Pick<ResidentSending, 'grantSendToResidents'>;
  /** Where failed timers' workflow data goes: the data stack's queue. */
  deadLetterQueue: Queue;
  /** X-Ray tracing of executions. Default on. */
  tracing?: boolean;
  /**
   * Reserved concurrency of the act function, which sends: default 8, so at
   * ~0.5 s a send it stays under SES's starting rate (14 a second) and SNS's SMS
   * rate (20 a second); Step Functions retries a throttled step. 0: unreserved
   * (a new account whose Lambda concurrency is still 10 cannot reserve any).
   */
  sendConcurrency?: number;
}

/** The plan and act steps' settings: the wait horizon and the first-hour spread (functions/src/lib/timer-runtime.ts). */
const TIMER_SETTINGS = {
  TIMER_WAIT_HORIZON_HOURS: String(TIMER_SWEEP_SCHEDULE.horizonHours),
  TIMER_SPREAD_MINUTES: '60',
};

/** Each function's timeout stays under its task's (definition.ts: 30 s plan, 120 s act), so Lambda ends it first. */
const PLAN_TIMEOUT = Duration.seconds(25);
const ACT_TIMEOUT = Duration.seconds(110);

export class CaseTimers extends Construct {
  readonly planFunction: InboxFunction;
  readonly actFunction: InboxFunction;
  readonly sweepFunction: InboxFunction;
  readonly sweepSchedule: Schedule;
  readonly deadLetterQueue: Queue;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CaseTimersProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.planFunction = new InboxFunction(this, 'Plan', {
      entry: 'timer-plan',
      description: 'Timer workflow, Plan step: the next notice due on a case, and when',
      environment: { ...props.environment, ...TIMER_SETTINGS },
      alarmTopic: props.alarmTopic,
      memorySize: 512,
      timeout: PLAN_TIMEOUT,
    });
    this.actFunction = new InboxFunction(this, 'Act', {
      entry: 'timer-act',
      description: 'Timer workflow, Act step: sends the notice if it is still due',
      environment: { ...props.environment, ...TIMER_SETTINGS },
      alarmTopic: props.alarmTopic,
      memorySize: 1024,
      timeout: ACT_TIMEOUT,
      ...((props.sendConcurrency ?? 8) > 0 ? { reservedConcurrentExecutions: props.sendConcurrency ?? 8 } : {}),
    });
    const plan = this.planFunction.fn;
    const act = this.actFunction.fn;

    // Plan reads the case and its timer generation, and parks far steps: writes only the timer items.
    plan.addToRolePolicy(
      new PolicyStatement({
        sid: 'ReadCasesAndTimerGeneration',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [props.cases.table.tableArn, `${props.cases.table.tableArn}/index/*`],
      }),
    );
    plan.addToRolePolicy(
      new PolicyStatement({
        sid: 'ParkFarSteps',
        actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
        resources: [props.cases.table.tableArn],
        // The case's wake-up (`TIMER#<ref>`) and the due list (`WAKEUPS`): @housing-inbox/store keys.ts.
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TIMER#*', 'WAKEUPS'] } },
      }),
    );
    // Plan clears the pending plan ingest wrote with the change, once it has planned (`PLANS-PENDING`: keys.ts).
    plan.addToRolePolicy(
      new PolicyStatement({
        sid: 'ClearPendingPlans',
        actions: ['dynamodb:DeleteItem'],
        resources: [props.cases.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PLANS-PENDING'] } },
      }),
    );
    props.cases.table.encryptionKey?.grantEncryptDecrypt(plan);
    excuse(plan, [TABLE_INDEXES, { id: 'AwsSolutions-IAM5', reason: DATA_KEY_GRANT, appliesTo: KMS_GRANT_WILDCARDS }]);
    // Act claims notices and writes the timeline (the repository's access), and sends.
    props.cases.grantCaseStore(act);
    props.sending.grantSendToResidents(act);

    this.deadLetterQueue = props.deadLetterQueue;

    // The sweep: restarts parked cases, lost announcements and failed timers (packages/timers sweep.ts).
    this.sweepFunction = new InboxFunction(this, 'Sweep', {
      entry: 'timer-sweep',
      description:
        'Timer sweep: restarts parked cases near their next step, and cases whose timer failed or is missing',
      environment: { ...props.environment, ...TIMER_SETTINGS },
      alarmTopic: props.alarmTopic,
      memorySize: 512,
      timeout: Duration.minutes(5),
      // One run at a time: two would restart the same cases twice (harmless, but twice the transitions).
      reservedConcurrentExecutions: 1,
    });
    const sweep = this.sweepFunction.fn;
    props.cases.grantCaseStore(sweep);

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
      tracingEnabled: props.tracing ?? true,
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
    this.deadLetterQueue.encryptionMasterKey?.grant(this.stateMachine, 'kms:GenerateDataKey', 'kms:Decrypt');
    excuse(this.stateMachine, [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'Log delivery to CloudWatch Logs (logs:CreateLogDelivery and the rest) and X-Ray tracing take no resource ' +
          'but "*" (Step Functions’ documented policy for logging and tracing).',
        appliesTo: ['Resource::*'],
      },
      {
        id: 'AwsSolutions-SF1',
        reason:
          'Logs ERROR only, without execution data: a timer’s input and output name the case and what was sent to ' +
          'the resident. Failed executions also leave their data in the dead-letter queue.',
      },
    ]);

    this.grantCaseEvents(sweep);
    this.stateMachine.grantExecution(sweep, 'states:DescribeExecution');
    const scheduleRole = new Role(this, 'SweepScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'EventBridge Scheduler: invokes the timers sweep, nothing else',
    });
    this.sweepSchedule = new Schedule(this, 'SweepSchedule', {
      schedule: ScheduleExpression.expression(TIMER_SWEEP_SCHEDULE.expression),
      description: 'housing-inbox: the timers sweep',
      target: new LambdaInvoke(sweep, {
        role: scheduleRole,
        retryAttempts: TIMER_SWEEP_SCHEDULE.retryAttempts,
        maxEventAge: Duration.seconds(TIMER_SWEEP_SCHEDULE.maximumEventAgeSeconds),
      }),
    });
    excuse(scheduleRole, [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'CDK’s lambda grantInvoke adds the function’s versions and aliases (`<function ARN>:*`) to the function itself: ' +
          'this role can invoke the sweep function and nothing else.',
        appliesTo: [{ regex: '/^Resource::<.*SweepFunction.*\\.Arn>:\\*$/' }],
      },
    ]);

    const topic = props.alarmTopic;
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    alarmOperators(this, 'FailedAlarm', topic, {
      description: 'case timers: an execution failed (a timer step kept failing); its data is in the DLQ',
      metric: this.stateMachine.metricFailed(fiveMinutes),
    });
    alarmOperators(this, 'TimedOutAlarm', topic, {
      description: 'case timers: an execution timed out (that case has no timer until it changes)',
      metric: this.stateMachine.metricTimedOut(fiveMinutes),
    });
    alarmOperators(this, 'ThrottledAlarm', topic, {
      description: 'case timers: Step Functions throttled executions (state transitions over the account quota)',
      metric: this.stateMachine.metricThrottled(fiveMinutes),
    });
    alarmOnDeadLetters(this, this.deadLetterQueue, 'case timers: failed timers (those cases get no notices)', topic);
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
    excuse(fn, [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'states:StopExecution (and, for the sweep, DescribeExecution) on the executions of the case timers’ state machine (`…:execution:<machine>:*`): ' +
          'an execution is named per case and generation, so none can be listed in advance.',
        appliesTo: [{ regex: '/^Resource::arn:.*:states:.*:execution:.*:\\*$/' }],
      },
    ]);
  }
}
