/** `inbox replay`: a message its function fails on again stays in the queue (the SQS and Lambda calls, mocked). */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { replayQueue } from '../src/commands/replay.js';

const QUEUE = 'https://sqs.eu-west-2.amazonaws.com/123456789012/inbound-email-dlq';

describe('replayQueue', () => {
  it('deletes what the function took, and makes what it failed on again visible in the queue at once', async () => {
    // Arrange
    const sqs = new SQSClient({ region: 'eu-west-2' });
    const lambda = new LambdaClient({ region: 'eu-west-2' });
    const sqsMock = mockClient(sqs);
    const lambdaMock = mockClient(lambda);
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { MessageId: 'ok', ReceiptHandle: 'h-ok', Body: '{"n":1}' },
          { MessageId: 'bad', ReceiptHandle: 'h-bad', Body: '{"n":2}' },
        ],
      })
      .resolves({ Messages: [] });
    lambdaMock
      .on(InvokeCommand)
      .resolvesOnce({ StatusCode: 200 })
      .resolvesOnce({ StatusCode: 200, FunctionError: 'Unhandled' });

    // Act
    const outcomes = await replayQueue(
      { queue: QUEUE, functionName: 'inbound-email', dryRun: false, max: 100 },
      { sqs, lambda },
    );

    // Assert
    expect(outcomes).toEqual([
      { messageId: 'ok', outcome: 'replayed' },
      { messageId: 'bad', outcome: 'failed-again', detail: 'Unhandled' },
    ]);
    expect(lambdaMock).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'inbound-email',
      InvocationType: 'RequestResponse',
    });
    expect(sqsMock).toHaveReceivedCommandTimes(DeleteMessageCommand, 1);
    expect(sqsMock).toHaveReceivedCommandWith(DeleteMessageCommand, { ReceiptHandle: 'h-ok' });
    expect(sqsMock).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, {
      ReceiptHandle: 'h-bad',
      VisibilityTimeout: 0,
    });
  });
});
