import { presets } from '@housing-inbox/policies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../src/calendar.js';
import { addDays, type LocalDate } from '../src/dates.js';
import { CASE_KINDS } from '../src/model.js';
import type { LandlordPolicy } from '../src/policy.js';
import { computeTargets } from '../src/targets.js';

const landlords = Object.values(presets).map((policy: LandlordPolicy) => ({ id: policy.id, policy }));

const FIRST = Date.parse('2026-01-01T00:00:00Z');
const LAST = Date.parse('2028-12-31T23:59:59.999Z');
const DAYS = 365 * 3;

/** A calendar date in 2026–2028, working or not. */
const localDate = fc.integer({ min: 0, max: DAYS - 1 }).map((i) => addDays('2026-01-01', i));
/** An instant in 2026–2028, down to the millisecond, so the 17:00 edge and the clock changes get hit. */
const instant = fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms));
/** Instants close together around the office close, where the day-0 rule bites. */
const nearClose = fc
  .tuple(localDate, fc.integer({ min: 15 * 3_600_000, max: 18 * 3_600_000 }))
  .map(([d, ms]) => new Date(Date.parse(`${d}T00:00:00Z`) + ms));
const receipt = fc.oneof(instant, nearClose);
const workingDays = fc.integer({ min: 0, max: 40 });

function kindsWithTargets(policy: LandlordPolicy) {
  return CASE_KINDS.filter((k) => policy.targets[k]);
}

const runs = { numRuns: 200 };

describe.each(landlords)('$id calendar: properties over 2026–2028', ({ policy }) => {
  const calendar = calendarFor(policy);
  const kinds = kindsWithTargets(policy);
  const kind = fc.constantFrom(...kinds);

  it('no working-day target ever falls on a non-working day', () => {
    fc.assert(
      fc.property(kind, receipt, fc.option(fc.integer({ min: 0, max: 30 * 86_400_000 })), (k, received, ackDelay) => {
        // Act
        const acknowledged = ackDelay === null ? undefined : new Date(received.getTime() + ackDelay);
        const targets = computeTargets(policy, { kind: k, received, acknowledged });

        // Assess
        const rule = policy.targets[k];
        if (rule && 'hours' in rule.respond) return;
        for (const date of [targets.clockStarts, targets.acknowledgeBy, targets.respondBy]) {
          if (date !== null)
            expect(calendar.closedBecause(date), `${k} ${received.toISOString()} → ${date}`).toBeNull();
        }
      }),
      runs,
    );
  });

  it('adding N then M working days equals adding N + M', () => {
    fc.assert(
      fc.property(localDate, workingDays, workingDays, (d, n, m) => {
        expect(calendar.addWorkingDays(calendar.addWorkingDays(d, n), m)).toBe(calendar.addWorkingDays(d, n + m));
      }),
      runs,
    );
  });

  it('adding N ≥ 1 working days lands on a working day strictly later', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const result = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result > d).toBe(true);
      }),
      runs,
    );
  });

  it('a later receipt never gives an earlier target', () => {
    fc.assert(
      fc.property(kind, receipt, fc.integer({ min: 0, max: 10 * 86_400_000 }), (k, earlier, gap) => {
        // Prepare
        const later = new Date(earlier.getTime() + gap);

        // Act
        const first = computeTargets(policy, { kind: k, received: earlier });
        const second = computeTargets(policy, { kind: k, received: later });

        // Assess (dates and ISO instants both order as strings)
        expect(second.clockStarts >= first.clockStarts).toBe(true);
        expect(second.respondBy >= first.respondBy).toBe(true);
        if (first.acknowledgeBy !== null && second.acknowledgeBy !== null) {
          expect(second.acknowledgeBy >= first.acknowledgeBy).toBe(true);
        }
      }),
      runs,
    );
  });

  it('a later acknowledgement never gives an earlier response target (Hightown complaints count from it)', () => {
    fc.assert(
      fc.property(
        kind,
        receipt,
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        (k, received, d1, d2) => {
          const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const first = computeTargets(policy, { kind: k, received, acknowledged: new Date(received.getTime() + a) });
          const second = computeTargets(policy, { kind: k, received, acknowledged: new Date(received.getTime() + b) });
          expect(second.respondBy >= first.respondBy).toBe(true);
        },
      ),
      runs,
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, N)) is N, and the reverse is −N', () => {
    fc.assert(
      fc.property(localDate, workingDays, (d, n) => {
        const target = calendar.addWorkingDays(d, n);
        expect(calendar.workingDaysBetween(d, target)).toBe(n);
        expect(calendar.workingDaysBetween(target, d) + n).toBe(0);
      }),
      runs,
    );
  });

  it('workingDaysBetween counts the working days after one date up to another, as walking them would', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -800, max: 800 }), (d, gap) => {
        const e = addDays(d, gap);
        let walked = 0;
        for (let day = d; day < e; ) {
          day = addDays(day, 1);
          if (calendar.isWorkingDay(day)) walked++;
        }
        for (let day = e; day < d; ) {
          day = addDays(day, 1);
          if (calendar.isWorkingDay(day)) walked--;
        }
        expect(calendar.workingDaysBetween(d, e)).toBe(walked);
      }),
      runs,
    );
  });

  it('adding workingDaysBetween(d, e) to d gives e back when e is a later working day', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 60 }), (d, gap) => {
        // Prepare
        let e: LocalDate = addDays(d, gap);
        if (!calendar.isWorkingDay(e)) e = calendar.nextWorkingDay(e);

        // Act
        const n = calendar.workingDaysBetween(d, e);

        // Assess
        expect(calendar.addWorkingDays(d, n)).toBe(e);
      }),
      runs,
    );
  });

  it('subtracting N working days undoes adding them, from a working day', () => {
    fc.assert(
      fc.property(localDate, workingDays, (d, n) => {
        const start = calendar.isWorkingDay(d) ? d : calendar.nextWorkingDay(d);
        expect(calendar.subtractWorkingDays(calendar.addWorkingDays(start, n), n)).toBe(start);
      }),
      runs,
    );
  });

  it('day 0 is a working day no earlier than the local date of receipt', () => {
    fc.assert(
      fc.property(receipt, (received) => {
        const day0 = calendar.clockStart(received);
        expect(calendar.isWorkingDay(day0)).toBe(true);
        expect(day0 >= calendar.localDate(received)).toBe(true);
        // No working day is skipped between receipt and day 0.
        expect(calendar.workingDaysBetween(calendar.localDate(received), day0)).toBeLessThanOrEqual(1);
      }),
      runs,
    );
  });
});
