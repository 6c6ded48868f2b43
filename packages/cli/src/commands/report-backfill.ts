/**
 * `inbox report backfill [--from YYYY-MM]`: files every case (received from
 * that month, when given) under each month it counts in or was open at the
 * end of, by the rule every write uses (`POST /api/reports/backfill`, one
 * bounded page of cases per call). For records kept before the month markers
 * were; running it twice gives the same reports.
 */
import { type Io, parseOptions, UsageError } from '../cli.js';
import { callAsManager } from '../manager.js';

export const backfillHelp = `Usage: inbox report backfill [--from YYYY-MM]

Rebuilds the month index the monthly reports and the regulator return read,
from the running local stack's case record (INBOX_DATA_DIR): each case is filed
under every month it counts in (an answer, a stage, a repair done, a closure)
and every month at whose end it was open. Safe to run again.

  --from YYYY-MM    only cases received in this month or later (default: all)
`;

interface Page {
  cases: number;
  markers: number;
  next: string | null;
}

export async function runBackfill(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, { from: { type: 'string' } });
  if (values.help) {
    io.out(backfillHelp);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const from = values.from;
  if (from !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(from))
    throw new UsageError('--from must be a month, YYYY-MM');
  let cases = 0;
  let markers = 0;
  let next: string | null = null;
  do {
    const body: Record<string, string> = { ...(from ? { from } : {}), ...(next ? { next } : {}) };
    const page = (await callAsManager(io.env, '/api/reports/backfill', { method: 'POST', body })) as Page;
    cases += page.cases;
    markers += page.markers;
    next = page.next;
  } while (next);
  io.out(`Rebuilt the month index of ${cases} case(s): ${markers} month marker(s) written.\n`);
  return 0;
}
