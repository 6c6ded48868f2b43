/**
 * Plain calendar dates ("YYYY-MM-DD") and the Europe/London wall clock.
 * Dates are strings on purpose: a target is "the end of a local working day",
 * not an instant, and strings compare and serialise without time-zone surprises.
 */

export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): value is LocalDate {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toUtcMidnight(date: LocalDate): Date {
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return new Date(`${date}T00:00:00.000Z`);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = toUtcMidnight(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
export function dayOfWeek(date: LocalDate): number {
  return toUtcMidnight(date).getUTCDay();
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / 86_400_000);
}

export interface WallClock {
  date: LocalDate;
  /** minutes since local midnight, with the seconds and milliseconds as a fraction */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date and time of an instant in a time zone (BST/GMT handled by Intl). */
export function wallClock(instant: Date, timeZone: string): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    // Milliseconds too: 17:00:00.001 is after the close. Zone offsets are whole seconds, so UTC ms are local ms.
    minutes:
      Number(parts.hour) * 60 +
      Number(parts.minute) +
      (Number(parts.second) + instant.getUTCMilliseconds() / 1000) / 60,
  };
}

/** The UTC instant at which a local wall-clock time occurs (the later one in the autumn overlap). */
export function instantAt(date: LocalDate, minutes: number, timeZone: string): Date {
  const naive = toUtcMidnight(date).getTime() + minutes * 60_000;
  // Offset of the zone at that moment, found by round-tripping; two passes settle DST edges.
  let guess = naive;
  for (let i = 0; i < 2; i++) {
    const wc = wallClock(new Date(guess), timeZone);
    const asUtc = toUtcMidnight(wc.date).getTime() + wc.minutes * 60_000;
    guess = guess - (asUtc - naive);
  }
  return new Date(guess);
}

export function parseHoursMinutes(value: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${value}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
