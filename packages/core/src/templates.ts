/**
 * Notice texts are policy data with {{placeholders}}. A policy that names a
 * placeholder the product does not fill fails to load, so a typo never reaches a resident.
 */
import { isLocalDate } from './dates.js';

export const TEMPLATE_PLACEHOLDERS = [
  'ref',
  'name',
  'landlord',
  'team',
  'owner',
  'receivedOn',
  'acknowledgeBy',
  'respondBy',
  'newDate',
  'reason',
  'progress',
  'target',
  'daysLeft',
  /** Complaints: the complaint as the landlord understands it, what the resident can do next, the ombudsman. */
  'complaint',
  'nextSteps',
  'ombudsman',
  /** Hazards: what was promised ("send you a written summary…"), what has just happened, the law. */
  'milestone',
  'step',
  'law',
  /** The landlord's phone number (policy `contact.phone`); reply templates: the officer who signs. */
  'phone',
  'officer',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1] as string)
    .filter((p) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p));
}

/** Fills a template; a placeholder without a value is left out rather than shown as {{…}}. */
export function renderTemplate(text: string, values: Partial<Record<TemplatePlaceholder, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name as TemplatePlaceholder] ?? '');
}

/** "Friday 11 December 2026" for a local date; date and time for an instant. */
export function formatLocalDate(value: string, timeZone = 'Europe/London'): string {
  if (isLocalDate(value)) {
    return new Date(`${value}T12:00:00Z`).toLocaleDateString('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return new Date(value).toLocaleString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
}
