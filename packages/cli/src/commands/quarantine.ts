import { type Command, parseOptions, UsageError } from '../cli.js';
import { callStack } from '../stack.js';

interface QuarantinePage {
  items: { receivedAt: string; channel: string; reason: string; rawKey: string }[];
  next: string | null;
}

export const quarantine: Command = {
  name: 'quarantine',
  summary: 'list what the local stack could not parse or file, with the reason, a page at a time',
  help: `Usage: inbox quarantine [--limit N] [--next CURSOR | --all] [--json]

Lists the inbound payloads the running local stack could not parse or file,
newest first: when each arrived, on which channel, why it was kept aside, and
where the raw payload is kept (under $INBOX_DATA_DIR/blobs). Nothing refused
is ever dropped.

  --limit N      how many on a page (1 to 200, default 100)
  --next CURSOR  the page after the one that printed this cursor
  --all          every page, one after another
  --json         the page as JSON: {"items":[…],"next":"<cursor>"|null}
                 (with --all, every item and "next": null)
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      json: { type: 'boolean' },
      all: { type: 'boolean' },
      limit: { type: 'string' },
      next: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new UsageError('--limit must be a whole number from 1 to 200');
    }
    if (values.all && values.next) throw new UsageError('--all and --next cannot be used together');

    const page = async (cursor: string | undefined) => {
      const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { next: cursor } : {}) });
      return (await callStack(io.env, `/local/quarantine?${query}`)) as QuarantinePage;
    };
    let result = await page(values.next);
    if (values.all) {
      const items = [...result.items];
      while (result.next) {
        result = await page(result.next);
        items.push(...result.items);
      }
      result = { items, next: null };
    }

    if (values.json) {
      io.out(`${JSON.stringify(result)}\n`);
    } else if (result.items.length === 0) {
      io.out(values.next ? 'No more in quarantine.\n' : 'Nothing in quarantine.\n');
    } else {
      io.out(
        `${result.items.map((q) => `${q.receivedAt}  ${q.channel.padEnd(8)}  ${q.reason}\n    raw: blobs/${q.rawKey}`).join('\n')}\n`,
      );
      if (result.next) io.out(`More: inbox quarantine --next ${result.next}\n`);
    }
    return 0;
  },
};
