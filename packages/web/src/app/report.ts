/**
 * The monthly report with no DOM: months, labels, the on-time rate in words,
 * the tables the page shows, and the CSV built from those same tables.
 * Unit-tested in Node (test/report.test.ts).
 */
import { formatInstant } from './format.js';
import { humanise } from './queue.js';
import { CASE_CATEGORIES, CHANNELS, type MonthlyReport } from './types.js';

const LONDON = 'Europe/London';
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** YYYY-MM, as the API takes it. */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** This month in the landlord's time zone (UK), as YYYY-MM. */
export function currentMonth(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, year: 'numeric', month: '2-digit' }).formatToParts(
    now,
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/** "2026-12" reads "December 2026". */
export function monthLabel(month: string): string {
  if (!isMonth(month)) return month;
  return new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A rate (0–1) as a whole percentage that never rounds to a misleading 0% or 100%. */
export function formatPercent(rate: number): string {
  if (rate <= 0) return '0%';
  if (rate >= 1) return '100%';
  const whole = Math.round(rate * 100);
  if (whole === 0) return 'less than 1%';
  if (whole === 100) return 'more than 99%';
  return `${whole}%`;
}

/** Responses that fell due: answered (on time or late) plus still open past their target. */
export function responsesDue(r: MonthlyReport['responses']): number {
  return r.answeredOnTime + r.answeredLate + r.openOverdue;
}

/** The on-time rate in words, so it never depends on colour. */
export function onTimeRateText(r: MonthlyReport['responses']): string {
  const due = responsesDue(r);
  if (r.onTimeRate === null || due === 0) {
    return 'No responses have fallen due yet, so there is no on-time rate for this month.';
  }
  return `${formatPercent(r.onTimeRate)} of responses that fell due were answered within target (${r.answeredOnTime} of ${due}).`;
}

/** The rate alone, for the CSV and the key figures. */
export function onTimeRateShort(r: MonthlyReport['responses']): string {
  return r.onTimeRate === null || responsesDue(r) === 0 ? 'None due yet' : formatPercent(r.onTimeRate);
}

const CHANNEL_LABELS: Record<string, string> = {
  email: 'Email',
  sms: 'Text message (SMS)',
  letter: 'Letter',
  'web-form': 'Web form',
  phone: 'Phone',
  'in-person': 'In person',
};

const CATEGORY_LABELS: Record<string, string> = {
  'service-request': 'Service requests',
  complaint: 'Complaints',
  repair: 'Repairs',
};

export const channelLabel = (channel: string) => CHANNEL_LABELS[channel] ?? humanise(channel);
export const categoryLabel = (category: string) => CATEGORY_LABELS[category] ?? humanise(category);

export interface FigureRow {
  label: string;
  values: number[];
}

/** One table of figures: a row header column, then one column per value. */
export interface ReportTable {
  id: string;
  /** Short name: the section heading and the CSV's "Section". */
  title: string;
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: FigureRow[];
  total?: FigureRow;
}

/** Known keys in their usual order, then anything newer the API sends. */
function keyedRows(counts: Record<string, number>, known: readonly string[], label: (key: string) => string) {
  const keys = [...known, ...Object.keys(counts).filter((k) => !known.includes(k))];
  return keys.map((k) => ({ label: label(k), values: [counts[k] ?? 0] }));
}

/** The report as the tables the page shows; the CSV is built from the same tables. */
export function reportTables(report: MonthlyReport): ReportTable[] {
  const month = monthLabel(report.month);
  const { phoneMessages: phone, acknowledgements: ack, responses, complaints } = report;
  const s1 = complaints['complaint-stage-1'];
  const s2 = complaints['complaint-stage-2'];
  return [
    {
      id: 'contacts',
      title: 'Contacts by channel',
      caption: `Contacts received in ${month}, by channel`,
      rowHeader: 'Channel',
      columns: ['Contacts'],
      rows: keyedRows(report.contacts.byChannel, CHANNELS, channelLabel),
      total: { label: 'All contacts', values: [report.contacts.total] },
    },
    {
      id: 'cases',
      title: 'New cases by type',
      caption: `Cases opened in ${month}, by type`,
      rowHeader: 'Type',
      columns: ['Cases'],
      rows: keyedRows(report.cases.byCategory, CASE_CATEGORIES, categoryLabel),
      total: { label: 'All new cases', values: [report.cases.opened] },
    },
    {
      id: 'phone',
      title: 'Phone messages and voicemails',
      caption: `Phone messages and voicemails received in ${month}, and how many were answered`,
      rowHeader: 'Measure',
      columns: ['Messages'],
      rows: [
        { label: 'Received', values: [phone.received] },
        { label: 'Answered', values: [phone.answered] },
        { label: 'Answered within target', values: [phone.answeredOnTime] },
      ],
    },
    {
      id: 'acknowledgements',
      title: 'Acknowledgements',
      caption: `Acknowledgements for contacts received in ${month}`,
      rowHeader: 'Measure',
      columns: ['Cases'],
      rows: [
        { label: 'Needed an acknowledgement', values: [ack.due] },
        { label: 'Acknowledged within target', values: [ack.onTime] },
        { label: 'Acknowledged late', values: [ack.late] },
        { label: 'Not yet acknowledged', values: [ack.outstanding] },
      ],
    },
    {
      id: 'responses',
      title: 'Responses',
      caption: `Responses to cases opened in ${month}`,
      rowHeader: 'Measure',
      columns: ['Cases'],
      rows: [
        { label: 'Answered within target', values: [responses.answeredOnTime] },
        { label: 'Answered late', values: [responses.answeredLate] },
        { label: 'Not answered and overdue', values: [responses.openOverdue] },
        { label: 'Not answered, not yet due', values: [responses.openNotYetDue] },
      ],
    },
    {
      id: 'complaints',
      title: 'Complaints',
      caption: `Complaints received in ${month}, by stage`,
      rowHeader: 'Measure',
      columns: ['Stage 1', 'Stage 2'],
      rows: [
        { label: 'Received', values: [s1.received, s2.received] },
        { label: 'Answered within target', values: [s1.answeredOnTime, s2.answeredOnTime] },
        { label: 'Answered late', values: [s1.answeredLate, s2.answeredLate] },
        { label: 'Still open', values: [s1.open, s2.open] },
      ],
    },
    ...oversightTables(report, month),
  ];
}

const DAYS = (value: number | null) => (value === null ? Number.NaN : value);

/** Each standard, team and officer; notices; hazards; month end; the switchboard. NaN reads "—" (nothing to count). */
function oversightTables(report: MonthlyReport, month: string): ReportTable[] {
  const group = (rows: MonthlyReport['teams']) =>
    rows.map((g) => ({ label: g.name, values: [g.due, g.met, g.missed, g.openOverdue] }));
  const groupColumns = ['Due', 'Met', 'Missed', 'Open and overdue'];
  const { calls } = report;
  return [
    {
      id: 'standards',
      title: 'Service standards',
      caption: `Each service standard for contacts received in ${month}: due, met, missed, and working days to answer`,
      rowHeader: 'Standard',
      columns: [
        'Due',
        'Met',
        'Missed',
        'Open and overdue',
        'Closed without reply',
        'Median days',
        '90th percentile days',
      ],
      rows: report.standards.map((x) => ({
        label: `${kindLabel(x.kind)} (${x.target})`,
        values: [
          x.due,
          x.met,
          x.missed,
          x.openOverdue,
          x.closedWithoutReply,
          DAYS(x.medianWorkingDays),
          DAYS(x.p90WorkingDays),
        ],
      })),
    },
    {
      id: 'teams',
      title: 'Teams',
      caption: `Answers owed by each team for contacts received in ${month}`,
      rowHeader: 'Team',
      columns: groupColumns,
      rows: group(report.teams),
    },
    {
      id: 'officers',
      title: 'Officers',
      caption: `Answers owed by each officer for contacts received in ${month}`,
      rowHeader: 'Officer',
      columns: groupColumns,
      rows: group(report.officers),
    },
    {
      id: 'notices',
      title: 'Delays, extensions and hazards',
      caption: `Delay updates and extensions sent, and hazard milestones due, in ${month}`,
      rowHeader: 'Measure',
      columns: ['Number'],
      rows: [
        { label: 'Delay updates sent', values: [report.notices.delayUpdates] },
        { label: 'Extensions sent', values: [report.notices.extensions] },
        { label: 'Hazard milestones due', values: [report.hazardMilestones.due] },
        { label: 'Hazard milestones met', values: [report.hazardMilestones.met] },
        { label: 'Hazard milestones missed', values: [report.hazardMilestones.missed] },
        { label: 'Cases open at month end', values: [report.monthEnd.open] },
        { label: 'Open and overdue at month end', values: [report.monthEnd.overdue] },
      ],
    },
    {
      id: 'calls',
      title: 'Calls to the switchboard',
      caption: `Calls offered in ${month}${calls.standardSeconds ? `, and answered within ${calls.standardSeconds} seconds` : ''}`,
      rowHeader: 'Measure',
      columns: ['Calls'],
      rows: [
        { label: 'Offered', values: [calls.offered] },
        { label: 'Answered', values: [calls.answered] },
        { label: 'Abandoned', values: [calls.abandoned] },
        ...(calls.standardSeconds
          ? [{ label: `Answered within ${calls.standardSeconds} seconds`, values: [calls.answeredWithinStandard] }]
          : []),
      ],
    },
  ];
}

const KIND_LABELS: Record<string, string> = {
  'phone-message': 'Phone messages',
  email: 'Emails',
  letter: 'Letters',
  'web-form': 'Web forms',
  sms: 'Texts',
  'complaint-stage-1': 'Complaints, stage 1',
  'complaint-stage-2': 'Complaints, stage 2',
  'repair-emergency': 'Emergency repairs',
  'repair-urgent': 'Urgent repairs',
  'repair-standard': 'Standard repairs',
  'repair-programmed': 'Programmed repairs',
  'hazard-emergency': 'Emergency hazards',
  'hazard-damp-mould': 'Damp and mould',
};

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? humanise(kind);

/** A figure as the page shows it: "—" where there was nothing to count. */
export const figureText = (value: number) => (Number.isFinite(value) ? String(value) : '—');

/** One table as its own CSV (RFC 4180, CRLF): the row header, then its columns. */
export function tableCsv(table: ReportTable): string {
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  const lines = [[table.rowHeader, ...table.columns], ...rows.map((r) => [r.label, ...r.values])];
  return `${lines.map(csvLine).join('\r\n')}\r\n`;
}

/** Share of answers within target per standard (0–100), for the chart; standards with nothing judged left out. */
export function standardShares(report: MonthlyReport): { label: string; percent: number; judged: number }[] {
  return report.standards
    .map((x) => ({ label: kindLabel(x.kind), judged: x.met + x.missed + x.openOverdue, met: x.met }))
    .filter((x) => x.judged > 0)
    .map((x) => ({ label: x.label, judged: x.judged, percent: Math.round((x.met / x.judged) * 100) }));
}

/** The twelve months ending with `month` (YYYY-MM), oldest first. */
export function twelveMonthsTo(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const index = y * 12 + (m - 1) - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** The 12-month trend as a table: on-time rate (whole %, NaN with nothing due) and complaints per stage. */
export function trendTable(reports: MonthlyReport[]): ReportTable {
  return {
    id: 'trend',
    title: 'Twelve months',
    caption: 'The on-time rate and complaints received per stage, month by month',
    rowHeader: 'Month',
    columns: ['Answered within target (%)', 'Complaints stage 1', 'Complaints stage 2'],
    rows: reports.map((r) => ({
      label: monthLabel(r.month),
      values: [
        r.responses.onTimeRate === null ? Number.NaN : Math.round(r.responses.onTimeRate * 100),
        r.complaints['complaint-stage-1'].received,
        r.complaints['complaint-stage-2'].received,
      ],
    })),
  };
}

/** Nothing arrived that month: the page says so instead of showing tables of zeros. */
export function isEmptyReport(report: MonthlyReport): boolean {
  return report.contacts.total === 0 && report.cases.opened === 0;
}

/**
 * One CSV field. Text a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return first) is prefixed with an apostrophe; commas, quotes and
 * line breaks are quoted. Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',');
}

/**
 * The report as CSV (RFC 4180, CRLF): three columns throughout — Section,
 * Figure, Value — so it sorts and filters cleanly in a spreadsheet. Figures
 * come from `reportTables`, the same tables the page shows.
 */
export function reportCsv(report: MonthlyReport): string {
  const lines: (string | number)[][] = [
    ['Section', 'Figure', 'Value'],
    ['Report', 'Landlord', report.landlord.name],
    ['Report', 'Month', monthLabel(report.month)],
    ['Report', 'Figures worked out at', formatInstant(report.generatedAt)],
  ];
  for (const table of reportTables(report)) {
    const rows = table.total ? [...table.rows, table.total] : table.rows;
    for (const row of rows) {
      row.values.forEach((value, i) => {
        const figure = table.columns.length > 1 ? `${table.columns[i]}: ${row.label}` : row.label;
        lines.push([table.title, figure, value]);
      });
    }
    if (table.id === 'responses') {
      lines.push([table.title, 'Answered within target (rate)', onTimeRateShort(report.responses)]);
    }
  }
  return `${lines.map(csvLine).join('\r\n')}\r\n`;
}

export function reportFilename(report: MonthlyReport): string {
  const landlord = report.landlord.id.replace(/[^a-z0-9-]/gi, '') || 'landlord';
  return `monthly-report-${landlord}-${report.month}.csv`;
}
