import { describe, expect, it } from 'vitest';
import { formatTarget, isHoursTarget, localDateOf } from '../src/app/format.js';

describe('targets', () => {
  it.each([
    ['a working day', '2026-12-04', false, '2026-12-04'],
    ['an instant (hours target)', '2026-12-04T15:30:00.000Z', true, '2026-12-04'],
  ])('%s', (_label, value, hours, date) => {
    expect(isHoursTarget(value)).toBe(hours);
    expect(localDateOf(value)).toBe(date);
  });

  // ICU versions differ in punctuation ("Fri, 4 Dec" or "Fri 4 Dec"): assert the words.
  it('writes a working day as the day, and an instant with its London time', () => {
    expect(formatTarget('2026-12-04')).toMatch(/^Fri,? 4 Dec 2026$/);
    expect(formatTarget('2026-07-01T09:00:00Z')).toMatch(/^1 Jul 2026,? (at )?10:00$/);
    expect(formatTarget(null)).toBe('—');
  });
});
