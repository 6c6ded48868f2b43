/** Dates as officers read them, in the landlord's time zone. */
const LONDON = 'Europe/London';

/**
 * A target is either a local date (YYYY-MM-DD: by the end of that working
 * day) or an instant (a target counted in hours, such as an emergency repair).
 */
export function isHoursTarget(value: string): boolean {
  return value.length !== 10;
}

/** The YYYY-MM-DD a target falls on: the date itself, or an instant's date as written (UTC). */
export function localDateOf(value: string): string {
  return isHoursTarget(value) ? value.slice(0, 10) : value;
}

/** A local date (end of that working day) or an instant. */
export function formatTarget(value: string | null | undefined): string {
  if (!value) return '—';
  if (!isHoursTarget(value)) {
    return new Date(`${value}T12:00:00Z`).toLocaleDateString('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return formatInstant(value);
}

export function formatInstant(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: LONDON,
  });
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
