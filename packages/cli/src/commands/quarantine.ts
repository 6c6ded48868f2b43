import { type Command, parseOptions, UsageError } from '../cli.js';
import { callStack } from '../stack.js';

export const quarantine: Command = {
  name: 'quarantine',
  summary: 'list what the local stack could not parse, with the reason',
  help: `Usage: inbox quarantine [--json]

Lists every inbound payload the running local stack could not parse: when it
arrived, on which channel, why it was refused, and where the raw payload is
kept (under $INBOX_DATA_DIR/blobs). Nothing refused is ever dropped.
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { items } = (await callStack(io.env, '/local/quarantine')) as {
      items: { receivedAt: string; channel: string; reason: string; rawKey: string }[];
    };
    if (values.json) {
      io.out(`${JSON.stringify(items)}\n`);
    } else if (items.length === 0) {
      io.out('Nothing in quarantine.\n');
    } else {
      io.out(
        `${items.map((q) => `${q.receivedAt}  ${q.channel.padEnd(8)}  ${q.reason}\n    raw: blobs/${q.rawKey}`).join('\n')}\n`,
      );
    }
    return 0;
  },
};
