/**
 * `inbox replay --queue <name|url> --function <name> [--dry-run] [--max N]`:
 * hands the messages of a dead-letter queue back to the function that failed
 * on them, once the cause is fixed. Each message (the event Lambda could not
 * process, as Lambda's asynchronous dead-letter queue keeps it) is invoked
 * synchronously, so its outcome is known: deleted from the queue when the
 * function succeeds, left there (visible again at once) when it fails again.
 * Ingest drops what it already has, so a message replayed twice files once.
 * `--dry-run` lists ids, sizes and Lambda's error code only: the bodies hold
 * residents' messages. Uses the AWS SDK's own credentials and region
 * (`AWS_REGION`; `AWS_ENDPOINT_URL` for a test endpoint).
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { type Command, type Io, parseOptions, requireOption, UsageError } from '../cli.js';

export interface ReplayOptions {
  queue: string;
  functionName: string;
  dryRun: boolean;
  /** At most this many messages (default 100). */
  max: number;
}

export interface ReplayClients {
  sqs: SQSClient;
  lambda: LambdaClient;
}

export interface ReplayOutcome {
  messageId: string;
  outcome: 'listed' | 'replayed' | 'failed-again';
  detail?: string;
}

/** Replays (or lists) up to `max` messages of the queue; see the module comment. */
export async function replayQueue(options: ReplayOptions, clients: ReplayClients): Promise<ReplayOutcome[]> {
  // Loaded here, not at start: every other inbox command starts without the AWS SDK.
  const { InvokeCommand } = await import('@aws-sdk/client-lambda');
  const { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand } =
    await import('@aws-sdk/client-sqs');
  const queueUrl = /^https?:\/\//.test(options.queue)
    ? options.queue
    : ((await clients.sqs.send(new GetQueueUrlCommand({ QueueName: options.queue }))).QueueUrl as string);
  const outcomes: ReplayOutcome[] = [];
  const seen = new Set<string>();
  const held: Message[] = [];
  try {
    while (outcomes.length < options.max) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, options.max - outcomes.length),
          // Long enough to invoke the function; a dry run hands them back at the end.
          VisibilityTimeout: 300,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          MessageAttributeNames: ['All'],
        }),
      );
      const fresh = Messages.filter((m) => m.MessageId && !seen.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        seen.add(message.MessageId as string);
        const messageId = message.MessageId as string;
        if (options.dryRun) {
          held.push(message);
          const code = message.MessageAttributes?.ErrorCode?.StringValue;
          outcomes.push({
            messageId,
            outcome: 'listed',
            detail: `${Buffer.byteLength(message.Body ?? '')} bytes${code ? `, Lambda error ${code}` : ''}`,
          });
          continue;
        }
        const answer = await clients.lambda
          .send(
            new InvokeCommand({
              FunctionName: options.functionName,
              InvocationType: 'RequestResponse',
              Payload: new TextEncoder().encode(message.Body ?? ''),
            }),
          )
          .catch((err: Error) => ({ FunctionError: err.name }));
        if (answer.FunctionError) {
          held.push(message);
          outcomes.push({ messageId, outcome: 'failed-again', detail: answer.FunctionError });
        } else {
          await clients.sqs.send(
            new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle as string }),
          );
          outcomes.push({ messageId, outcome: 'replayed' });
        }
      }
    }
  } finally {
    // What was only looked at, or failed again, is visible in the queue again at once.
    for (const message of held) {
      await clients.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle as string,
          VisibilityTimeout: 0,
        }),
      );
    }
  }
  return outcomes;
}

const LOCAL = `The local stack has no dead-letter queues: what it cannot parse or file is kept in the
quarantine with its reason (npx inbox quarantine), and a timer that failed is planned again on
the stack's next start or the case's next change. replay is for a cloud deployment: set
AWS_REGION (and credentials) and name a queue from the data stack's …DeadLetterQueueUrl outputs.
`;

export const replay: Command = {
  name: 'replay',
  summary: 'hand a cloud dead-letter queue’s messages back to their function (or list them with --dry-run)',
  help: `Usage: inbox replay --queue NAME|URL --function NAME [--dry-run] [--max N]

Replays the messages of one of the deployment's dead-letter queues (the data
stack's …DeadLetterQueueUrl outputs) into the function that failed on them,
after the cause is fixed. Each message is invoked synchronously: deleted when
the function succeeds, left in the queue when it fails again. Ingest files a
message once however often it is replayed.

  --queue NAME|URL   the dead-letter queue
  --function NAME    the function whose dead letters they are (infra/README.md, "Dead letters")
  --dry-run          list message ids, sizes and Lambda's error code; change nothing
  --max N            at most N messages (1 to 1000, default 100)

Uses the AWS SDK's credentials and AWS_REGION. Locally there are no
dead-letter queues: see "inbox quarantine".
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      queue: { type: 'string' },
      function: { type: 'string' },
      'dry-run': { type: 'boolean' },
      max: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const queue = requireOption(values, 'queue');
    const region = io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    if (!region) {
      io.err(LOCAL);
      return 2;
    }
    const functionName = requireOption(values, 'function');
    const max = values.max === undefined ? 100 : Number(values.max);
    if (!Number.isInteger(max) || max < 1 || max > 1000)
      throw new UsageError('--max must be a whole number from 1 to 1000');
    const config = { region, ...(io.env.AWS_ENDPOINT_URL ? { endpoint: io.env.AWS_ENDPOINT_URL } : {}) };
    const { SQSClient } = await import('@aws-sdk/client-sqs');
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    const clients = { sqs: new SQSClient(config), lambda: new LambdaClient({ ...config, maxAttempts: 1 }) };
    try {
      const dryRun = values['dry-run'] === true;
      const outcomes = await replayQueue({ queue, functionName, dryRun, max }, clients);
      report(io, outcomes, dryRun);
      return outcomes.some((o) => o.outcome === 'failed-again') ? 1 : 0;
    } finally {
      clients.sqs.destroy();
      clients.lambda.destroy();
    }
  },
};

function report(io: Io, outcomes: ReplayOutcome[], dryRun: boolean): void {
  for (const o of outcomes) io.out(`${o.outcome.padEnd(12)}  ${o.messageId}${o.detail ? `  ${o.detail}` : ''}\n`);
  const count = (what: ReplayOutcome['outcome']) => outcomes.filter((o) => o.outcome === what).length;
  io.out(
    dryRun
      ? `${count('listed')} message(s) in the queue; nothing changed (dry run).\n`
      : `${count('replayed')} replayed and deleted, ${count('failed-again')} failed again and left in the queue.\n`,
  );
}
