import { presets } from '@housing-inbox/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases.js';
import { addDays, instantAt } from '../src/dates.js';
import type { LandlordPolicy } from '../src/policy.js';
import {
  computeTargets,
  deadlineDate,
  deadlinePassesAt,
  effectiveRespondBy,
  isHoursTarget,
  isWithin,
  parseDeadline,
  policyRespondBy,
} from '../src/targets.js';
import { titled } from './support/titled.js';

const hightown = presets.hightown as LandlordPolicy;
const blairtummock = presets.blairtummock as LandlordPolicy;
const landlords = [hightown, blairtummock].map((policy) => ({ id: policy.id, policy }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST = Date.parse('2026-01-01T00:00:00Z');
const LAST = Date.parse('2028-12-31T23:59:59.999Z');

/** A calendar date in 2026–2028. */
const localDate = fc.integer({ min: 0, max: 365 * 3 - 1 }).map((i) => addDays('2026-01-01', i));
/** An instant in 2026–2028, to the millisecond. */
const instant = fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms));
/** Either shape of target. */
const deadline = fc.oneof(
  localDate,
  instant.map((d) => d.toISOString()),
);
/** An instant on a date in months wholly on GMT (November–February) or wholly on BST (May–August). */
const onGmt = fc
  .tuple(localDate, fc.integer({ min: 0, max: DAY - 1 }))
  .filter(([d]) => ['11', '12', '01', '02'].includes(d.slice(5, 7)))
  .map(([d, ms]) => new Date(Date.parse(`${d}T00:00:00Z`) + ms));
const onBst = fc
  .tuple(localDate, fc.integer({ min: 0, max: DAY - 1 }))
  .filter(([d]) => ['05', '06', '07', '08'].includes(d.slice(5, 7)))
  .map(([d, ms]) => new Date(Date.parse(`${d}T00:00:00Z`) + ms));

const runs = { numRuns: 300 };

describe.each(landlords)('$id Deadline: properties over 2026–2028', ({ policy }) => {
  it('the date of a date target is the date itself', () => {
    fc.assert(
      fc.property(localDate, (d) => deadlineDate(policy, d) === d && !isHoursTarget(d)),
      runs,
    );
  });

  it('an hours target ends on the UTC date in winter (GMT) and on the date an hour later in summer (BST)', () => {
    fc.assert(
      fc.property(onGmt, (t) => deadlineDate(policy, t.toISOString()) === t.toISOString().slice(0, 10)),
      runs,
    );
    fc.assert(
      fc.property(
        onBst,
        (t) => deadlineDate(policy, t.toISOString()) === new Date(t.getTime() + HOUR).toISOString().slice(0, 10),
      ),
      runs,
    );
  });

  it('isWithin is monotone: whatever is within at some instant was within at every earlier one', () => {
    fc.assert(
      fc.property(deadline, instant, instant, (value, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        return !isWithin(policy, value, late) || isWithin(policy, value, early);
      }),
      runs,
    );
  });

  it('a date target passes after every instant of its local day, and at the first instant of the next', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 25 * HOUR - 1 }), (d, ms) => {
        const passes = deadlinePassesAt(policy, d);
        const t = new Date(instantAt(d, 0, policy.timeZone).getTime() + ms);
        const onThatDay = deadlineDate(policy, t.toISOString()) === d;
        return (
          (!onThatDay || (t < passes && isWithin(policy, d, t))) &&
          deadlineDate(policy, passes.toISOString()) === addDays(d, 1) &&
          !isWithin(policy, d, passes) &&
          isWithin(policy, d, new Date(passes.getTime() - 1))
        );
      }),
      runs,
    );
  });

  it('within means before the instant it passes (at or before it, for an hours target)', () => {
    fc.assert(
      fc.property(deadline, instant, (value, at) => {
        const passes = deadlinePassesAt(policy, value).getTime();
        const expected = isHoursTarget(value) ? at.getTime() <= passes : at.getTime() < passes;
        return isWithin(policy, value, at) === expected;
      }),
      runs,
    );
  });
});

describe('Deadline: shapes', () => {
  it.each([
    ['a working-day date', '2026-12-10', { kind: 'date', date: '2026-12-10' }],
    ['an hours instant', '2026-12-10T10:00:00.000Z', { kind: 'hours', instant: new Date('2026-12-10T10:00:00.000Z') }],
    [
      'an instant with an offset',
      '2026-06-10T11:00:00+01:00',
      { kind: 'hours', instant: new Date('2026-06-10T10:00Z') },
    ],
  ])('reads %s', (_label, value, parsed) => {
    expect(parseDeadline(value)).toEqual(parsed);
    expect(isHoursTarget(value)).toBe(parsed.kind === 'hours');
  });

  it.each([
    ['an impossible date', '2026-02-30'],
    ['words', '10 December'],
    ['nothing', ''],
    ['an instant that is not one', '2026-12-10T25:00:00Z'],
  ])('refuses %s', (_label, value) => {
    expect(() => parseDeadline(value)).toThrow(RangeError);
  });
});

describe('Deadline: when a target ends and passes (Europe/London)', () => {
  it.each(
    titled(
      [
        {
          label: 'a winter date passes at midnight GMT',
          value: '2026-01-09',
          date: '2026-01-09',
          passes: '2026-01-10T00:00:00.000Z',
        },
        {
          label: 'a summer date passes at midnight BST',
          value: '2026-06-10',
          date: '2026-06-10',
          passes: '2026-06-10T23:00:00.000Z',
        },
        {
          label: 'the day before the clocks go forward',
          value: '2026-03-28',
          date: '2026-03-28',
          passes: '2026-03-29T00:00:00.000Z',
        },
        {
          label: 'the day the clocks go forward (23 hours)',
          value: '2026-03-29',
          date: '2026-03-29',
          passes: '2026-03-29T23:00:00.000Z',
        },
        {
          label: 'the day the clocks go back (25 hours)',
          value: '2026-10-25',
          date: '2026-10-25',
          passes: '2026-10-26T00:00:00.000Z',
        },
        {
          label: 'an hours target late on a summer evening',
          value: '2026-06-10T23:30:00.000Z',
          date: '2026-06-11',
          passes: '2026-06-10T23:30:00.000Z',
        },
        {
          label: 'an hours target late on a winter evening',
          value: '2026-01-09T23:30:00.000Z',
          date: '2026-01-09',
          passes: '2026-01-09T23:30:00.000Z',
        },
      ],
      '$label: ends on $date, passes at $passes',
    ),
  )('%s', (_title, { value, date, passes }) => {
    expect(deadlineDate(hightown, value)).toBe(date);
    expect(deadlinePassesAt(hightown, value).toISOString()).toBe(passes);
  });

  it.each([
    ['a reply at 23:59 BST on the target day', '2026-06-10', '2026-06-10T22:59:59.999Z', true],
    ['a reply at midnight BST after it', '2026-06-10', '2026-06-10T23:00:00.000Z', false],
    ['a reply at 00:30 GMT the next day', '2026-01-09', '2026-01-10T00:30:00.000Z', false],
    ['a reply at the very instant of an hours target', '2026-06-10T10:00:00.000Z', '2026-06-10T10:00:00.000Z', true],
    ['a reply a millisecond after it', '2026-06-10T10:00:00.000Z', '2026-06-10T10:00:00.001Z', false],
  ])('%s is within %s: %s', (_label, value, at, within) => {
    expect(isWithin(hightown, value, at)).toBe(within);
    expect(isWithin(hightown, value, new Date(at))).toBe(within);
  });
});

describe('Deadline: the response target that applies', () => {
  // Monday 8 June 2026, 11:00 BST: no bank holiday for weeks either side.
  const received = new Date('2026-06-08T10:00:00.000Z');
  const complaint = (over: Partial<Case> = {}) =>
    ({
      kind: 'complaint-stage-1',
      targets: computeTargets(hightown, { kind: 'complaint-stage-1', received }),
      ...over,
    }) as Case;

  it('counts a stage 1 complaint from its acknowledgement deadline until there is an acknowledgement', () => {
    expect(complaint().targets).toMatchObject({ acknowledgeBy: '2026-06-15', respondBy: '2026-06-29' });
    expect(policyRespondBy(hightown, complaint())).toBe('2026-06-29');
  });

  it.each(
    titled(
      [
        { label: 'acknowledged the same day', acknowledgedAt: '2026-06-08T11:00:00.000Z', respondBy: '2026-06-22' },
        { label: 'acknowledged after 17:00', acknowledgedAt: '2026-06-09T17:30:00.000Z', respondBy: '2026-06-24' },
      ],
      'recounts from the actual acknowledgement: $label → $respondBy',
    ),
  )('%s', (_title, { acknowledgedAt, respondBy }) => {
    expect(policyRespondBy(hightown, complaint({ acknowledgedAt }))).toBe(respondBy);
    expect(policyRespondBy(hightown, complaint(), acknowledgedAt)).toBe(respondBy);
    expect(effectiveRespondBy(complaint({ acknowledgedAt }), hightown)).toBe(respondBy);
  });

  it('does not recount a target counted from receipt, nor an hours target', () => {
    const email = { kind: 'email', targets: computeTargets(hightown, { kind: 'email', received }) } as Case;
    const repair = {
      kind: 'repair-emergency',
      targets: computeTargets(blairtummock, { kind: 'repair-emergency', received }),
    } as Case;
    const acknowledgedAt = '2026-06-09T09:00:00.000Z';
    expect(policyRespondBy(hightown, { ...email, acknowledgedAt })).toBe(email.targets.respondBy);
    expect(policyRespondBy(blairtummock, { ...repair, acknowledgedAt })).toBe('2026-06-09T10:00:00.000Z');
  });

  it.each(
    titled(
      [
        {
          label: 'an agreed date wins',
          over: { agreedReplyDate: '2026-07-01' },
          policy: hightown,
          expected: '2026-07-01',
        },
        {
          label: 'then an extension',
          over: {
            extension: {
              workingDays: 5,
              reason: 'r',
              respondBy: '2026-07-06',
              grantedBy: 'm',
              at: '2026-06-20T09:00:00Z',
            },
          },
          policy: hightown,
          expected: '2026-07-06',
        },
        {
          label: 'then the recounted policy target',
          over: { acknowledgedAt: '2026-06-08T11:00:00.000Z' },
          policy: hightown,
          expected: '2026-06-22',
        },
        {
          label: 'without a policy, the target as stored',
          over: { acknowledgedAt: '2026-06-08T11:00:00.000Z' },
          policy: undefined,
          expected: '2026-06-29',
        },
      ],
      '$label',
    ),
  )('%s', (_title, { over, policy, expected }) => {
    expect(effectiveRespondBy(complaint(over), policy)).toBe(expected);
  });
});
