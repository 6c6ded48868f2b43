/**
 * `npm start`: runs the embedded local stack in the foreground until Ctrl-C.
 */
import { parseArgs } from 'node:util';

// The SDK here only talks to the embedded DynamoDB; its notice about future Node versions is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { configFromEnv } from './config.js';
import { loadDemo } from './demo.js';
import { jsonLogger } from './log.js';
import { startLocalStack } from './stack.js';

const HELP = `Usage: npm start [-- --demo]

Runs housing-inbox on this machine with no AWS account: DynamoDB (dynalite) on
disk, an SMTP server for inbound email, the HTTP API and resident contact form,
a letters drop folder and a movable clock. Binds 127.0.0.1 only.

Options:
  --demo   add a few sample cases (once; running it again adds nothing)
  --help   show this help

Environment:
  INBOX_DATA_DIR   where data is kept (default ./.data)
  INBOX_HTTP_PORT  HTTP port (default 3000)
  INBOX_SMTP_PORT  SMTP port (default 2525)
  INBOX_POLICY     landlord policy preset or .json file (default hightown)
  INBOX_TIMER_SWEEP_MINUTES  minutes of the stack's clock between timer sweeps (default 15)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const config = configFromEnv();
  const stack = await startLocalStack({
    dataDir: config.dataDir,
    httpPort: config.httpPort,
    smtpPort: config.smtpPort,
    policy: config.policy,
    timerSweepMinutes: config.timerSweepMinutes,
    logger: jsonLogger(),
  });
  let demo = '';
  if (values.demo) {
    const added = await loadDemo(stack.ingest, `${stack.policy.id}.example`);
    demo = `\n  demo cases added: ${added}`;
  }
  const manager = stack.officers.find((o) => o.role === 'manager');
  process.stdout.write(`housing-inbox local stack — ${stack.policy.name} [${stack.policy.id}]

  officer console         ${stack.httpUrl}/console/   (sign in as any seeded officer)
  resident contact form   ${stack.httpUrl}/contact
  API                     ${stack.httpUrl}/api/cases   (OpenAPI: ${stack.httpUrl}/api/openapi.json)
  health                  ${stack.httpUrl}/health
  SMTP (inbound email)    127.0.0.1:${stack.smtpPort}
  text messages           POST ${stack.httpUrl}/local/sms
  letters                 POST ${stack.httpUrl}/local/letters, or drop files into ${stack.dataDir}/letters/inbox/
  outbox                  ${stack.httpUrl}/console/outbox  (JSON: /local/outbox)
  clock                   ${stack.httpUrl}/local/clock (now ${stack.clock.now().toISOString()})
  data                    ${stack.dataDir}${demo}

  A token for the API:    npx inbox token --role manager     (manager: ${manager?.name ?? 'none'})
  Send a contact:         npx inbox send --help

Press Ctrl-C to stop.
`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping… `);
    await stack.stop();
    process.stdout.write('stopped. Your data is kept.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  const message =
    (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE'
      ? `a port is already in use (${(err as Error).message}); set INBOX_HTTP_PORT or INBOX_SMTP_PORT`
      : ((err as Error)?.message ?? String(err));
  process.stderr.write(`housing-inbox: could not start: ${message}\n`);
  process.exit(1);
});
