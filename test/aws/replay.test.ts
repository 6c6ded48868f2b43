/**
 * `inbox replay` against moto: a dead-letter queue's messages listed without
 * change (--dry-run), then handed back to their function and deleted. moto's
 * Lambda runs without Docker here (its "simple" backend answers an invocation
 * with the payload it was given), so what is checked is the SQS side and that
 * each message was invoked.
 */
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesS3Notification, snsEvent } from '../../functions/test/support/events.js';
import { main } from '../../packages/cli/src/main.js';
import { type MotoBed, startMotoBed } from './support/moto.js';

describe('inbox replay on moto (SQS dead-letter queue → Lambda Invoke)', () => {
  let bed: MotoBed;
  let queueUrl: string;
  const queueName = `inbound-email-dlq-${Date.now()}`;

  beforeAll(async () => {
    bed = await startMotoBed('replay');
    await fetch(`${bed.endpoint}/moto-api/config`, {
      method: 'POST',
      body: JSON.stringify({ lambda: { use_docker: false } }),
    });
    queueUrl = (await bed.clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }))).QueueUrl as string;
    // As Lambda leaves a failed asynchronous event: the event as the body, its error as attributes.
    for (const id of ['dlq1aaaabbbbccccdddd', 'dlq2aaaabbbbccccdddd']) {
      await bed.clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(snsEvent(sesS3Notification({ sesMessageId: id }), { topic: 'inbound' })),
          MessageAttributes: {
            RequestID: { DataType: 'String', StringValue: `req-${id}` },
            ErrorCode: { DataType: 'String', StringValue: '200' },
            ErrorMessage: { DataType: 'String', StringValue: 'ThrottlingException' },
          },
        }),
      );
    }
  });
  afterAll(() => bed.stop());

  async function inbox(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { AWS_REGION: 'eu-west-2', AWS_ENDPOINT_URL: bed.endpoint };
    const status = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env });
    return { status, out: out.join(''), err: err.join('') };
  }

  it('lists the messages with --dry-run and leaves them in the queue', async () => {
    // Act
    const run = await inbox('replay', '--queue', queueName, '--function', 'inbound-email', '--dry-run');

    // Assert
    expect(run.status).toBe(0);
    expect(run.out).toContain('2 message(s) in the queue; nothing changed (dry run).');
    expect(run.out).toMatch(/listed\s+\S+\s+\d+ bytes, Lambda error 200/);
    expect(run.out).not.toContain('resident@example.net');
    expect(await bed.queueDepth(queueUrl)).toBe(2);
  });

  it('hands each message to the function and deletes it once the function has taken it', async () => {
    // Act
    const run = await inbox('replay', '--queue', queueUrl, '--function', 'inbound-email');

    // Assert
    expect(run.status).toBe(0);
    expect(run.out).toContain('2 replayed and deleted, 0 failed again and left in the queue.');
    expect(await bed.queueDepth(queueUrl)).toBe(0);
  });

  it('says plainly that the local stack has no dead-letter queues', async () => {
    const err: string[] = [];
    const status = await main(['replay', '--queue', 'timers'], { out: () => {}, err: (t) => err.push(t), env: {} });
    expect(status).toBe(2);
    expect(err.join('')).toContain('The local stack has no dead-letter queues');
    expect(err.join('')).toContain('npx inbox quarantine');
  });
});
