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

/** The compact form the table stores: names once, then per year `MMDD` + a letter per holiday. */
export function encodeBankHolidays(): { names: string[]; years: Record<(typeof NATIONS)[number], string> } {
  const names: string[] = [];
  const letter = (name: string): string => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    if (i >= 52) throw new Error('more than 52 distinct bank-holiday names: widen the encoding');
    return String.fromCharCode(i < 26 ? 97 + i : 65 + i - 26);
  };
  const years = { ENG: '', SCT: '' };
  for (const nation of NATIONS) {
    const perYear: string[] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      perYear.push(
        [...libraryBankHolidays(nation, year)]
          .map(([date, name]) => date.slice(5, 7) + date.slice(8, 10) + letter(name))
          .join(''),
      );
    }
    years[nation] = perYear.join(';');
  }
  return { names, years };
}
