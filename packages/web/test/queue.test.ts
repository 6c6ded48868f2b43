import { describe, expect, it } from 'vitest';
import {
  applyFilters,
  byNearestTarget,
  countdownText,
  matchesSearch,
  NO_FILTERS,
  phoneDigits,
  urgencyOf,
} from '../src/app/queue.js';
import { listItem as item } from './fixtures.js';

describe('queue search', () => {
  it.each([
    ['reference', 'ht-2026-000001'],
    ['name', 'nora'],
    ['email', 'NORA@resident'],
    ['postcode without the space', 'hx14ab'],
    ['phone as a resident writes it', '07700 900123'],
    ['phone in international form', '+44 7700 900123'],
  ])('finds a case by %s', (_label, q) => {
    expect(matchesSearch(item(), q)).toBe(true);
  });

  it('does not match on a few stray digits or another name', () => {
    expect(matchesSearch(item(), '12')).toBe(false);
    expect(matchesSearch(item(), 'okoro')).toBe(false);
  });

  it('normalises UK numbers', () => {
    expect(phoneDigits('07700 900123')).toBe('447700900123');
    expect(phoneDigits('+44 (0)7700')).toBe('4407700');
  });
});

describe('queue filters', () => {
  const items = [
    item({ ref: 'A', channel: 'sms', workingDaysLeft: -2, overdue: true }),
    item({ ref: 'B', kind: 'complaint-stage-1', workingDaysLeft: 1 }),
    item({ ref: 'C', status: 'awaiting-departments', workingDaysLeft: 8 }),
  ];
  const refs = (f: Partial<typeof NO_FILTERS>) => applyFilters(items, { ...NO_FILTERS, ...f }).map((i) => i.ref);

  it.each([
    ['nothing', {}, ['A', 'B', 'C']],
    ['channel', { channel: 'sms' }, ['A']],
    ['kind', { kind: 'complaint-stage-1' }, ['B']],
    ['status', { status: 'awaiting-departments' }, ['C']],
    ['overdue only', { overdueOnly: true }, ['A']],
    ['due within 1 working day (overdue included)', { dueWithin: '1' }, ['A', 'B']],
    ['due within 0', { dueWithin: '0' }, ['A']],
  ] as const)('by %s', (_label, f, expected) => {
    expect(refs(f)).toEqual(expected);
  });

  it('orders by the nearest target, then reference', () => {
    const sorted = [
      item({ ref: 'Z', effectiveRespondBy: '2026-12-03' }),
      item({ ref: 'Y', effectiveRespondBy: '2026-12-01' }),
      item({ ref: 'X', effectiveRespondBy: '2026-12-03' }),
    ].sort(byNearestTarget);
    expect(sorted.map((i) => i.ref)).toEqual(['Y', 'X', 'Z']);
  });
});

describe('countdown wording (never colour alone)', () => {
  it.each([
    [{ workingDaysLeft: 10, overdue: false }, '10 working days left', 'on-track'],
    [{ workingDaysLeft: 1, overdue: false }, '1 working day left', 'at-risk'],
    [{ workingDaysLeft: 0, overdue: false }, 'Due today', 'at-risk'],
    [{ workingDaysLeft: -3, overdue: true }, 'Overdue by 3 working days', 'overdue'],
    [{ workingDaysLeft: -1, overdue: true }, 'Overdue by 1 working day', 'overdue'],
    [{ workingDaysLeft: 0, hoursLeft: 5, overdue: false }, '5 hours left', 'at-risk'],
    [{ workingDaysLeft: -1, hoursLeft: -2, overdue: true }, 'Overdue by 2 hours', 'overdue'],
    [{ workingDaysLeft: null, overdue: false }, 'Answered', 'done'],
  ] as const)('%o reads "%s"', (countdown, text, urgency) => {
    expect(countdownText(countdown)).toBe(text);
    expect(urgencyOf(countdown)).toBe(urgency);
  });
});
