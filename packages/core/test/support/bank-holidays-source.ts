/**
 * The source of the generated bank-holiday table (bin/bank-holidays.ts) and of
 * its check (test/bank-holidays.test.ts): date-holidays' GB holidays of types
 * public and bank, per nation and year.
 */
import Holidays from 'date-holidays';

export const FIRST_YEAR = 1950;
export const LAST_YEAR = 2150;
export const NATIONS = ['ENG', 'SCT'] as const;
const BANK_HOLIDAY_TYPES = new Set(['public', 'bank']);

/** `YYYY-MM-DD` → name, as date-holidays gives them for one nation and year. */
export function libraryBankHolidays(nation: (typeof NATIONS)[number], year: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of holidaysOf(nation).getHolidays(year)) {
    if (BANK_HOLIDAY_TYPES.has(h.type)) out.set(h.date.slice(0, 10), h.name);
  }
  return out;
}

const libraries = new Map<string, Holidays>();
function holidaysOf(nation: string): Holidays {
  let h = libraries.get(nation);
  if (!h) {
    h = new Holidays('GB', nation);
    libraries.set(nation, h);
  }
  return h;
}

/**
 * The compact form the table stores: the names once (a letter each), and per nation the
 * exceptions to `usual` (src/bank-holidays.ts `usualBankHolidays`): `YYYYMMDD` and the letter of
 * the name the library gives that weekday where the rules give none or another, or `-` where the
 * rules give a holiday the library does not. Weekends are left out: the calendar closes them first.
 */
export function encodeBankHolidays(usual: (nation: (typeof NATIONS)[number], year: number) => Map<string, string>): {
  names: string[];
  exceptions: Record<(typeof NATIONS)[number], string>;
} {
  const names: string[] = [];
  const letter = (name: string): string => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    if (i >= 52) throw new Error('more than 52 distinct bank-holiday names: widen the encoding');
    return String.fromCharCode(i < 26 ? 97 + i : 65 + i - 26);
  };
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() % 6 !== 0;
  const exceptions = { ENG: '', SCT: '' };
  for (const nation of NATIONS) {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      const library = libraryBankHolidays(nation, year);
      for (const name of library.values()) letter(name);
      const rules = usual(nation, year);
      const changes = new Map<string, string>();
      for (const [date, name] of library)
        if (weekday(date) && rules.get(date) !== name) changes.set(date, letter(name));
      for (const date of rules.keys()) if (!library.has(date) || !weekday(date)) changes.set(date, '-');
      for (const [date, change] of [...changes].sort(([a], [b]) => (a < b ? -1 : 1))) {
        exceptions[nation] += date.replaceAll('-', '') + change;
      }
    }
  }
  return { names, exceptions };
}
