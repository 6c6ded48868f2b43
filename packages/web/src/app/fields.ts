/** Fields that more than one form asks for, spelt once. */
import type { FieldSpec } from './components/Form.js';
import { humanise } from './queue.js';
import { type LoggedContactKind, REPLY_CHANNELS } from './types.js';

export const REASON_FIELD: FieldSpec<'reason'> = { name: 'reason', label: 'Reason', kind: 'textarea', required: true };

/** What an officer can log, every kind the contracts allow (the compiler says when one is added). */
const LOGGED_KINDS: Record<LoggedContactKind, string> = {
  'phone-message': 'Phone call or message',
  voicemail: 'Voicemail',
  visit: 'Visit',
};

/** What an officer logs: a call, a voicemail or a visit. */
export const LOGGED_KIND_FIELD: FieldSpec<'kind'> = {
  name: 'kind',
  label: 'What',
  kind: 'select',
  required: true,
  initial: 'phone-message' satisfies LoggedContactKind,
  options: Object.entries(LOGGED_KINDS).map(([value, label]) => ({ value, label })),
};

export const REPLY_CHANNEL_OPTIONS = REPLY_CHANNELS.map((channel) => ({ value: channel, label: humanise(channel) }));

/** The landlord's wall clock: a time an officer types is UK time, summer or winter. */
const LONDON = 'Europe/London';

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: LONDON,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (
    (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - Math.floor(at / 60_000) * 60_000) / 60_000
  );
}

/** The instant of a UK wall-clock time; undefined for a date or time that does not exist. */
function fromLondon(year: number, month: number, day: number, hour: number, minute: number): string | undefined {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const date = new Date(wall);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  const guess = wall - londonOffsetMinutes(wall) * 60_000;
  return new Date(wall - londonOffsetMinutes(guess) * 60_000).toISOString();
}

/** Today's date in the UK, as numbers. */
function londonToday(now: Date): [number, number, number] {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON }).format(now).split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

const TIME = String.raw`(\d{1,2})[:.](\d{2})\s*(am|pm)?`;
const UK_DATE_TIME = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+|\s*at\s*)${TIME}$`, 'i');
const ISO_LOCAL = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})[T ]${TIME}(?::\d{2}(?:\.\d+)?)?$`, 'i');
const TIME_ONLY = new RegExp(String.raw`^(?:today\s+(?:at\s+)?)?${TIME}$`, 'i');
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function hour24(hour: string, half: string | undefined): number {
  const h = Number(hour);
  if (!half) return h;
  if (h < 1 || h > 12) return 99;
  return (h % 12) + (half.toLowerCase() === 'pm' ? 12 : 0);
}

/**
 * When something happened, as an officer types it in UK time — "01/12/2026
 * 09:15", "1/12/2026 9.15am", "2026-12-01 09:15", or just "09:15" for today —
 * as the ISO instant the API takes. An instant with its offset is kept as it
 * is. Undefined when it is not a date and time (the API then says so).
 */
export function ukInstant(text: string, now = new Date()): string | undefined {
  const t = text.trim();
  if (WITH_OFFSET.test(t)) return Number.isNaN(Date.parse(t)) ? undefined : t;
  let m = UK_DATE_TIME.exec(t);
  if (m) return fromLondon(Number(m[3]), Number(m[2]), Number(m[1]), hour24(m[4] ?? '', m[6]), Number(m[5]));
  m = ISO_LOCAL.exec(t);
  if (m) return fromLondon(Number(m[1]), Number(m[2]), Number(m[3]), hour24(m[4] ?? '', m[6]), Number(m[5]));
  m = TIME_ONLY.exec(t);
  if (m) return fromLondon(...londonToday(now), hour24(m[1] ?? '', m[3]), Number(m[2]));
  return undefined;
}

/** A "when did it happen" field: UK time as officers write it; left empty, the API takes now. */
export function whenField<Name extends string>(name: Name, label: string, hint?: string): FieldSpec<Name> {
  return {
    name,
    label,
    hint: `${hint ? `${hint} ` : ''}UK time, for example 01/12/2026 09:15, or 09:15 for today. Leave it empty for now.`,
    autoComplete: 'off',
  };
}

export const YES_NO_OPTIONS = [
  { value: '', label: 'Choose yes or no' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

/**
 * Turns what the fields hold into what the command takes: times typed in UK
 * time into instants (kept as typed when they are not one, so the API's
 * message names the problem), "yes"/"no" into booleans, digits into numbers.
 */
export function bodyTypes(types: { instants?: string[]; booleans?: string[]; numbers?: string[] }, now?: () => Date) {
  return (body: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...body };
    for (const name of types.instants ?? []) {
      const v = out[name];
      if (typeof v === 'string') out[name] = ukInstant(v, now?.()) ?? v;
    }
    for (const name of types.booleans ?? []) {
      const v = out[name];
      if (v === 'yes' || v === 'no') out[name] = v === 'yes';
    }
    for (const name of types.numbers ?? []) {
      const v = out[name];
      if (typeof v === 'string' && /^\d+$/.test(v)) out[name] = Number(v);
    }
    return out;
  };
}
