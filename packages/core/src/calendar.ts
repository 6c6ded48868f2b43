/**
 * A landlord's working days: Monday to Friday, minus the bank holidays of its
 * nation, minus the closure days its policy lists.
 */
import { bankHolidaysOf, type Nation } from './bank-holidays.js';
import { addDays, dayOfWeek, daysBetween, type LocalDate, parseHoursMinutes, wallClock, yearOf } from './dates.js';
import type { LandlordPolicy } from './policy.js';

/**
 * The bank holidays (observed weekdays, substitute days included) of a GB
 * nation, by year, worked out once per year: `date-holidays`' GB holidays of
 * types public and bank, as bank-holidays.ts's rules and generated exceptions
 * give them for FIRST_YEAR–LAST_YEAR (test/bank-holidays.test.ts checks them
 * against the library). A year outside it throws a RangeError.
 */
class BankHolidays {
  readonly #byYear = new Map<number, Map<LocalDate, string>>();

  constructor(readonly state: Nation) {}

  forYear(year: number): Map<LocalDate, string> {
    let dates = this.#byYear.get(year);
    if (!dates) {
      dates = bankHolidaysOf(this.state, year);
      this.#byYear.set(year, dates);
    }
    return dates;
  }
}

const bankHolidaysByState = new Map<string, BankHolidays>();
function bankHolidaysFor(state: 'ENG' | 'SCT'): BankHolidays {
  let b = bankHolidaysByState.get(state);
  if (!b) {
    b = new BankHolidays(state);
    bankHolidaysByState.set(state, b);
  }
  return b;
}

export type CalendarSettings = Pick<LandlordPolicy, 'bankHolidays' | 'closureDays' | 'timeZone' | 'officeHours'>;

/** Guards against a policy that closes every day, which would loop for ever. */
const MAX_SEARCH_DAYS = 366 * 2;

export class WorkingCalendar {
  readonly timeZone: string;
  /** Minutes after local midnight when offices close. */
  readonly closesAt: number;
  readonly opensAt: number;
  readonly #bankHolidays: BankHolidays;
  readonly #closures: Map<LocalDate, string>;
  /**
   * Each date's next working day, once worked out. Timers step through months of working days
   * for every overdue case (a delay update every N working days since the target), and a date's
   * answer never changes for one calendar: a lookup instead of date arithmetic and a holiday check
   * for every day walked. Bounded by the dates the holiday table covers (others throw).
   */
  readonly #nextWorking = new Map<LocalDate, LocalDate>();
  readonly #previousWorking = new Map<LocalDate, LocalDate>();

  constructor(settings: CalendarSettings) {
    this.timeZone = settings.timeZone;
    this.opensAt = parseHoursMinutes(settings.officeHours.opens);
    this.closesAt = parseHoursMinutes(settings.officeHours.closes);
    this.#bankHolidays = bankHolidaysFor(settings.bankHolidays === 'GB-SCT' ? 'SCT' : 'ENG');
    this.#closures = new Map(settings.closureDays.map((c) => [c.date, c.reason]));
  }

  /** Why a date is not a working day, or null when it is one. */
  closedBecause(date: LocalDate): string | null {
    const dow = dayOfWeek(date);
    if (dow === 0 || dow === 6) return 'weekend';
    const holiday = this.#bankHolidays.forYear(yearOf(date)).get(date);
    if (holiday) return `bank holiday: ${holiday}`;
    const closure = this.#closures.get(date);
    if (closure) return `closure: ${closure}`;
    return null;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.closedBecause(date) === null;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.#stepWorking(date, 1, this.#nextWorking);
  }

  /** The first working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate {
    return this.#stepWorking(date, -1, this.#previousWorking);
  }

  #stepWorking(date: LocalDate, step: 1 | -1, known: Map<LocalDate, LocalDate>): LocalDate {
    const seen = known.get(date);
    if (seen !== undefined) return seen;
    let d = date;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) {
        known.set(date, d);
        return d;
      }
    }
    throw new RangeError(`no working day within two years ${step > 0 ? 'after' : 'before'} ${date}`);
  }

  /** The Nth working day after `date` (N = 0 gives `date` itself). */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let d = date;
    for (let i = 0; i < n; i++) d = this.nextWorkingDay(d);
    return d;
  }

  /** The Nth working day before `date` (N = 0 gives `date` itself). */
  subtractWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let d = date;
    for (let i = 0; i < n; i++) d = this.previousWorkingDay(d);
    return d;
  }

  /**
   * Working days from `from` to `to`: how many working days lie after `from`
   * up to and including `to`; negative when `to` is earlier. A countdown.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    if (from === to) return 0;
    const forward = from < to;
    const [start, end] = forward ? [from, to] : [to, from];
    // Weekdays by whole weeks and the odd days left, then the bank holidays and closure days that
    // fall on a weekday in the range: the same count as walking day by day, at the cost of the
    // holidays in the range (every queue row counts down to its target, months overdue or not).
    const days = daysBetween(start, end);
    let count = Math.floor(days / 7) * 5;
    const firstDow = (dayOfWeek(start) + 1) % 7;
    for (let i = 0; i < days % 7; i++) {
      const dow = (firstDow + i) % 7;
      if (dow !== 0 && dow !== 6) count++;
    }
    const closed = new Set<LocalDate>();
    const inRange = (d: LocalDate) => d > start && d <= end && !closed.has(d) && dayOfWeek(d) % 6 !== 0;
    for (let year = yearOf(start); year <= yearOf(end); year++) {
      for (const d of this.#bankHolidays.forYear(year).keys()) if (inRange(d)) closed.add(d);
    }
    for (const d of this.#closures.keys()) if (inRange(d)) closed.add(d);
    count -= closed.size;
    return forward ? count : 0 - count; // never -0
  }

  /**
   * Day 0 of a target: the local date of receipt when that is a working day and
   * the contact arrived at or before close of office hours; otherwise the next
   * working day.
   */
  clockStart(received: Date): LocalDate {
    const local = wallClock(received, this.timeZone);
    if (this.isWorkingDay(local.date) && local.minutes <= this.closesAt) return local.date;
    return this.nextWorkingDay(local.date);
  }

  /** The local date of an instant in the landlord's time zone. */
  localDate(instant: Date): LocalDate {
    return wallClock(instant, this.timeZone).date;
  }
}

const calendars = new WeakMap<CalendarSettings, WorkingCalendar>();

/** One calendar per policy object, built on first use. */
export function calendarFor(policy: CalendarSettings): WorkingCalendar {
  let c = calendars.get(policy);
  if (!c) {
    c = new WorkingCalendar(policy);
    calendars.set(policy, c);
  }
  return c;
}
