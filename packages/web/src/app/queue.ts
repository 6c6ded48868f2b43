/** Queue logic with no DOM: the queue's query, the page's own filters, row keys and the countdown wording, unit-tested in Node. */
import type { CaseListItem, Countdown } from './types.js';

/** What the server applies as it reads a queue (so paging stays right): the order and the filters. */
export interface ServerFilters {
  sort: 'due' | 'received' | 'activity' | 'priority';
  kind: string;
  priority: string;
  hazard: string;
  channel: string;
  /** `''`: every open case; `closed`; or one status of an open case. */
  status: string;
  team: string;
  owner: string;
}

export interface QueueFilters extends ServerFilters {
  /** On the page shown: only overdue cases. */
  overdueOnly: boolean;
  /** On the page shown: due within this many working days (empty: any). */
  dueWithin: string;
}

export const NO_FILTERS: QueueFilters = {
  sort: 'due',
  kind: '',
  priority: '',
  hazard: '',
  channel: '',
  status: '',
  team: '',
  owner: '',
  overdueOnly: false,
  dueWithin: '',
};

export const SORT_LABELS: Record<ServerFilters['sort'], string> = {
  due: 'Due date (nearest first)',
  received: 'Received (newest first)',
  activity: 'Last activity (latest first)',
  priority: 'Priority (most pressing first)',
};

/** The query string of `GET /api/cases` for a queue and its server-side filters; empty ones left out. */
export function queueQuery(queue: 'mine' | 'team' | 'all', f: ServerFilters, next?: string) {
  const given = (v: string) => (v === '' ? undefined : v);
  return {
    queue,
    limit: 50,
    sort: f.sort,
    status: (given(f.status) ?? 'open') as never,
    kind: given(f.kind) as never,
    priority: given(f.priority) as never,
    hazard: given(f.hazard) as never,
    channel: given(f.channel) as never,
    team: given(f.team),
    owner: given(f.owner),
    next,
  };
}

/** The filters that narrow the page already loaded (overdue, due within). */
export function applyFilters(items: readonly CaseListItem[], f: Pick<QueueFilters, 'overdueOnly' | 'dueWithin'>) {
  const within = f.dueWithin.trim() === '' ? undefined : Number(f.dueWithin);
  return items.filter((item) => {
    if (f.overdueOnly && !item.overdue) return false;
    if (within !== undefined && Number.isFinite(within)) {
      const left = workingDaysLeftOf(item);
      if (left === null || left > within) return false;
    }
    return true;
  });
}

/**
 * Where `j` (down) or `k` (up) moves the current row of a page of `length` rows:
 * another row, or past either end to the next or previous page when there is one.
 */
export function moveRow(
  current: number,
  key: 'j' | 'k',
  length: number,
  pages: { next: boolean; previous: boolean },
): number | 'next-page' | 'previous-page' {
  if (key === 'j') {
    if (current + 1 < length) return current + 1;
    return pages.next ? 'next-page' : Math.max(0, length - 1);
  }
  if (current - 1 >= 0) return current - 1;
  return pages.previous && current <= 0 ? 'previous-page' : 0;
}

/** A key typed into a field is the field's: shortcuts only act outside inputs, selects and text areas. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  return Boolean(el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName ?? '')));
}

export function workingDaysLeftOf(item: Countdown): number | null {
  if (typeof item.workingDaysLeft === 'number') return item.workingDaysLeft;
  if (typeof item.hoursLeft === 'number') return Math.floor(item.hoursLeft / 24);
  return null;
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
