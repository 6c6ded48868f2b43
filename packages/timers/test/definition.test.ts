import { describe, expect, it } from 'vitest';
import {
  buildStateMachineDefinition,
  deadLetterQueueFailure,
  executionName,
  LOCAL_RESOURCES,
  parseExecutionName,
  TIMER_STATES,
  validateDefinition,
} from '../src/index.js';

const cloud = {
  planResource: 'arn:aws:lambda:eu-west-2:123456789012:function:inbox-timer-plan',
  actResource: 'arn:aws:lambda:eu-west-2:123456789012:function:inbox-timer-act',
};

describe('the workflow definition', () => {
  it.each([
    [
      'with a dead-letter queue',
      { ...cloud, failure: deadLetterQueueFailure('https://sqs.eu-west-2.amazonaws.com/1/dlq') },
    ],
    ['with only a Fail state', cloud],
    ['as the local runner builds it', LOCAL_RESOURCES],
  ])('is valid Amazon States Language %s', (_, resources) => {
    expect(validateDefinition(buildStateMachineDefinition(resources))).toEqual({ isValid: true, errors: [] });
  });

  it('rejects a broken one (the validator is really looking)', () => {
    const definition = buildStateMachineDefinition(cloud);
    const broken = {
      ...definition,
      States: { ...definition.States, [TIMER_STATES.wait]: { Type: 'Wait', Next: 'Act' } },
    };
    expect(validateDefinition(broken).isValid).toBe(false);
  });

  it('is plan → choice → wait until $.plan.at → act → plan, in JSONPath', () => {
    const d = buildStateMachineDefinition(cloud);
    const S = TIMER_STATES;
    expect(d.QueryLanguage).toBe('JSONPath');
    expect(JSON.stringify(d)).not.toContain('{%');
    expect(d.States[S.start]).toMatchObject({ Type: 'Pass', Next: S.plan });
    expect(d.States[S.plan]).toMatchObject({
      Type: 'Task',
      Resource: cloud.planResource,
      ResultPath: '$.plan',
      Next: S.choose,
    });
    expect(d.States[S.choose]).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.plan.action', StringEquals: 'none', Next: S.done }],
      Default: S.wait,
    });
    expect(d.States[S.wait]).toEqual({ Type: 'Wait', TimestampPath: '$.plan.at', Next: S.act });
    expect(d.States[S.act]).toMatchObject({ Type: 'Task', Resource: cloud.actResource, Next: S.plan });
    expect(d.States[S.done]).toMatchObject({ Type: 'Succeed' });
  });

  it('retries Lambda’s transient errors on both tasks and catches the rest to the failure path', () => {
    const d = buildStateMachineDefinition({ ...cloud, failure: deadLetterQueueFailure('https://q') });
    for (const name of [TIMER_STATES.plan, TIMER_STATES.act]) {
      const state = d.States[name] as unknown as { Retry: { ErrorEquals: string[] }[]; Catch: { Next: string }[] };
      const retried = state.Retry.flatMap((r) => r.ErrorEquals);
      expect(retried).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'States.Timeout']),
      );
      expect(state.Catch).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: TIMER_STATES.reportFailure }),
      ]);
    }
    expect(d.States[TIMER_STATES.reportFailure]).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://q', 'MessageBody.$': '$' },
      Next: TIMER_STATES.failed,
    });
    expect(d.States[TIMER_STATES.failed]).toMatchObject({ Type: 'Fail' });
  });

  it('without a failure target, caught errors fail the execution directly', () => {
    const d = buildStateMachineDefinition(cloud);
    expect(d.States[TIMER_STATES.reportFailure]).toBeUndefined();
    expect(d.States[TIMER_STATES.plan]).toMatchObject({ Catch: [{ Next: TIMER_STATES.failed }] });
  });
});

describe('execution names', () => {
  it('are <ref>-<generation>, and read back', () => {
    expect(executionName('HT-2026-000123', 1)).toBe('HT-2026-000123-1');
    expect(parseExecutionName('HT-2026-000123-7')).toEqual({ caseRef: 'HT-2026-000123', generation: 7 });
    expect(parseExecutionName('nonsense')).toBeUndefined();
  });

  it.each([
    ['a character Step Functions refuses', 'HT/2026', 1],
    ['a generation below 1', 'HT-2026-000123', 0],
    ['more than 80 characters', 'X'.repeat(80), 1],
  ])('refuse %s', (_, ref, generation) => {
    expect(() => executionName(ref, generation)).toThrow(RangeError);
  });
});
