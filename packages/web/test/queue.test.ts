import { describe, expect, it } from 'vitest';
import { applyFilters, countdownText, isTyping, moveRow, NO_FILTERS, queueQuery, urgencyOf } from '../src/app/queue.js';
import { listItem as item } from './fixtures.js';

describe('the queue’s query', () => {
  it('sends the order and only the filters chosen, 50 a page', () => {
    const q = queueQuery('team', { ...NO_FILTERS, kind: 'repair-urgent', hazard: 'any' }, 'cursor-2');
    expect(q).toMatchObject({ queue: 'team', limit: 50, sort: 'due', status: 'open', kind: 'repair-urgent' });
    expect(q).toMatchObject({ hazard: 'any', next: 'cursor-2', channel: undefined, owner: undefined });
    expect(queueQuery('all', { ...NO_FILTERS, status: 'closed', sort: 'received' }).status).toBe('closed');
  });
});

describe('the page’s own filters', () => {
  const items = [
    item({ ref: 'A', workingDaysLeft: -2, overdue: true }),
    item({ ref: 'B', workingDaysLeft: 1 }),
    item({ ref: 'C', workingDaysLeft: 8 }),
  ];
  const refs = (f: Partial<typeof NO_FILTERS>) => applyFilters(items, { ...NO_FILTERS, ...f }).map((i) => i.ref);

  it.each([
    ['nothing', {}, ['A', 'B', 'C']],
    ['overdue only', { overdueOnly: true }, ['A']],
    ['due within 1 working day (overdue included)', { dueWithin: '1' }, ['A', 'B']],
    ['due within 0', { dueWithin: '0' }, ['A']],
  ] as const)('by %s', (_label, f, expected) => {
    expect(refs(f)).toEqual(expected);
  });
});

describe('moving through the queue by keyboard', () => {
  const both = { next: true, previous: true };
  it.each([
    ['j from nowhere goes to the first row', -1, 'j', 0],
    ['j moves down', 3, 'j', 4],
    ['j past the last row goes to the next page', 49, 'j', 'next-page'],
    ['k moves up', 3, 'k', 2],
    ['k past the first row goes to the previous page', 0, 'k', 'previous-page'],
  ] as const)('%s', (_label, from, key, to) => {
    expect(moveRow(from, key, 50, both)).toBe(to);
  });

  it('stays on the last row of the last page, and the first of the first', () => {
    expect(moveRow(9, 'j', 10, { next: false, previous: false })).toBe(9);
    expect(moveRow(0, 'k', 10, { next: false, previous: false })).toBe(0);
  });

  it('leaves keys typed into a field to the field', () => {
    expect(isTyping({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'A' } as unknown as EventTarget)).toBe(false);
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
