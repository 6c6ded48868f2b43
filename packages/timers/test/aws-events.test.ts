import 'aws-sdk-client-mock-vitest/extend';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ExecutionLimitExceeded,
  InvalidArn,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoGenerationCounter } from '@housing-inbox/store';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  currentExecutionCheck,
  type GenerationCounter,
  InMemoryGenerationCounter,
  StepFunctionsCaseEvents,
} from '../src/index.js';
import * as workflow from '../src/workflow.js';
import { useLocalDynamoDB } from './support/dynamo.js';

const STATE_MACHINE = 'arn:aws:states:eu-west-2:123456789012:stateMachine:CaseTimers';
const executionOf = (name: string) => `arn:aws:states:eu-west-2:123456789012:execution:CaseTimers:${name}`;
const REF = 'HT-2026-000001';

const local = useLocalDynamoDB();

const caseTable = () => local.newTable('cases');

const sfnClient = new SFNClient({ region: 'eu-west-2' });
const sfn = mockClient(sfnClient);

beforeEach(() => {
  sfn.reset();
  sfn.on(StartExecutionCommand).callsFake(async (input: { name: string }) => ({
    executionArn: executionOf(input.name),
    startDate: new Date('2026-03-03T10:00:00Z'),
  }));
  sfn.on(StopExecutionCommand).resolves({ stopDate: new Date('2026-03-03T10:00:01Z') });
});

async function events(generations?: GenerationCounter) {
  const counter =
    generations ?? new DynamoGenerationCounter({ tableName: await caseTable(), awsSdkV3Client: local.client });
  const log: [string, Record<string, unknown>][] = [];
  const adapter = new StepFunctionsCaseEvents({
    stateMachineArn: STATE_MACHINE,
    generations: counter,
    awsSdkV3Client: sfnClient,
    log: (event, fields) => log.push([event, fields]),
  });
  return { adapter, counter, log };
}

/** The SFN commands sent, in order, as `start <name>` / `stop <name>`. */
const sent = () =>
  sfn.calls().map((call) => {
    const input = call.args[0].input as { name?: string; executionArn?: string };
    return input.name ? `start ${input.name}` : `stop ${String(input.executionArn).split(':').pop()}`;
  });

describe('StepFunctionsCaseEvents', () => {
  it('starts <ref>-1 with the case reference as input when a case opens, and writes no counter', async () => {
    // Prepare
    const tableName = await caseTable();
    const { adapter } = await events(new DynamoGenerationCounter({ tableName, awsSdkV3Client: local.client }));

    // Act
    await adapter.caseOpened(REF);

    // Assess
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE,
      name: 'HT-2026-000001-1',
      input: '{"caseRef":"HT-2026-000001"}',
    });
    expect(sfn).not.toHaveReceivedCommand(StopExecutionCommand);
    const item = await local.client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: `TIMER#${REF}` }, sk: { S: '#GENERATION' } } }),
    );
    expect(item.Item).toBeUndefined();
  });

  it('treats a duplicate start (the execution has already run) as done', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    const { adapter, log } = await events();

    await expect(adapter.caseOpened(REF)).resolves.toBeUndefined();

    expect(log).toEqual([['timer-already-started', { caseRef: REF, execution: 'HT-2026-000001-1' }]]);
  });

  it('re-plans a changed case: counter to 2, start <ref>-2, then stop <ref>-1', async () => {
    const { adapter, counter } = await events();

    await adapter.caseOpened(REF);
    await adapter.caseChanged(REF, 'replied');

    expect(sent()).toEqual(['start HT-2026-000001-1', 'start HT-2026-000001-2', 'stop HT-2026-000001-1']);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE,
      name: 'HT-2026-000001-2',
      input: '{"caseRef":"HT-2026-000001"}',
    });
    expect(sfn).toHaveReceivedCommandWith(StopExecutionCommand, {
      executionArn: executionOf('HT-2026-000001-1'),
      error: 'Superseded',
      cause: 'case changed (replied); HT-2026-000001-2 re-plans it',
    });
    expect(await counter.current(REF)).toBe(2);
  });

  it('moves one generation per change, stopping the one before each time', async () => {
    const { adapter } = await events();

    await adapter.caseChanged(REF, 'reclassified');
    await adapter.caseChanged(REF, 'extension-taken');
    await adapter.caseChanged('HT-2026-000002', 'replied');

    expect(sent()).toEqual([
      'start HT-2026-000001-2',
      'stop HT-2026-000001-1',
      'start HT-2026-000001-3',
      'stop HT-2026-000001-2',
      'start HT-2026-000002-2',
      'stop HT-2026-000002-1',
    ]);
  });

  it('ignores a stop of an execution that does not exist (a case from before timers, or long ended)', async () => {
    sfn
      .on(StopExecutionCommand)
      .rejects(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }));
    const { adapter, log } = await events();

    await expect(adapter.caseChanged(REF, 'replied')).resolves.toBeUndefined();
    expect(log).toEqual([]);
  });

  it('reports, and does not throw, a stop that failed otherwise: the plan task’s check ends the old one', async () => {
    sfn.on(StopExecutionCommand).rejects(new InvalidArn({ message: 'Invalid Arn: HT-…', $metadata: {} }));
    const { adapter, log } = await events();

    await expect(adapter.caseChanged(REF, 'replied')).resolves.toBeUndefined();
    expect(log).toEqual([['timer-stop-failed', { caseRef: REF, execution: 'HT-2026-000001-1', error: 'InvalidArn' }]]);
  });

  it('throws a start that failed (over the open-executions quota), and stops nothing', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionLimitExceeded({ message: 'Execution Limit Exceeded', $metadata: {} }));
    const { adapter } = await events();

    await expect(adapter.caseChanged(REF, 'replied')).rejects.toBeInstanceOf(ExecutionLimitExceeded);
    expect(sfn).not.toHaveReceivedCommand(StopExecutionCommand);
  });

  it('refuses something that is not a state machine ARN', () => {
    expect(
      () =>
        new StepFunctionsCaseEvents({ stateMachineArn: 'CaseTimers', generations: new InMemoryGenerationCounter() }),
    ).toThrow(/not a state machine ARN/);
  });

  it('is exported for Lambda bundles from the workflow entry', () => {
    expect(workflow.StepFunctionsCaseEvents).toBe(StepFunctionsCaseEvents);
    expect(workflow.currentExecutionCheck).toBe(currentExecutionCheck);
  });
});

describe.each([
  ['in memory', async () => new InMemoryGenerationCounter()],
  ['DynamoDB', async () => new DynamoGenerationCounter({ tableName: await caseTable(), awsSdkV3Client: local.client })],
])('GenerationCounter %s', (_, makeCounter) => {
  it('is 1 for a case never changed, then counts from 2', async () => {
    const counter = await makeCounter();

    expect(await counter.current(REF)).toBe(1);
    expect(await counter.next(REF)).toBe(2);
    expect(await counter.next(REF)).toBe(3);
    expect(await counter.current(REF)).toBe(3);
    expect(await counter.current('HT-2026-000002')).toBe(1);
  });

  it('hands out each generation once when changes race', async () => {
    const counter = await makeCounter();

    const got = await Promise.all(Array.from({ length: 8 }, () => counter.next(REF)));

    expect([...got].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('backs the plan task’s check: only the newest generation is current', async () => {
    const counter = await makeCounter();
    const isCurrent = currentExecutionCheck(counter);

    expect(await isCurrent(REF, 'HT-2026-000001-1')).toBe(true);
    await counter.next(REF);
    expect(await isCurrent(REF, 'HT-2026-000001-1')).toBe(false);
    expect(await isCurrent(REF, 'HT-2026-000001-2')).toBe(true);
    // Not one of ours for this case (an operator's run): let through; notice claims keep it from sending twice.
    expect(await isCurrent(REF, 'manual-rerun')).toBe(true);
    expect(await isCurrent(REF, 'HT-2026-000009-1')).toBe(true);
  });
});
