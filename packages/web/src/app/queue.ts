/** Queue logic with no DOM: filters, search and the countdown wording, unit-tested in Node. */
import type { CaseListItem, Countdown } from './types.js';

export interface QueueFilters {
  channel: string;
  kind: string;
  status: string;
  overdueOnly: boolean;
  /** Due within this many working days (empty: any). */
  dueWithin: string;
  search: string;
}

export const NO_FILTERS: QueueFilters = {
  channel: '',
  kind: '',
  status: '',
  overdueOnly: false,
  dueWithin: '',
  search: '',
};

/** Digits only, with a UK trunk 0 turned into 44: "07700 900123" finds "+447700900123". */
export function phoneDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.startsWith('0') ? `44${digits.slice(1)}` : digits;
}

const squash = (value: string) => value.toLowerCase().replace(/\s+/g, '');

/** Reference, name, email, phone or postcode; spaces ignored, case ignored. */
export function matchesSearch(item: CaseListItem, search: string): boolean {
  const q = squash(search);
  if (!q) return true;
  const c = item.contact;
  const texts = [item.ref, c?.name, c?.email, c?.postcode, item.subject].filter((t): t is string => Boolean(t));
  if (texts.some((t) => squash(t).includes(q))) return true;
  const digits = phoneDigits(search);
  return digits.length >= 4 && Boolean(c?.phone && phoneDigits(c.phone).includes(digits));
}

export function applyFilters(items: readonly CaseListItem[], f: QueueFilters): CaseListItem[] {
  const within = f.dueWithin.trim() === '' ? undefined : Number(f.dueWithin);
  return items.filter((item) => {
    if (f.channel && item.channel !== f.channel) return false;
    if (f.kind && item.kind !== f.kind) return false;
    if (f.status && f.status !== 'open' && item.status !== f.status) return false;
    if (f.overdueOnly && !item.overdue) return false;
    if (within !== undefined && Number.isFinite(within)) {
      const left = workingDaysLeftOf(item);
      if (left === null || left > within) return false;
    }
    return matchesSearch(item, f.search);
  });
}

export function workingDaysLeftOf(item: Countdown): number | null {
  if (typeof item.workingDaysLeft === 'number') return item.workingDaysLeft;
  if (typeof item.hoursLeft === 'number') return Math.floor(item.hoursLeft / 24);
  return null;
}

/** Nearest target first (the API's order), stable by reference. */
export function byNearestTarget(a: CaseListItem, b: CaseListItem): number {
  return a.effectiveRespondBy.localeCompare(b.effectiveRespondBy) || a.ref.localeCompare(b.ref);
}

export type Urgency = 'overdue' | 'at-risk' | 'on-track' | 'done';

/** Two working days or fewer is at risk: the owner needs to act or tell the resident. */
export const AT_RISK_DAYS = 2;

export function urgencyOf(c: Countdown): Urgency {
  if (c.overdue) return 'overdue';
  if (c.workingDaysLeft === null) return 'done';
  if (typeof c.hoursLeft === 'number') return c.hoursLeft <= 12 ? 'at-risk' : 'on-track';
  return c.workingDaysLeft <= AT_RISK_DAYS ? 'at-risk' : 'on-track';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The countdown in words: never colour alone. */
export function countdownText(c: Countdown): string {
  if (typeof c.hoursLeft === 'number') {
    return c.hoursLeft < 0 ? `Overdue by ${plural(-c.hoursLeft, 'hour')}` : `${plural(c.hoursLeft, 'hour')} left`;
  }
  const left = c.workingDaysLeft;
  if (left === null) return 'Answered';
  if (c.overdue) return left === 0 ? 'Overdue' : `Overdue by ${plural(-left, 'working day')}`;
  if (left === 0) return 'Due today';
  return `${plural(left, 'working day')} left`;
}

export function urgencyLabel(u: Urgency): string {
  return { overdue: 'Overdue', 'at-risk': 'At risk', 'on-track': 'On track', done: 'No target running' }[u];
}

export function humanise(value: string): string {
  const words: Record<string, string> = {
    sms: 'SMS',
    'web-form': 'Web form',
    'in-person': 'In person',
    'phone-message': 'Phone message',
    'complaint-stage-1': 'Complaint stage 1',
    'complaint-stage-2': 'Complaint stage 2',
    'repair-emergency': 'Repair (emergency)',
    'repair-urgent': 'Repair (urgent)',
    'repair-standard': 'Repair (standard)',
    'repair-programmed': 'Repair (programmed)',
    'hazard-emergency': 'Hazard (emergency)',
    'hazard-damp-mould': 'Hazard (damp and mould)',
    'in-progress': 'In progress',
    'awaiting-departments': 'Awaiting departments',
    'delay-update': 'Delay update',
    'service-request': 'Service request',
  };
  const known = words[value];
  if (known) return known;
  const spaced = value.replace(/-/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
