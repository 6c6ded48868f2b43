import { type Command, type Io, processIo, UsageError } from './cli.js';
import { calls } from './commands/calls.js';
import { clock } from './commands/clock.js';
import { deadlines } from './commands/deadlines.js';
import { policies } from './commands/policies.js';
import { exportContact, retention } from './commands/privacy.js';
import { quarantine } from './commands/quarantine.js';
import { reindex } from './commands/reindex.js';
import { replay } from './commands/replay.js';
import { report } from './commands/report.js';
import { send } from './commands/send.js';
import { token } from './commands/token.js';

export const commands: Command[] = [
  deadlines,
  policies,
  token,
  send,
  clock,
  quarantine,
  report,
  calls,
  exportContact,
  retention,
  replay,
  reindex,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: inbox <command> [options]

housing-inbox: the multi-channel inbox and case router for social landlords.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "inbox <command> --help" for a command's options.
`;
}

/** Runs one CLI invocation and returns its exit status (0 ok, 1 failure, 2 bad input). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
      io.out(target ? target.help : usage());
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command)
      throw new UsageError(`unknown command "${name}" (commands: ${commands.map((c) => c.name).join(', ')})`);
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`inbox: ${err.message}\n`);
      return 2;
    }
    // Something we did not expect: still one line, no stack trace, and a distinct status.
    io.err(`inbox: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}
