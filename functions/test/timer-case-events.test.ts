import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { ingestMessage, noCaseEvents } from '@housing-inbox/core';
import { createServices } from '@housing-inbox/services';
import { InMemoryGenerationCounter, StepFunctionsCaseEvents } from '@housing-inbox/timers/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudCaseEvents } from '../src/lib/case-events.js';
import {
  acceptingStepFunctions,
  FROM_ADDRESS,
  STATE_MACHINE,
  startTestbed,
  TABLE_NAME,
  type Testbed,
} from './support/testbed.js';

describe('cloudCaseEvents: what ingest and the API tell the timers', () => {
  it('is a no-op on a function CDK gave no STATE_MACHINE_ARN', () => {
    expect(cloudCaseEvents({ TABLE_NAME })).toBe(noCaseEvents);
  });

  it('is the Step Functions adapter on one it did', () => {
    expect(cloudCaseEvents({ TABLE_NAME, STATE_MACHINE_ARN: STATE_MACHINE })).toBeInstanceOf(StepFunctionsCaseEvents);
    expect(() => cloudCaseEvents({ STATE_MACHINE_ARN: STATE_MACHINE })).toThrow(/TABLE_NAME/);
  });

  describe('composed into the services, as runtime.ts would', () => {
    let bed: Testbed;
    const { client: sfnClient, stub: sfn } = acceptingStepFunctions();

    beforeAll(async () => {
      bed = await startTestbed();
    });
    afterAll(async () => {
      sfn.restore();
      await bed.stop();
    });

    it('starts <ref>-1 when an email opens a case, and re-plans (<ref>-2, stop <ref>-1) when the resident writes again', async () => {
      // Prepare
      const { policy, repository, blobs, clock, outbound } = bed.runtime;
      const events = cloudCaseEvents(
        { TABLE_NAME, STATE_MACHINE_ARN: STATE_MACHINE },
        { sfn: sfnClient, generations: new InMemoryGenerationCounter() },
      );
      const services = createServices({
        policy,
        repository,
        blobs,
        clock,
        outbound,
        events,
        mailDomain: 'inbox.hightown.example',
      });
      const email = (n: number, threading = {}) =>
        ({
          channel: 'email',
          dedupeKey: `<events-${n}@resident.example>`,
          receivedAt: '2026-12-01T10:00:00.000Z',
          from: { name: 'Ola Resident', email: 'ola@example.net' },
          to: [FROM_ADDRESS],
          subject: 'Broken gate',
          text: 'The side gate is broken.',
          threading: { messageId: `<events-${n}@resident.example>`, ...threading },
        }) as never;

      // Act
      const opened = await ingestMessage(services.ingest, email(1));
      const ref = (opened as { caseRef: string }).caseRef;
      const followUp = await ingestMessage(services.ingest, email(2, { inReplyTo: ['<events-1@resident.example>'] }));

      // Assess
      expect(followUp).toMatchObject({ outcome: 'threaded', caseRef: ref });
      expect(sfn.calls().map((c) => c.args[0].constructor.name)).toEqual([
        'StartExecutionCommand',
        'StartExecutionCommand',
        'StopExecutionCommand',
      ]);
      expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
        { stateMachineArn: STATE_MACHINE, name: `${ref}-1`, input: JSON.stringify({ caseRef: ref }) },
        { stateMachineArn: STATE_MACHINE, name: `${ref}-2`, input: JSON.stringify({ caseRef: ref }) },
      ]);
      expect(sfn.commandCalls(StopExecutionCommand)[0]?.args[0].input).toMatchObject({
        executionArn: `arn:aws:states:eu-west-2:123456789012:execution:CaseTimers:${ref}-1`,
      });
    });
  });
});
