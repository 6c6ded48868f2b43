import { describe, expect, it } from 'vitest';
import { type CalendarSettings, calendarFor } from '../src/calendar.js';
import { FIRST_YEAR, LAST_YEAR, libraryBankHolidays, NATIONS } from './support/bank-holidays-source.js';

const officeHours = { opens: '09:00', closes: '17:00' };
const settings: Record<(typeof NATIONS)[number], CalendarSettings> = {
  ENG: { bankHolidays: 'GB-ENG', closureDays: [], timeZone: 'Europe/London', officeHours },
  SCT: { bankHolidays: 'GB-SCT', closureDays: [], timeZone: 'Europe/London', officeHours },
};

describe('the bank-holiday table (src/bank-holidays-table.ts)', () => {
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
