/** Case references: a million cases and more in a year still get a reference residents can quote. */
import { describe, expect, it } from 'vitest';
import { ConfirmationQuery } from '../src/contracts/routes.js';
import { findCaseRefs, formatCaseRef } from '../src/index.js';

describe('case references', () => {
  it('keeps six digits up to the 999,999th case of a year and grows to seven after it', () => {
    expect(formatCaseRef('HT', 2026, 1)).toBe('HT-2026-000001');
    expect(formatCaseRef('HT', 2026, 999_999)).toBe('HT-2026-999999');
    expect(formatCaseRef('HT', 2026, 1_000_000)).toBe('HT-2026-1000000');
    expect(formatCaseRef('BT', 2027, 9_999_999)).toBe('BT-2027-9999999');
  });

  it('refuses a sequence no reference can carry', () => {
    expect(() => formatCaseRef('HT', 2026, 10_000_000)).toThrow(/outside 1–9,999,999/);
    expect(() => formatCaseRef('HT', 2026, 0)).toThrow(RangeError);
  });

  it('finds six- and seven-digit references a resident quotes, and the routes accept both', () => {
    expect(findCaseRefs('Re: HT-2026-1000000 and ht-2026-000042, not HT-2026-12345678', 'HT')).toEqual([
      'HT-2026-1000000',
      'HT-2026-000042',
    ]);
    expect(ConfirmationQuery.safeParse({ ref: 'HT-2026-1000000' }).success).toBe(true);
    expect(ConfirmationQuery.safeParse({ ref: 'HT-2026-10000000' }).success).toBe(false);
  });
});
