/**
 * The timer workflow as Amazon States Language (JSONPath, not JSONata: the
 * local interpreter ignores JSONata). One Standard execution per case:
 *
 *   Start → Plan → AnythingToDo? ─ none ─→ Done
 *             ↑          │
 *             │     WaitUntilDue (TimestampPath $.plan.at)
 *             │          │
 *             └──────── Act
 *
 * Plan and Act are Lambda tasks with retries; anything they still fail on is
 * caught and goes to the failure path (a dead-letter queue in the cloud) and
 * then Failed, so the failed-executions alarm sees it.
 */

export const TIMER_STATES = {
  start: 'Start',
  plan: 'Plan',
  choose: 'AnythingToDo',
  wait: 'WaitUntilDue',
  act: 'Act',
  done: 'Done',
  reportFailure: 'ReportFailure',
  failed: 'Failed',
} as const;

export type AslState = Record<string, unknown> & { Type: string };
export interface AslDefinition {
  Comment?: string;
  QueryLanguage?: 'JSONPath';
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, AslState>;
}

/** Where a failed workflow reports before it fails: a Task the CDK fills (e.g. SQS SendMessage). */
export interface FailureTarget {
  resource: string;
  /** The task's Parameters; the state input there is the workflow data with `error` ({ Error, Cause }). */
  parameters?: Record<string, unknown>;
}

export interface StateMachineResources {
  /** The plan Lambda's ARN (the function returns the plan itself, no Payload wrapper). */
  planResource: string;
  actResource: string;
  /** Without it, a caught failure goes straight to the Fail state. */
  failure?: FailureTarget;
  /** Defaults 30 s (plan) and 120 s (act: a notice may render a letter PDF and retry a provider). */
  planTimeoutSeconds?: number;
  actTimeoutSeconds?: number;
}

/** The SQS SendMessage integration as the failure target: the whole workflow data is the message. */
export function deadLetterQueueFailure(queueUrl: string): FailureTarget {
  return {
    resource: 'arn:aws:states:::sqs:sendMessage',
    parameters: { QueueUrl: queueUrl, 'MessageBody.$': '$' },
  };
}

/**
 * Lambda's own transient errors are retried quickly; anything else a few times
 * more slowly (both steps are safe to repeat: Plan reads, Act sends each key
 * at most once).
 */
const TASK_RETRY = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'Lambda.Unknown',
      'States.Timeout',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 3 },
];

const CATCH_TO_FAILURE = (next: string) => [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: next }];

export function buildStateMachineDefinition(resources: StateMachineResources): AslDefinition {
  const S = TIMER_STATES;
  const onFailure = resources.failure ? S.reportFailure : S.failed;
  const states: Record<string, AslState> = {
    [S.start]: {
      Type: 'Pass',
      Comment: 'Execution input is { caseRef }; the workflow carries the keys it has settled.',
      Parameters: { 'caseRef.$': '$.caseRef', settled: [] },
      Next: S.plan,
    },
    [S.plan]: {
      Type: 'Task',
      Comment: 'Reads the case and returns the next thing due and when: { action, at, key, reason }.',
      Resource: resources.planResource,
      Parameters: { 'caseRef.$': '$.caseRef', 'settled.$': '$.settled', 'execution.$': '$$.Execution.Name' },
      ResultPath: '$.plan',
      TimeoutSeconds: resources.planTimeoutSeconds ?? 30,
      Retry: TASK_RETRY,
      Catch: CATCH_TO_FAILURE(onFailure),
      Next: S.choose,
    },
    [S.choose]: {
      Type: 'Choice',
      Choices: [{ Variable: '$.plan.action', StringEquals: 'none', Next: S.done }],
      Default: S.wait,
    },
    [S.wait]: {
      Type: 'Wait',
      TimestampPath: '$.plan.at',
      Next: S.act,
    },
    [S.act]: {
      Type: 'Task',
      Comment:
        'Re-reads the case, re-plans, and sends the notice only if it is still due; returns the new workflow data.',
      Resource: resources.actResource,
      Parameters: { 'caseRef.$': '$.caseRef', 'settled.$': '$.settled', 'key.$': '$.plan.key' },
      // No ResultPath: the default ("$") makes the step's result the new workflow data. Spelling out
      // "$" would mean the same on AWS, but aws-local-stepfunctions writes it to a key named "$".
      TimeoutSeconds: resources.actTimeoutSeconds ?? 120,
      Retry: TASK_RETRY,
      Catch: CATCH_TO_FAILURE(onFailure),
      Next: S.plan,
    },
    [S.done]: { Type: 'Succeed', Comment: 'Answered, closed, or nothing more to promise.' },
    [S.failed]: { Type: 'Fail', Error: 'TimerWorkflowFailed', Cause: 'A timer step kept failing; see the DLQ.' },
  };
  if (resources.failure) {
    states[S.reportFailure] = {
      Type: 'Task',
      Resource: resources.failure.resource,
      ...(resources.failure.parameters ? { Parameters: resources.failure.parameters } : {}),
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      // Reported or not, the execution must end as failed so the alarm sees it.
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.reportError', Next: S.failed }],
      Next: S.failed,
    };
  }
  return {
    Comment: 'housing-inbox case timers: acknowledgement, owner warning, delay updates, manager alert',
    QueryLanguage: 'JSONPath',
    StartAt: S.start,
    States: states,
  };
}

/** Execution names allow letters, digits, '-' and '_' and at most 80 characters. */
const NAME_PART = /^[A-Za-z0-9_-]+$/;

/**
 * The name of a case's n-th timer execution, `<ref>-<n>`. Deterministic, so a
 * duplicate start of the same generation is harmless (Step Functions returns
 * the running execution for the same name and input), and the previous
 * generation can be stopped by name when the case changes.
 */
export function executionName(caseRef: string, generation: number): string {
  if (!NAME_PART.test(caseRef)) throw new RangeError(`case reference not usable in an execution name: ${caseRef}`);
  if (!Number.isInteger(generation) || generation < 1)
    throw new RangeError(`generation must be 1 or more: ${generation}`);
  const name = `${caseRef}-${generation}`;
  if (name.length > 80) throw new RangeError(`execution name longer than 80 characters: ${name}`);
  return name;
}

export function parseExecutionName(name: string): { caseRef: string; generation: number } | undefined {
  const m = /^(.+)-(\d+)$/.exec(name);
  if (!m?.[1] || !m[2]) return undefined;
  const generation = Number(m[2]);
  return generation >= 1 ? { caseRef: m[1], generation } : undefined;
}

/** The ARN of a named execution of a state machine (to stop the previous generation by name). */
export function executionArn(stateMachineArn: string, name: string): string {
  const arn = stateMachineArn.replace(':stateMachine:', ':execution:');
  if (arn === stateMachineArn) throw new RangeError(`not a state machine ARN: ${stateMachineArn}`);
  return `${arn}:${name}`;
}
