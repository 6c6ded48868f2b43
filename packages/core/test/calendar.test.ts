import { describe, expect, it } from 'vitest';
import { type CalendarSettings, calendarFor, WorkingCalendar } from '../src/calendar.js';
import { addDays, dayOfWeek, type LocalDate } from '../src/dates.js';
import { titled } from './support/titled.js';

const officeHours = { opens: '09:00', closes: '17:00' };
const england: CalendarSettings = { bankHolidays: 'GB-ENG', closureDays: [], timeZone: 'Europe/London', officeHours };
const scotland: CalendarSettings = { bankHolidays: 'GB-SCT', closureDays: [], timeZone: 'Europe/London', officeHours };

/**
 * The weekday bank holidays (the days offices actually close), worked out from
 * the statutory rules and the gov.uk lists, not from date-holidays.
 */
const ENGLAND_AND_WALES: Record<LocalDate, string> = {
  '2026-01-01': "New Year's Day",
  '2026-04-03': 'Good Friday',
  '2026-04-06': 'Easter Monday',
  '2026-05-04': 'Early May bank holiday',
  '2026-05-25': 'Spring bank holiday',
  '2026-08-31': 'Summer bank holiday (last Monday of August)',
  '2026-12-25': 'Christmas Day',
  '2026-12-28': 'Boxing Day substitute (26th is a Saturday)',
  '2027-01-01': "New Year's Day",
  '2027-03-26': 'Good Friday',
  '2027-03-29': 'Easter Monday',
  '2027-05-03': 'Early May bank holiday',
  '2027-05-31': 'Spring bank holiday',
  '2027-08-30': 'Summer bank holiday (last Monday of August)',
  '2027-12-27': 'Christmas Day substitute (25th is a Saturday)',
  '2027-12-28': 'Boxing Day substitute (26th is a Sunday)',
  '2028-01-03': "New Year's Day substitute (1st is a Saturday)",
  '2028-04-14': 'Good Friday',
  '2028-04-17': 'Easter Monday',
  '2028-05-01': 'Early May bank holiday',
  '2028-05-29': 'Spring bank holiday',
  '2028-08-28': 'Summer bank holiday (last Monday of August)',
  '2028-12-25': 'Christmas Day',
  '2028-12-26': 'Boxing Day',
};

const SCOTLAND: Record<LocalDate, string> = {
  '2026-01-01': "New Year's Day",
  '2026-01-02': '2 January',
  '2026-04-03': 'Good Friday',
  '2026-05-04': 'Early May bank holiday',
  '2026-05-25': 'Spring bank holiday',
  '2026-08-03': 'Summer bank holiday (first Monday of August)',
  '2026-11-30': "St Andrew's Day",
  '2026-12-25': 'Christmas Day',
  '2026-12-28': 'Boxing Day substitute (26th is a Saturday)',
  '2027-01-01': "New Year's Day",
  '2027-01-04': '2 January substitute (2nd is a Saturday)',
  '2027-03-26': 'Good Friday',
  '2027-05-03': 'Early May bank holiday',
  '2027-05-31': 'Spring bank holiday',
  '2027-08-02': 'Summer bank holiday (first Monday of August)',
  '2027-11-30': "St Andrew's Day",
  '2027-12-27': 'Christmas Day substitute (25th is a Saturday)',
  '2027-12-28': 'Boxing Day substitute (26th is a Sunday)',
  '2028-01-03': 'New Year substitute (1st is a Saturday)',
  '2028-01-04': 'New Year substitute (2nd is a Sunday)',
  '2028-04-14': 'Good Friday',
  '2028-05-01': 'Early May bank holiday',
  '2028-05-29': 'Spring bank holiday',
  '2028-08-07': 'Summer bank holiday (first Monday of August)',
  '2028-11-30': "St Andrew's Day",
  '2028-12-25': 'Christmas Day',
  '2028-12-26': 'Boxing Day',
};

function everyDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

const isWeekend = (d: LocalDate) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

describe('WorkingCalendar: bank holidays 2026–2028', () => {
  it.each(
    titled(
      [
        { nation: 'England and Wales', settings: england, expected: ENGLAND_AND_WALES },
        { nation: 'Scotland', settings: scotland, expected: SCOTLAND },
      ],
      '$nation: every weekday is a working day except exactly the known bank holidays',
    ),
  )('%s', (_title, { settings, expected }) => {
    // Prepare
    const calendar = new WorkingCalendar(settings);

    // Act
    const closedWeekdays = everyDay('2026-01-01', '2028-12-31').filter(
      (d) => !isWeekend(d) && !calendar.isWorkingDay(d),
    );

    // Assess
    expect(closedWeekdays).toEqual(Object.keys(expected).sort());
  });

  it.each(
    titled(
      [
        { nation: 'England and Wales', settings: england },
        { nation: 'Scotland', settings: scotland },
      ],
      '$nation: no Saturday or Sunday is ever a working day',
    ),
  )('%s', (_title, { settings }) => {
    // Prepare
    const calendar = new WorkingCalendar(settings);

    // Act
    const workingWeekends = everyDay('2026-01-01', '2028-12-31').filter(
      (d) => isWeekend(d) && calendar.isWorkingDay(d),
    );

    // Assess
    expect(workingWeekends).toEqual([]);
  });

  it.each(Object.entries(ENGLAND_AND_WALES).map(([date, name]) => [`${date} (${name})`, date]))(
    'England and Wales: %s is a bank holiday',
    (_title, date) => {
      // Act
      const why = calendarFor(england).closedBecause(date);

      // Assess
      expect(why).toMatch(/^bank holiday: /);
    },
  );

  it.each(Object.entries(SCOTLAND).map(([date, name]) => [`${date} (${name})`, date]))(
    'Scotland: %s is a bank holiday',
    (_title, date) => {
      // Act
      const why = calendarFor(scotland).closedBecause(date);

      // Assess
      expect(why).toMatch(/^bank holiday: /);
    },
  );

  it.each(
    titled(
      [
        { date: '2026-04-06', what: 'Easter Monday 2026' },
        { date: '2027-03-29', what: 'Easter Monday 2027' },
        { date: '2028-04-17', what: 'Easter Monday 2028' },
        { date: '2026-08-31', what: 'last Monday of August 2026 (the English summer holiday)' },
        { date: '2027-08-30', what: 'last Monday of August 2027' },
        { date: '2028-08-28', what: 'last Monday of August 2028' },
      ],
      'Scotland works on $date, $what',
    ),
  )('%s', (_title, { date }) => {
    expect(calendarFor(scotland).isWorkingDay(date)).toBe(true);
  });

  it.each(
    titled(
      [
        { date: '2026-01-02', what: '2 January 2026' },
        { date: '2027-01-04', what: 'the Scottish 2 January substitute 2027' },
        { date: '2028-01-04', what: 'the Scottish second New Year substitute 2028' },
        { date: '2026-11-30', what: "St Andrew's Day 2026" },
        { date: '2027-11-30', what: "St Andrew's Day 2027" },
        { date: '2028-11-30', what: "St Andrew's Day 2028" },
        { date: '2026-08-03', what: 'first Monday of August 2026 (the Scottish summer holiday)' },
        { date: '2027-08-02', what: 'first Monday of August 2027' },
        { date: '2028-08-07', what: 'first Monday of August 2028' },
      ],
      'England and Wales work on $date, $what',
    ),
  )('%s', (_title, { date }) => {
    expect(calendarFor(england).isWorkingDay(date)).toBe(true);
  });

  it.each(
    titled(
      [
        { year: 2025, substitute: '2025-12-01', weekday: 'Sunday' },
        { year: 2030, substitute: '2030-12-02', weekday: 'Saturday' },
      ],
      "Scotland: St Andrew's Day $year falls on a $weekday, so $substitute is the holiday",
    ),
  )('%s', (_title, { substitute }) => {
    // Prepare
    const calendar = calendarFor(scotland);

    // Act
    const why = calendar.closedBecause(substitute);

    // Assess
    expect(why).toMatch(/^bank holiday: /);
    expect(calendarFor(england).isWorkingDay(substitute)).toBe(true);
  });
});

describe('WorkingCalendar: closure days from the policy', () => {
  const withClosures: CalendarSettings = {
    ...england,
    closureDays: [
      { date: '2026-12-29', reason: 'Christmas closure' },
      { date: '2026-12-30', reason: 'Christmas closure' },
      { date: '2026-12-31', reason: 'Christmas closure' },
    ],
  };

  it.each(['2026-12-29', '2026-12-30', '2026-12-31'])('%s is closed, and says why', (date) => {
    // Act
    const why = new WorkingCalendar(withClosures).closedBecause(date);

    // Assess
    expect(why).toBe('closure: Christmas closure');
    expect(new WorkingCalendar(england).isWorkingDay(date)).toBe(true);
  });

  it('counting working days skips the closure days as well as the bank holidays', () => {
    // Prepare
    const calendar = new WorkingCalendar(withClosures);

    // Act
    const next = calendar.nextWorkingDay('2026-12-24');
    const tenth = calendar.addWorkingDays('2026-12-23', 10);

    // Assess: 24 Dec, then 4–8 Jan, then 11–14 Jan
    expect(next).toBe('2027-01-04');
    expect(tenth).toBe('2027-01-14');
    expect(calendar.workingDaysBetween('2026-12-23', '2027-01-14')).toBe(10);
  });

  it('a receipt on a closure day starts the clock on the next working day', () => {
    // Act
    const start = new WorkingCalendar(withClosures).clockStart(new Date('2026-12-30T10:00:00Z'));

    // Assess
    expect(start).toBe('2027-01-04');
  });
});

describe('WorkingCalendar: counting', () => {
  const calendar = calendarFor(england);

  it.each(
    titled(
      [
        { label: 'N = 0 is the day itself', from: '2026-06-08', n: 0, expected: '2026-06-08' },
        { label: 'from a non-working day, N = 0 is still that day', from: '2026-06-06', n: 0, expected: '2026-06-06' },
        { label: 'Friday + 1 is Monday', from: '2026-06-12', n: 1, expected: '2026-06-15' },
        { label: 'Saturday + 1 is Monday', from: '2026-06-13', n: 1, expected: '2026-06-15' },
        { label: 'over Easter (Good Friday and Easter Monday)', from: '2026-04-02', n: 1, expected: '2026-04-07' },
        { label: 'five working days is a calendar week', from: '2026-06-08', n: 5, expected: '2026-06-15' },
      ],
      'addWorkingDays: $label',
    ),
  )('%s', (_title, { from, n, expected }) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
  });

  it.each(
    titled(
      [
        { label: 'Monday − 1 is Friday', from: '2026-06-15', n: 1, expected: '2026-06-12' },
        { label: 'Tuesday after Easter − 1 is Thursday before', from: '2026-04-07', n: 1, expected: '2026-04-02' },
      ],
      'subtractWorkingDays: $label',
    ),
  )('%s', (_title, { from, n, expected }) => {
    expect(calendar.subtractWorkingDays(from, n)).toBe(expected);
  });

  it.each(
    titled(
      [
        { label: 'same day', from: '2026-06-08', to: '2026-06-08', expected: 0 },
        { label: 'a week', from: '2026-06-08', to: '2026-06-15', expected: 5 },
        { label: 'backwards is negative', from: '2026-06-15', to: '2026-06-08', expected: -5 },
        { label: 'over Christmas 2026', from: '2026-12-23', to: '2027-01-11', expected: 10 },
      ],
      'workingDaysBetween: $label',
    ),
  )('%s', (_title, { from, to, expected }) => {
    expect(calendar.workingDaysBetween(from, to)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s working days', (n) => {
    expect(() => calendar.addWorkingDays('2026-06-08', n)).toThrow(RangeError);
  });

  it('a policy that closes every weekday fails instead of looping for ever', () => {
    // Prepare
    const closures = everyDay('2026-01-01', '2028-12-31').map((date) => ({ date, reason: 'closed' }));
    const closed = new WorkingCalendar({ ...england, closureDays: closures });

    // Act / Assess
    expect(() => closed.nextWorkingDay('2026-01-01')).toThrow(/no working day/);
  });

  it('a year of working days counted at once lands where walking day by day does, asked again or backwards', () => {
    // Prepare: a fresh calendar with a closure day, and the working days of 2026–2027 walked by hand
    const calendar = new WorkingCalendar({ ...england, closureDays: [{ date: '2026-12-29', reason: 'stocktake' }] });
    const walked = everyDay('2026-01-01', '2027-12-31').filter((d) => calendar.closedBecause(d) === null);

    // Act / Assess: an overdue case's delay updates step 5 working days at a time from its target
    for (let n = 0; n < 400; n += 5) {
      expect(calendar.addWorkingDays('2026-01-02', n)).toBe(walked[n]);
      expect(calendar.addWorkingDays('2026-01-02', n)).toBe(walked[n]);
      expect(calendar.subtractWorkingDays(walked[n] as LocalDate, n)).toBe('2026-01-02');
    }
    expect(calendar.nextWorkingDay('2026-12-24')).toBe('2026-12-30');
    expect(() => calendar.nextWorkingDay('2026-02-30')).toThrow(RangeError);
  });

  it('calendarFor gives one calendar per policy object', () => {
    expect(calendarFor(england)).toBe(calendarFor(england));
    expect(calendarFor(england)).not.toBe(calendarFor(scotland));
  });
});
