import { TIMER_STATES, validateDefinition } from '@housing-inbox/timers';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../src/config.js';
import { CaseTable } from '../src/constructs/case-table.js';
import { CaseTimers } from '../src/constructs/case-timers.js';
import { REPO_ROOT } from '../src/constructs/inbox-function.js';
import { OpsAlarms } from '../src/constructs/ops-alarms.js';
import { PayloadBucket } from '../src/constructs/payload-bucket.js';
import { ResidentSending } from '../src/constructs/resident-sending.js';
import { CDK_JSON_CONTEXT, REQUIRED_CONTEXT, scratchOutdir } from './support/synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource?: unknown };
type Ref = { Ref: string } | { 'Fn::GetAtt': [string, string] };

/** Only CaseTimers and what its props need, in one stack; bundling skipped (settings only). */
function timersStack(options: { tracing?: boolean } = {}) {
  const app = new App({
    outdir: scratchOutdir(),
    context: {
      ...CDK_JSON_CONTEXT,
      ...REQUIRED_CONTEXT,
      recipient: 'contact@hightown.example',
      'aws:cdk:bundling-stacks': [],
    },
    builtinCloudFormationValidation: false,
  });
  const stack = new Stack(app, 'Timers');
  const encryptionKey = new Key(stack, 'DataKey');
  const cases = new CaseTable(stack, 'Cases', { encryptionKey });
  const payloads = new PayloadBucket(stack, 'Payloads', { encryptionKey });
  const config = configFrom(app.node);
  const ops = new OpsAlarms(stack, 'Ops', { alerts: config.alerts });
  const sending = new ResidentSending(stack, 'Sending', { sending: config.sending, payloads, alarmTopic: ops.topic });
  // The data stack's dead-letter queue, as it is made there.
  const deadLetterQueue = new Queue(stack, 'TimersDeadLetters', {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: encryptionKey,
  });
  const timers = new CaseTimers(stack, 'Timers', {
    cases,
    payloads,
    alarmTopic: ops.topic,
    environment: { TABLE_NAME: cases.table.tableName, BUCKET_NAME: payloads.bucket.bucketName, POLICY: 'hightown' },
    sending,
    deadLetterQueue,
    tracing: options.tracing,
  });
  // A function that opens cases (ingest, the API), as the lead wires them.
  const emitter = new LambdaFunction(stack, 'Emitter', {
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => {};'),
  });
  timers.grantCaseEvents(emitter);
  return { stack, timers, template: Template.fromStack(stack) };
}

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

/** Every statement of the policies attached to a role, flattened to one action per entry. */
function grants(template: Template, roleLogicalId: string): { action: string; resource: unknown; sid?: string }[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .map((p) => (p as Resource).Properties)
    .filter((p) => JSON.stringify(p.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((p) => (p.PolicyDocument as { Statement: Statement[] }).Statement)
    .flatMap((st) => {
      expect(st.Effect).toBe('Allow');
      return [st.Action]
        .flat()
        .flatMap((action) => [st.Resource].flat().map((resource) => ({ action, resource, sid: st.Sid })));
    });
}

/**
 * The synthesized DefinitionString, a Fn::Join of text and tokens, with each
 * token replaced by a placeholder in its real shape (a Lambda ARN for a
 * function's Arn, a queue URL for a queue's Ref), parsed.
 */
function definitionOf(template: Template): { asl: Record<string, unknown>; tokens: Map<string, Ref> } {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Resource[];
  const body = machine?.Properties.DefinitionString as string | { 'Fn::Join': [string, (string | Ref)[]] };
  const tokens = new Map<string, Ref>();
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1]
          .map((part) => {
            if (typeof part === 'string') return part;
            const placeholder =
              'Fn::GetAtt' in part
                ? `arn:aws:lambda:eu-west-2:123456789012:function:${part['Fn::GetAtt'][0]}`
                : part.Ref.startsWith('AWS::')
                  ? { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-2', 'AWS::AccountId': '123456789012' }[part.Ref]
                  : `https://sqs.eu-west-2.amazonaws.com/123456789012/${part.Ref}`;
            tokens.set(String(placeholder), part);
            return placeholder;
          })
          .join('');
  return { asl: JSON.parse(text), tokens };
}

describe('CaseTimers: the timer state machine in the cloud', () => {
  let s: ReturnType<typeof timersStack>;
  let ids: {
    plan: string;
    act: string;
    planRole: string;
    actRole: string;
    dlq: string;
    machine: string;
    key: string;
  };
  let asl: { QueryLanguage?: string; StartAt: string; States: Record<string, Record<string, unknown>> };
  let tokens: Map<string, Ref>;

  beforeAll(() => {
    s = timersStack();
    const { stack, timers } = s;
    ids = {
      plan: logicalId(stack, timers.planFunction.fn),
      act: logicalId(stack, timers.actFunction.fn),
      planRole: logicalId(stack, timers.planFunction.fn.role as never),
      actRole: logicalId(stack, timers.actFunction.fn.role as never),
      dlq: logicalId(stack, timers.deadLetterQueue),
      machine: logicalId(stack, timers.stateMachine),
      key: logicalId(stack, stack.node.findChild('DataKey')),
    };
    ({ asl, tokens } = definitionOf(s.template) as never);
  });

  it('is a STANDARD state machine', () => {
    s.template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    s.template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
  });

  it('has a definition asl-validator accepts, built from the two functions and the queue', () => {
    expect(validateDefinition(asl as never)).toEqual({ isValid: true, errors: [] });
    expect([...tokens.values()]).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [ids.plan, 'Arn'] },
        { 'Fn::GetAtt': [ids.act, 'Arn'] },
        { Ref: ids.dlq },
      ]),
    );
    const S = TIMER_STATES;
    expect(asl.States[S.plan]?.Resource).toBe(`arn:aws:lambda:eu-west-2:123456789012:function:${ids.plan}`);
    expect(asl.States[S.act]?.Resource).toBe(`arn:aws:lambda:eu-west-2:123456789012:function:${ids.act}`);
  });

  it('waits with TimestampPath, in JSONPath (no JSONata anywhere)', () => {
    expect(asl.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(asl.States[TIMER_STATES.wait]).toEqual({ Type: 'Wait', TimestampPath: '$.plan.at', Next: TIMER_STATES.act });
    for (const state of Object.values(asl.States)) {
      expect(state.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
      // JSONata-only fields.
      expect(state).not.toHaveProperty('Arguments');
      expect(state).not.toHaveProperty('Output');
      expect(state).not.toHaveProperty('Assign');
    }
    expect(JSON.stringify(asl)).not.toContain('{%');
  });

  it('retries both steps and catches whatever is left to the dead-letter queue, then fails', () => {
    const S = TIMER_STATES;
    for (const step of [S.plan, S.act]) {
      const state = asl.States[step] as {
        Retry: { ErrorEquals: string[] }[];
        Catch: { ErrorEquals: string[]; Next: string }[];
      };
      expect(state.Retry.flatMap((r) => r.ErrorEquals)).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'States.ALL']),
      );
      expect(state.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: S.reportFailure })]);
    }
    expect(asl.States[S.reportFailure]).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: `https://sqs.eu-west-2.amazonaws.com/123456789012/${ids.dlq}`, 'MessageBody.$': '$' },
      Next: S.failed,
    });
    expect(asl.States[S.failed]).toMatchObject({ Type: 'Fail' });
  });

  it('logs errors to CloudWatch without execution data (it names the case and what was sent), and traces', () => {
    s.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Level: 'ERROR',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } }],
      },
      TracingConfiguration: { Enabled: true },
    });
    s.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/'),
      RetentionInDays: 90,
    });
  });

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionThrottled'])(
    'tells the operators when executions are %s',
    (metric) => {
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metric,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: ids.machine } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
      });
    },
  );

  it('tells the operators about anything in the dead-letter queue, and again when it is a week old', () => {
    const onQueue = {
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
    };
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onQueue,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
    });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onQueue,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 7 * 24 * 3600,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
    });
  });

  it('lets the state machine invoke only its two functions and send only to its queue', () => {
    const role = (s.template.findResources('AWS::StepFunctions::StateMachine')[ids.machine] as Resource).Properties
      .RoleArn as { 'Fn::GetAtt': [string, string] };
    const granted = grants(s.template, role['Fn::GetAtt'][0]);

    const invokes = granted.filter((g) => g.action.startsWith('lambda:'));
    expect(invokes).toHaveLength(2);
    expect(invokes).toEqual(
      expect.arrayContaining([
        { action: 'lambda:InvokeFunction', resource: { 'Fn::GetAtt': [ids.plan, 'Arn'] }, sid: 'InvokeTimerSteps' },
        { action: 'lambda:InvokeFunction', resource: { 'Fn::GetAtt': [ids.act, 'Arn'] }, sid: 'InvokeTimerSteps' },
      ]),
    );
    expect(granted.filter((g) => g.action.startsWith('sqs:'))).toEqual([
      { action: 'sqs:SendMessage', resource: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, sid: 'ReportFailedTimers' },
    ]);
    // The queue is encrypted with the data key: sending to it takes the key.
    expect(granted.filter((g) => g.action.startsWith('kms:'))).toEqual(
      ['kms:Decrypt', 'kms:GenerateDataKey'].map((action) => ({
        action,
        resource: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        sid: undefined,
      })),
    );
    // The rest is the log delivery CloudWatch Logs requires on "*", and X-Ray's.
    const rest = granted.filter((g) => !/^(lambda|sqs|kms):/.test(g.action));
    expect(rest.every((g) => /^(logs|xray):/.test(g.action) && g.resource === '*')).toBe(true);
    expect(rest.map((g) => g.action)).toEqual(
      expect.arrayContaining(['logs:CreateLogDelivery', 'xray:PutTraceSegments']),
    );
  });

  it('lets the plan function read the case table, and write only the timer items (parking far steps) and clear pending plans', () => {
    const actions = grants(s.template, ids.planRole).map((g) => g.action);

    // Besides X-Ray's two calls (every function traces), and the data key to encrypt what it parks.
    expect(new Set(actions.filter((a) => !a.startsWith('kms:')))).toEqual(
      new Set([
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
      ]),
    );
    s.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ParkFarSteps',
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TIMER#*', 'WAKEUPS'] } },
          }),
          // The pending plan ingest wrote with the change: the plan step clears it once planned.
          Match.objectLike({
            Sid: 'ClearPendingPlans',
            Action: 'dynamodb:DeleteItem',
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PLANS-PENDING'] } },
          }),
        ]),
      },
    });
  });

  it('sweeps every 15 minutes (EventBridge Scheduler → the sweep function, one run at a time), with the wait horizon on', () => {
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 } }),
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 1,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'housing-inbox-timer-sweep',
          TIMER_WAIT_HORIZON_HOURS: '24',
          STATE_MACHINE_ARN: Match.anyValue(),
        }),
      },
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 8,
      Environment: {
        Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'housing-inbox-timer-act', TIMER_SPREAD_MINUTES: '60' }),
      },
    });
  });

  it('makes the act function a sender with the repository’s access, and nothing of Step Functions', () => {
    const actions = grants(s.template, ids.actRole).map((g) => g.action);

    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'ses:SendEmail', 'sns:Publish', 's3:PutObject']),
    );
    expect(actions.filter((a) => a.startsWith('states:') || a === 'dynamodb:Scan' || a.endsWith(':*'))).toEqual([]);
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'housing-inbox-timer-act',
          FROM_ADDRESS: 'contact@hightown.example',
          TABLE_NAME: Match.anyValue(),
        }),
      },
      Timeout: 110,
    });
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'housing-inbox-timer-plan',
          TABLE_NAME: Match.anyValue(),
        }),
      },
      Timeout: 25,
    });
  });

  it('grantCaseEvents gives a function the state machine’s ARN, StartExecution on it and StopExecution on its executions', () => {
    const emitterRole = logicalId(s.stack, (s.stack.node.findChild('Emitter') as LambdaFunction).role as never);
    const granted = grants(s.template, emitterRole);

    expect(granted).toEqual([
      { action: 'states:StartExecution', resource: { Ref: ids.machine }, sid: undefined },
      {
        action: 'states:StopExecution',
        resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':states:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':execution:',
              { 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: ids.machine }] }] },
              ':*',
            ],
          ],
        },
        sid: undefined,
      },
    ]);
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: { STATE_MACHINE_ARN: { Ref: ids.machine } } },
    });
  });

  it('leaves X-Ray off when asked to', () => {
    const untraced = timersStack({ tracing: false });

    untraced.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: false },
    });
  });
});

describe('the timer functions’ bundles', () => {
  it.each(['timer-plan', 'timer-act', 'timer-sweep'])(
    '%s leaves out aws-local-stepfunctions and asl-validator',
    async (entry) => {
      // The same esbuild settings as InboxFunction, without writing anything.
      const out = await build({
        entryPoints: [`${REPO_ROOT}functions/src/${entry}.ts`],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        mainFields: ['module', 'main'],
        external: ['tesseract.js', '@tesseract.js-data/eng'],
        metafile: true,
        write: false,
        logLevel: 'silent',
      });

      const inputs = Object.keys(out.metafile.inputs);
      expect(inputs.some((i) => i.includes('packages/timers/src/tasks.ts'))).toBe(true);
      expect(inputs.filter((i) => /aws-local-stepfunctions|asl-validator|local-runner/.test(i))).toEqual([]);
    },
    120_000,
  );
});
