import { describe, expect, it } from 'vitest';
import { type CalendarSettings, calendarFor } from '../src/calendar.js';
import { BANK_HOLIDAY_NAMES, BANK_HOLIDAY_YEARS } from './fixtures/previous-bank-holidays-table.js';
import { FIRST_YEAR, LAST_YEAR, libraryBankHolidays, NATIONS } from './support/bank-holidays-source.js';

const officeHours = { opens: '09:00', closes: '17:00' };
const settings: Record<(typeof NATIONS)[number], CalendarSettings> = {
  ENG: { bankHolidays: 'GB-ENG', closureDays: [], timeZone: 'Europe/London', officeHours },
  SCT: { bankHolidays: 'GB-SCT', closureDays: [], timeZone: 'Europe/London', officeHours },
};

/** What the calendar answered for a date with the full table (every holiday, every year) it used before. */
function previousAnswer(nation: (typeof NATIONS)[number], date: string): string | null {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (day === 0 || day === 6) return 'weekend';
  const entry = BANK_HOLIDAY_YEARS[nation].split(';')[Number(date.slice(0, 4)) - FIRST_YEAR] as string;
  for (let i = 0; i < entry.length; i += 5) {
    if (entry.slice(i, i + 4) !== date.slice(5, 7) + date.slice(8, 10)) continue;
    const code = entry.charCodeAt(i + 4);
    return `bank holiday: ${BANK_HOLIDAY_NAMES[code >= 97 ? code - 97 : code - 65 + 26]}`;
  }
  return null;
}

describe('the bank holidays (src/bank-holidays.ts rules, src/bank-holidays-table.ts exceptions)', () => {
  it.each(NATIONS)('answers every date of every year for GB-%s exactly as the full table did', (nation) => {
    // The full table (~20 KB in every bundle) this replaced: test/fixtures/previous-bank-holidays-table.ts.
    const calendar = calendarFor(settings[nation]);
    const differences: string[] = [];
    let dates = 0;
    for (
      let d = new Date(Date.UTC(FIRST_YEAR, 0, 1));
      d.getUTCFullYear() <= LAST_YEAR;
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      const date = d.toISOString().slice(0, 10);
      const was = previousAnswer(nation, date);
      const now = calendar.closedBecause(date);
      if (now !== was) differences.push(`${date}: ${now} ≠ ${was}`);
      dates++;
    }
    expect(dates).toBe(73_414);
    expect(differences).toEqual([]);
  });

  it.each(NATIONS)(
    'closes exactly the days date-holidays gives for GB-%s, named as it names them, every year',
    (nation) => {
      const calendar = calendarFor(settings[nation]);
      const differences: string[] = [];
      for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
        const expected = libraryBankHolidays(nation, year);
        for (const [date, name] of expected) {
          const why = calendar.closedBecause(date);
          // A holiday on a weekend is closed as a weekend; its substitute is the table's.
          if (why !== `bank holiday: ${name}` && why !== 'weekend') differences.push(`${date}: ${why} ≠ ${name}`);
        }
        // Nothing the library does not list is a bank holiday.
        for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
          const date = d.toISOString().slice(0, 10);
          const why = calendar.closedBecause(date);
          if (why?.startsWith('bank holiday') && !expected.has(date))
            differences.push(`${date}: ${why} not in date-holidays`);
        }
      }
      // After upgrading date-holidays: npm run bank-holidays -w @housing-inbox/core
      expect(differences).toEqual([]);
    },
  );

  // 3 May 2151 is a Monday: a weekday, so the holidays are looked up.
  it('says which years it knows rather than treating an unknown year as having none', () => {
    expect(() => calendarFor(settings.ENG).closedBecause(`${LAST_YEAR + 1}-05-03`)).toThrow(
      `bank holidays are known for ${FIRST_YEAR}–${LAST_YEAR}, not ${LAST_YEAR + 1}`,
    );
  });
});
