/**
 * The bank holidays of a GB nation, by year (observed weekdays, substitute days
 * included): the usual rules below, corrected by the generated exceptions of
 * bank-holidays-table.ts (one-off holidays and moved days). Both come from
 * `date-holidays`' GB holidays of types public and bank (bin/bank-holidays.ts
 * writes the exceptions as what the library gives and the rules do not);
 * test/bank-holidays.test.ts checks every date of FIRST_YEAR–LAST_YEAR, each
 * nation, against the library and against the answers of the full table this
 * replaced (~20 KB of every function's bundle, now ~2 KB). A holiday falling on
 * a weekend is not listed: the calendar closes weekends first.
 */
import { BANK_HOLIDAY_EXCEPTIONS, BANK_HOLIDAY_NAMES, FIRST_YEAR, LAST_YEAR } from './bank-holidays-table.js';

export type Nation = 'ENG' | 'SCT';

/** A name in BANK_HOLIDAY_NAMES by its letter (`a`–`z`, then `A`–`Z`). */
const nameOf = (letter: string) => {
  const code = letter.charCodeAt(0);
  return BANK_HOLIDAY_NAMES[code >= 97 ? code - 97 : code - 65 + 26] ?? 'bank holiday';
};

const NEW_YEAR = "New Year's Day";
const NEW_YEAR_SUBSTITUTE = "New Year's Day (substitute day)";
const GOOD_FRIDAY = 'Good Friday';
const EASTER_MONDAY = 'Easter Monday';
const EARLY_MAY = 'Early May bank holiday';
const SPRING = 'Spring bank holiday';
const SUMMER = 'Summer bank holiday';
const CHRISTMAS = 'Christmas Day';
const BOXING_DAY = 'Boxing Day';
const BOXING_DAY_SUBSTITUTE = 'Boxing Day (substitute day)';
const CHRISTMAS_SUBSTITUTE = 'Christmas Day (substitute day)';
const JANUARY_2ND = 'January 2nd';
const ST_ANDREWS = 'St Andrew’s Day';
const ST_ANDREWS_SUBSTITUTE = 'St Andrew’s Day (substitute day)';
const JANUARY_2ND_SUBSTITUTE = 'January 2nd (substitute day)';

/** Day of the week (0 Sunday) of a UTC date. */
const dow = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();
const iso = (d: Date) => d.toISOString().slice(0, 10);
const at = (year: number, month: number, day: number) => iso(new Date(Date.UTC(year, month - 1, day)));
const weekend = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};

/** Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher): [month, day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month, ((h + l - 7 * m + 114) % 31) + 1];
}

/** The first (`n` = 1) or last (`n` = -1) Monday of a month. */
function monday(year: number, month: number, n: 1 | -1): string {
  if (n === 1) return at(year, month, 1 + ((8 - dow(year, month, 1)) % 7));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return at(year, month, last - ((dow(year, month, last) + 6) % 7));
}

/**
 * The usual rules: New Year (and 2 January in Scotland), Good Friday, Easter
 * Monday (not in Scotland), the first and last Mondays of May, the last Monday
 * of August (the first in Scotland), St Andrew's Day (Scotland), Christmas and
 * Boxing Day. A fixed day on a weekend moves to the next weekday no other
 * holiday holds, in the order the library gives them (2 January before
 * 1 January; St Andrew's Day to the Monday). Date → name.
 */
export function usualBankHolidays(nation: Nation, year: number): Map<string, string> {
  const out = new Map<string, string>();
  const [em, ed] = easter(year);
  const easterDay = new Date(Date.UTC(year, em - 1, ed));
  const shifted = (days: number) => iso(new Date(easterDay.getTime() + days * 86_400_000));
  out.set(shifted(-2), GOOD_FRIDAY);
  if (nation === 'ENG') out.set(shifted(1), EASTER_MONDAY);
  out.set(monday(year, 5, 1), EARLY_MAY);
  out.set(monday(year, 5, -1), SPRING);
  out.set(monday(year, 8, nation === 'SCT' ? 1 : -1), SUMMER);
  // Fixed days, with their substitutes' letters, in the order substitutes are placed.
  const fixed: [string, string, string][] = [
    ...(nation === 'SCT'
      ? ([[at(year, 1, 2), JANUARY_2ND, JANUARY_2ND_SUBSTITUTE]] as [string, string, string][])
      : []),
    [at(year, 1, 1), NEW_YEAR, NEW_YEAR_SUBSTITUTE],
    ...(nation === 'SCT'
      ? ([[at(year, 11, 30), ST_ANDREWS, ST_ANDREWS_SUBSTITUTE]] as [string, string, string][])
      : []),
    [at(year, 12, 25), CHRISTMAS, CHRISTMAS_SUBSTITUTE],
    [at(year, 12, 26), BOXING_DAY, BOXING_DAY_SUBSTITUTE],
  ];
  for (const [date, letter] of fixed) if (!weekend(date)) out.set(date, letter);
  for (const [date, , substitute] of fixed) {
    if (!weekend(date)) continue;
    let next = new Date(`${date}T00:00:00Z`);
    do next = new Date(next.getTime() + 86_400_000);
    while (weekend(iso(next)) || out.has(iso(next)));
    out.set(iso(next), substitute);
  }
  return out;
}

/**
 * A year's bank holidays (weekdays only), `YYYY-MM-DD` → name: the usual rules with the
 * table's exceptions applied. A year outside FIRST_YEAR–LAST_YEAR throws a RangeError.
 */
export function bankHolidaysOf(nation: Nation, year: number): Map<string, string> {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`bank holidays are known for ${FIRST_YEAR}–${LAST_YEAR}, not ${year}`);
  }
  const names = usualBankHolidays(nation, year);
  // Each exception, 9 characters: `YYYYMMDD` and a name letter (added or renamed) or `-` (no holiday that day).
  const exceptions = BANK_HOLIDAY_EXCEPTIONS[nation];
  for (let i = 0; i < exceptions.length; i += 9) {
    if (exceptions.slice(i, i + 4) !== String(year)) continue;
    const date = `${year}-${exceptions.slice(i + 4, i + 6)}-${exceptions.slice(i + 6, i + 8)}`;
    const change = exceptions.charAt(i + 8);
    if (change === '-') names.delete(date);
    else names.set(date, nameOf(change));
  }
  return names;
}
