import { describe, expect, it } from 'vitest';
import {
  csvField,
  currentMonth,
  formatPercent,
  isEmptyReport,
  isMonth,
  monthLabel,
  onTimeRateShort,
  onTimeRateText,
  reportCsv,
  reportFilename,
  reportTables,
} from '../src/app/report.js';
import type { MonthlyReport } from '../src/app/types.js';

/** The example in packages/api/COMMANDS.md, "Reports". */
function report(overrides: Partial<MonthlyReport> = {}): MonthlyReport {
  return {
    month: '2026-12',
    landlord: { id: 'hightown', name: 'Hightown' },
    generatedAt: '2026-12-01T10:00:00.000Z',
    contacts: { total: 42, byChannel: { email: 20, sms: 8, letter: 3, 'web-form': 6, phone: 4, 'in-person': 1 } },
    cases: { opened: 30, byCategory: { 'service-request': 20, complaint: 4, repair: 6 } },
    phoneMessages: { received: 5, voicemails: 2, answered: 4, answeredOnTime: 3, visits: 1 },
    acknowledgements: { due: 10, onTime: 9, late: 1, outstanding: 0 },
    responses: {
      answeredOnTime: 20,
      answeredLate: 3,
      openOverdue: 2,
      openNotYetDue: 5,
      closedWithoutReply: 1,
      onTimeRate: 0.8,
    },
    complaints: {
      'complaint-stage-1': { received: 3, answeredOnTime: 2, answeredLate: 1, open: 0 },
      'complaint-stage-2': { received: 1, answeredOnTime: 0, answeredLate: 0, open: 1 },
    },
    standards: [
      {
        kind: 'email',
        target: '10 working days',
        due: 20,
        met: 17,
        missed: 2,
        openOverdue: 1,
        openNotYetDue: 0,
        closedWithoutReply: 1,
        medianWorkingDays: 6,
        p90WorkingDays: 10,
      },
    ],
    teams: [{ id: 'customer-services', name: 'Customer Services', due: 25, met: 20, missed: 3, openOverdue: 2 }],
    officers: [{ id: 'o1', name: 'Olu Owner', due: 25, met: 20, missed: 3, openOverdue: 2 }],
    notices: { delayUpdates: 2, extensions: 1 },
    hazardMilestones: { due: 0, met: 0, missed: 0, pending: 0 },
    monthEnd: { at: '2027-01-01T00:00:00.000Z', open: 7, overdue: 2 },
    calls: {
      offered: 100,
      answered: 90,
      abandoned: 10,
      answeredWithinStandard: 80,
      standardSeconds: 15,
      withinStandardRate: 0.8,
    },
    ...overrides,
  };
}

const empty = () =>
  report({
    contacts: { total: 0, byChannel: { email: 0, sms: 0, letter: 0, 'web-form': 0, phone: 0, 'in-person': 0 } },
    cases: { opened: 0, byCategory: { 'service-request': 0, complaint: 0, repair: 0 } },
    phoneMessages: { received: 0, voicemails: 0, answered: 0, answeredOnTime: 0, visits: 0 },
    acknowledgements: { due: 0, onTime: 0, late: 0, outstanding: 0 },
    responses: {
      answeredOnTime: 0,
      answeredLate: 0,
      openOverdue: 0,
      openNotYetDue: 0,
      closedWithoutReply: 0,
      onTimeRate: null,
    },
    complaints: {
      'complaint-stage-1': { received: 0, answeredOnTime: 0, answeredLate: 0, open: 0 },
      'complaint-stage-2': { received: 0, answeredOnTime: 0, answeredLate: 0, open: 0 },
    },
  });

describe('months', () => {
  it.each([
    ['2026-12', true],
    ['2026-01', true],
    ['2026-13', false],
    ['2026-00', false],
    ['2026-1', false],
    ['26-12', false],
    ['', false],
  ])('%s is a month: %s', (value, ok) => {
    expect(isMonth(value)).toBe(ok);
  });

  it('takes this month in UK time, not UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(currentMonth(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07');
    // In winter UK time is UTC.
    expect(currentMonth(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(currentMonth(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01');
  });

  it('reads a month as words', () => {
    expect(monthLabel('2026-12')).toBe('December 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
  });
});

describe('the on-time rate in words', () => {
  it.each([
    [0.8, '80%'],
    [0.874, '87%'],
    [0.875, '88%'],
    [1, '100%'],
    [0, '0%'],
    [0.999, 'more than 99%'],
    [0.001, 'less than 1%'],
  ])('%d reads %s', (rate, text) => {
    expect(formatPercent(rate)).toBe(text);
  });

  it('says the rate and the counts behind it', () => {
    expect(onTimeRateText(report().responses)).toBe(
      '80% of responses that fell due were answered within target (20 of 25).',
    );
    expect(onTimeRateShort(report().responses)).toBe('80%');
  });

  it('says when nothing has fallen due', () => {
    const { responses } = empty();
    expect(onTimeRateText(responses)).toMatch(/^No responses have fallen due yet/);
    expect(onTimeRateShort(responses)).toBe('None due yet');
  });
});

describe('report tables', () => {
  it('lists every channel and category with plain labels and totals', () => {
    const [contacts, cases, phone, , responses, complaints] = reportTables(report());
    expect(contacts?.rows.map((r) => [r.label, r.values[0]])).toEqual([
      ['Email', 20],
      ['Text message (SMS)', 8],
      ['Letter', 3],
      ['Web form', 6],
      ['Phone', 4],
      ['In person', 1],
    ]);
    expect(contacts?.total).toEqual({ label: 'All contacts', values: [42] });
    expect(contacts?.caption).toBe('Contacts received in December 2026, by channel');
    expect(cases?.rows.map((r) => r.label)).toEqual(['Service requests', 'Complaints', 'Repairs']);
    expect(phone?.title).toBe('Phone messages and voicemails');
    expect(phone?.rows.map((r) => r.label)).toContain('Answered within target');
    expect(responses?.rows.map((r) => r.values[0])).toEqual([20, 3, 2, 5]);
    expect(complaints?.columns).toEqual(['Stage 1', 'Stage 2']);
    expect(complaints?.rows.find((r) => r.label === 'Still open')?.values).toEqual([0, 1]);
  });

  it('keeps a channel the console does not know yet, and counts a missing one as 0', () => {
    const r = report();
    // An API deployed before or after this console: the contract's exhaustive record does not hold.
    r.contacts.byChannel = { email: 2, whatsapp: 1 } as unknown as MonthlyReport['contacts']['byChannel'];
    const rows = reportTables(r)[0]?.rows ?? [];
    expect(rows.find((x) => x.label === 'Letter')?.values).toEqual([0]);
    expect(rows.at(-1)).toEqual({ label: 'Whatsapp', values: [1] });
  });

  it('is empty only when nothing arrived', () => {
    expect(isEmptyReport(empty())).toBe(true);
    expect(isEmptyReport(report())).toBe(false);
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+44 7700', "'+44 7700"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('writes %j as %s', (value, csv) => {
    expect(csvField(value)).toBe(csv);
  });

  it('writes numbers as they are', () => {
    expect(csvField(0)).toBe('0');
    expect(csvField(42)).toBe('42');
    expect(csvField(-1)).toBe('-1');
  });

  it('has the same figures as the page, three columns on every line, CRLF', () => {
    const csv = reportCsv(report());
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, 5)).toEqual([
      'Section,Figure,Value',
      'Report,Landlord,Hightown',
      'Report,Month,December 2026',
      'Report,Figures worked out at,"1 Dec 2026, 10:00"',
      'Contacts by channel,Email,20',
    ]);
    expect(lines).toContain('Contacts by channel,Text message (SMS),8');
    expect(lines).toContain('Contacts by channel,All contacts,42');
    expect(lines).toContain('New cases by type,All new cases,30');
    expect(lines).toContain('Phone messages and voicemails,Answered within target,3');
    expect(lines).toContain('Acknowledgements,Acknowledged late,1');
    expect(lines).toContain('Responses,Not answered and overdue,2');
    expect(lines).toContain('Responses,Answered within target (rate),80%');
    expect(lines).toContain('Complaints,Stage 1: Answered late,1');
    expect(lines).toContain('Complaints,Stage 2: Still open,1');
    // Every figure in the tables is in the CSV.
    const figures = reportTables(report()).reduce(
      (n, t) => n + (t.rows.length + (t.total ? 1 : 0)) * t.columns.length,
      0,
    );
    expect(lines.length).toBe(1 + 3 + figures + 1 + 1);
    for (const line of lines.slice(0, -1)) expect(line.replace(/"[^"]*"/g, 'x').split(',')).toHaveLength(3);
  });

  it('neutralises a landlord name a spreadsheet would run', () => {
    const csv = reportCsv(report({ landlord: { id: 'evil', name: '=cmd|"/c calc"!A1' } }));
    expect(csv.split('\r\n')[1]).toBe('Report,Landlord,"\'=cmd|""/c calc""!A1"');
  });

  it('says so when no response fell due', () => {
    expect(reportCsv(empty())).toContain('Responses,Answered within target (rate),None due yet\r\n');
  });

  it('names the file after the landlord and month', () => {
    expect(reportFilename(report())).toBe('monthly-report-hightown-2026-12.csv');
    expect(reportFilename(report({ landlord: { id: '../x', name: 'X' } }))).toBe('monthly-report-x-2026-12.csv');
  });
});
