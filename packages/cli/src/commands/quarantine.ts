import { type Command, type Io, parseOptions, UsageError } from '../cli.js';
import { callAsManager } from '../manager.js';
import { callStack } from '../stack.js';

interface QuarantineItem {
  id: string;
  receivedAt: string;
  channel: string;
  reason: string;
  rawKey: string;
  released?: { by: string; at: string; outcome: string; caseRef?: string };
}

interface QuarantinePage {
  items: QuarantineItem[];
  next: string | null;
}

interface ReleaseAnswer {
  released: boolean;
  alreadyReleased: boolean;
  caseRef: string | null;
  item: QuarantineItem;
}

/** `inbox quarantine release <id>`: as the stack's first manager, through the same route the cloud serves. */
async function release(id: string, note: string | undefined, json: boolean, io: Io): Promise<number> {
  const answer = (await callAsManager(io.env, `/api/quarantine/${encodeURIComponent(id)}/release`, {
    method: 'POST',
    body: note ? { note } : {},
  })) as ReleaseAnswer;
  if (json) io.out(`${JSON.stringify(answer)}\n`);
  else if (!answer.released) io.out(`Still in quarantine: ${answer.item.reason}\n`);
  else {
    const became = answer.caseRef ? `case ${answer.caseRef}` : 'no case';
    io.out(
      `${answer.alreadyReleased ? 'Already released' : 'Released'}: ${answer.item.released?.outcome} (${became})\n`,
    );
  }
  return answer.released ? 0 : 1;
}

export const quarantine: Command = {
  name: 'quarantine',
  summary: 'list what the local stack could not parse or file, with the reason, a page at a time',
  help: `Usage: inbox quarantine [--limit N] [--next CURSOR | --all] [--json]
       inbox quarantine release <id> [--note TEXT] [--json]

Lists the inbound payloads the running local stack could not parse or file,
newest first: when each arrived, on which channel, why it was kept aside, and
where the raw payload is kept (under $INBOX_DATA_DIR/blobs). Nothing refused
is ever dropped.

"release <id>" (as the stack's first manager) puts the kept payload through
ingest again, skipping only what held it: spam is filed and acknowledged as
usual; mail whose DMARC failed opens a case of its own; a payload that could
not be parsed is parsed again and, failing again, stays with the new reason
(exit 1). Releasing again changes nothing. --note says why (on the audit trail). In the cloud, a manager calls
POST /api/quarantine/{id}/release (the id URL-encoded).

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
      note: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals[0] === 'release') {
      if (positionals.length !== 2)
        throw new UsageError('give the id of one quarantined item: inbox quarantine release <id>');
      return release(positionals[1] as string, values.note, values.json === true, io);
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
        `${result.items.map((q) => `${q.receivedAt}  ${q.channel.padEnd(8)}  ${q.reason}\n    id: ${q.id}${releasedNote(q)}\n    raw: blobs/${q.rawKey}`).join('\n')}\n`,
      );
      if (result.next) io.out(`More: inbox quarantine --next ${result.next}\n`);
    }
    return 0;
  },
};

function releasedNote(q: QuarantineItem): string {
  if (!q.released) return '';
  return `  (released ${q.released.at} by ${q.released.by}${q.released.caseRef ? `: ${q.released.caseRef}` : ''})`;
}
