import { readFileSync } from 'node:fs';
import { CALL_CSV_COLUMNS, callRecordsFromRows } from '@housing-inbox/core';
import { parse } from 'csv-parse/sync';
import { type Command, parseOptions, UsageError } from '../cli.js';
import { callAsManager } from '../manager.js';

/** The file's rows keyed by its header, each with its line number; a file that is not CSV is a usage error. */
export function readCallCsv(text: string): { line: number; values: Record<string, string> }[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, info: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new UsageError(`not a CSV file: ${(err as Error).message}`);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = ['callId', 'startedAt'].filter((c) => records.length && !header.includes(c));
  if (missing.length) throw new UsageError(`the header row must name ${missing.join(' and ')}`);
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

export const calls: Command = {
  name: 'calls',
  summary: "import the phone system's call records (calls offered, answered, abandoned)",
  help: `Usage: inbox calls import <file.csv>

Reads call records exported from the phone system and keeps them in the
running local stack, for the monthly report's calls offered, answered,
abandoned and answered within the answering standard (Hightown: 15 seconds).

The first line names the columns: ${CALL_CSV_COLUMNS.join(', ')}
  callId      the phone system's id for the call (importing it again replaces it)
  startedAt   when the call reached the switchboard, ISO-8601 with a zone (2026-12-01T09:00:05Z)
  answeredAt  when someone picked up; empty when nobody did
  endedAt     when the call ended (optional)
  queue       the line or queue it came in on (optional)
  outcome     answered or abandoned (optional: answered when answeredAt is given)

Every row is checked first: if any is wrong, each bad row is named by its line
number on stderr and nothing is imported (exit 2).
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {});
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [action, file, extra] = positionals;
    if (action !== 'import') throw new UsageError(`unknown calls action "${action ?? ''}" (import)`);
    if (!file) throw new UsageError('calls import needs a CSV file');
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const { calls: records, problems } = callRecordsFromRows(readCallCsv(text));
    if (problems.length) {
      for (const p of problems.slice(0, 50)) io.err(`${file}:${p.line}: ${p.problem}\n`);
      throw new UsageError(`${problems.length} row(s) are wrong: nothing was imported`);
    }
    if (!records.length) throw new UsageError(`${file} has no call records`);
    let imported = 0;
    // The API takes up to 10,000 at a time; every row was checked above, so a later batch cannot be refused for its rows.
    for (let i = 0; i < records.length; i += 10_000) {
      const answer = (await callAsManager(io.env, '/api/calls', {
        method: 'POST',
        body: { calls: records.slice(i, i + 10_000) },
      })) as { imported: number };
      imported += answer.imported;
    }
    io.out(`Imported ${imported} call record(s) from ${file}.\n`);
    return 0;
  },
};
