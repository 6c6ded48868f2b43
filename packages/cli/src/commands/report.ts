import type { RegulatorReturn } from '@housing-inbox/core';
import { type Command, parseOptions, UsageError } from '../cli.js';
import { callAsManager } from '../manager.js';
import { backfillHelp, runBackfill } from './report-backfill.js';

const FORMATS = ['json', 'csv', 'table'] as const;

/** The return as rows of (measure, figure, value): the CSV and the table print the same rows. */
export function returnRows(r: RegulatorReturn): [string, string, string][] {
  const v = (x: number | null) => (x === null ? '' : String(x));
  const head: [string, string, string][] = [
    ['return', 'year', r.year],
    ['return', 'framework', r.framework],
    ['return', 'homes', String(r.homes)],
  ];
  if (r.framework === 'tsm') {
    return [
      ...head,
      ...(['stage1', 'stage2'] as const).flatMap((s): [string, string, string][] => [
        ['CH01', `${s} received`, v(r.CH01[s].received)],
        ['CH01', `${s} per 1,000 homes`, v(r.CH01[s].perThousandHomes)],
      ]),
      ...(['stage1', 'stage2'] as const).flatMap((s): [string, string, string][] => [
        ['CH02', `${s} responded`, v(r.CH02[s].responded)],
        ['CH02', `${s} within timescale`, v(r.CH02[s].withinTimescale)],
        ['CH02', `${s} proportion`, v(r.CH02[s].proportion)],
      ]),
      ...(['emergency', 'nonEmergency'] as const).flatMap((s): [string, string, string][] => [
        ['RP02', `${s} completed`, v(r.RP02[s].completed)],
        ['RP02', `${s} within target`, v(r.RP02[s].withinTarget)],
        ['RP02', `${s} proportion`, v(r.RP02[s].proportion)],
      ]),
    ];
  }
  return [
    ...head,
    ...(['stage1', 'stage2'] as const).flatMap((s): [string, string, string][] => [
      ['complaints', `${s} received`, v(r.complaints[s].received)],
      ['complaints', `${s} responded`, v(r.complaints[s].responded)],
      ['complaints', `${s} average working days`, v(r.complaints[s].averageWorkingDays)],
    ]),
    ['repairs', 'emergency completed', v(r.repairs.emergency.completed)],
    ['repairs', 'emergency average hours', v(r.repairs.emergency.averageHours)],
    ['repairs', 'nonEmergency completed', v(r.repairs.nonEmergency.completed)],
    ['repairs', 'nonEmergency average working days', v(r.repairs.nonEmergency.averageWorkingDays)],
  ];
}

export const report: Command = {
  name: 'report',
  summary: "the landlord's annual regulator return from the local stack's data; the month index rebuilt",
  help: `Usage: inbox report regulator --year YYYY [--format json|csv|table]
       inbox report backfill [--from YYYY-MM]

Prints the regulator return for the financial year 1 April YYYY to 31 March
YYYY+1, computed from the running local stack's case record (INBOX_DATA_DIR):
England (Hightown) the Tenant Satisfaction Measures CH01, CH02 and RP02;
Scotland (Blairtummock) the Charter return's complaint and repair figures.

  --year YYYY       the year the financial year starts in (2026 for 2026-27)
  --format json     exactly the JSON of GET /api/reports/regulator?year=YYYY
  --format csv      measure,figure,value lines with a header
  --format table    the same figures for reading (default)

${backfillHelp}`,
  async run(args, io) {
    if (args[0] === 'backfill') return runBackfill(args.slice(1), io);
    const { values, positionals } = parseOptions(args, { year: { type: 'string' }, format: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [which, extra] = positionals;
    if (which !== 'regulator') throw new UsageError(`unknown report "${which ?? ''}" (reports: regulator, backfill)`);
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    const year = values.year;
    if (!year || !/^\d{4}$/.test(year))
      throw new UsageError('--year must be the year the financial year starts in, as YYYY');
    const format = values.format ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    }
    const answer = (await callAsManager(io.env, `/api/reports/regulator?year=${year}`)) as RegulatorReturn;
    if (format === 'json') {
      io.out(`${JSON.stringify(answer)}\n`);
      return 0;
    }
    const rows = returnRows(answer);
    if (format === 'csv') {
      // No field holds a comma, a quote or a leading formula character: every value is a number or a fixed word.
      io.out(`measure,figure,value\n${rows.map((r) => r.join(',')).join('\n')}\n`);
      return 0;
    }
    const width = Math.max(...rows.map(([m, f]) => `${m} ${f}`.length));
    io.out(`${rows.map(([m, f, value]) => `${`${m} ${f}`.padEnd(width)}  ${value || '—'}`).join('\n')}\n`);
    return 0;
  },
};
