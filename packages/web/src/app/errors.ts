/**
 * Errors in the officer's language: a field's problem under the field's own
 * label ("Department: Choose a department"), never the API's field name
 * (`dueBy`); dates in words, not YYYY-MM-DD; and a failed load said as what
 * to do next. The API's messages (`fieldErrors` in the contracts) are already
 * plain words per field; this is the console's side of that table.
 */
import { ApiError } from './api.js';

/**
 * The words for every field a command can refuse, for a problem about a field
 * the form on screen does not show (its own labels come first).
 */
export const FIELD_WORDS: Record<string, string> = {
  department: 'Department',
  question: 'Question',
  dueBy: 'Answer needed by',
  newReplyDate: 'New reply date told to the resident',
  body: 'Your reply',
  subject: 'Subject',
  reason: 'Reason',
  ownerId: 'Officer',
  date: 'Date',
  until: 'Until',
  answer: 'Answer',
  text: 'Note',
  note: 'Note',
  summary: 'Summary',
  category: 'Type',
  priority: 'Priority',
  extensionWorkingDays: 'Extension (working days)',
  preferredChannel: 'How the resident wants replies',
  email: 'Email address',
  phone: 'Phone number',
  address: 'Postal address',
  name: 'Name',
  kind: 'What',
  calledAt: 'When the call came in',
  at: 'When',
  findings: 'Findings',
  worksNeeded: 'Works needed',
  from: 'First day',
  to: 'Last day',
  month: 'Month',
  next: 'Page',
};

/** The label for a field: the form's own, else the console's words; undefined for a field it has no word for. */
export function fieldLabel(name: string, labels: Record<string, string> = {}): string | undefined {
  return labels[name] ?? FIELD_WORDS[name];
}

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b(?!T)/g;

/** "Tuesday 15 December 2026" for a YYYY-MM-DD date (the landlord's local date). */
export function dateInWords(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  const weekday = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const rest = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${weekday} ${rest}`;
}

/** "Tuesday 1 December 2026, 14:05" in UK time, for an instant. */
export function instantInWords(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const part = (options: Intl.DateTimeFormatOptions) =>
    d.toLocaleString('en-GB', { ...options, timeZone: 'Europe/London' });
  const time = part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${part({ weekday: 'long' })} ${part({ day: 'numeric', month: 'long', year: 'numeric' })}, ${time}`;
}

/** A message as an officer reads it: dates in words, starting with a capital. */
export function inWords(message: string): string {
  const text = message.replace(ISO_DATE, (m) => dateInWords(m));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What to tell an officer when something could not be loaded: what happened, in words, never a status code. */
export function loadProblem(error: Error, what: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'offline')
      return `Could not reach the server to load ${what}. Check your connection, then try again.`;
    if (error.status === 403) return `You do not have access to ${what}. Ask a manager if you need it.`;
    if (error.status === 404) return `There is no such ${what}, or it is not one you may see.`;
    if (error.status >= 500)
      return `Could not load ${what}: something went wrong on the server. Nothing was lost; try again.`;
    return `Could not load ${what}: ${inWords(error.message)}`;
  }
  return `Could not load ${what}. Try again.`;
}
