/** Dates as officers read them, in the landlord's time zone. */
const LONDON = 'Europe/London';

/** A local date (YYYY-MM-DD, end of that working day) or an instant. */
export function formatTarget(value: string | null | undefined): string {
  if (!value) return '—';
  if (value.length === 10) {
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
