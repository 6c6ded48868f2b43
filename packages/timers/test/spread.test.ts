/**
 * Notices due at an office opening are spread over the first office hour, a
 * fixed offset per case, and still go in office hours on a working day.
 */
import { addDays, calendarFor, instantAt, ManualClock } from '@housing-inbox/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimerTasks, InMemoryWakeUpStore, isOfficeTime, spreadOverOpening } from '../src/index.js';
import { blairtummock, hightown, MemoryCases, makeCase, RecordingNoticeSender } from './support.js';

const HOUR = 3_600_000;

describe('sends spread across the first office hour', () => {
  it('moves a notice due at an opening to within that working day’s first office hour, the same every time (both calendars, 2026–2028)', () => {
    const opening = fc
      .record({
        policy: fc.constantFrom(hightown, blairtummock),
        day: fc.integer({ min: 0, max: 3 * 365 }),
      })
      .map(({ policy, day }) => {
        const calendar = calendarFor(policy);
        const date = calendar.nextWorkingDay(addDays('2025-12-31', day));
        return { policy, at: instantAt(date, calendar.opensAt, policy.timeZone) };
      });
    const caseRef = fc
      .tuple(fc.constantFrom('HT', 'BT'), fc.integer({ min: 2026, max: 2028 }), fc.integer({ min: 1, max: 9_999_999 }))
      .map(([prefix, year, n]) => `${prefix}-${year}-${String(n).padStart(7, '0')}`);

    fc.assert(
      fc.property(opening, caseRef, ({ policy, at }, ref) => {
        const spread = spreadOverOpening(at, ref, policy);
        expect(isOfficeTime(spread, policy)).toBe(true);
        expect(spread.getTime() - at.getTime()).toBeGreaterThanOrEqual(0);
        expect(spread.getTime() - at.getTime()).toBeLessThan(HOUR);
        expect(spreadOverOpening(at, ref, policy)).toEqual(spread);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves any other instant alone', () => {
    const at = new Date('2026-03-03T10:00:01.000Z');
    expect(spreadOverOpening(at, 'HT-2026-0000001', hightown)).toEqual(at);
  });

  it('spreads a morning’s notices over the hour rather than one minute', () => {
    const at = new Date('2026-03-13T09:00:00.000Z');
    const minutes = new Set(
      Array.from({ length: 200 }, (_, i) =>
        Math.floor(
          (spreadOverOpening(at, `HT-2026-${String(i + 1).padStart(7, '0')}`, hightown).getTime() - at.getTime()) /
            60_000,
        ),
      ),
    );
    expect(minutes.size).toBeGreaterThan(40);
  });

  it('the plan task waits for the case’s own minute; Act then finds the notice due and sends it', async () => {
    // Arrange
    const cases = new MemoryCases();
    const kase = makeCase(hightown, 'email');
    cases.add(kase);
    const clock = new ManualClock('2026-03-03T10:00:01.000Z');
    const sender = new RecordingNoticeSender();
    const store = new InMemoryWakeUpStore();
    const tasks = createTimerTasks({
      repository: cases.repository(),
      policy: hightown,
      clock,
      sender,
      spread: { minutes: 60 },
      park: { store, beyondMs: 24 * HOUR },
    });

    // Act
    const parked = await tasks.plan({ caseRef: kase.ref, settled: ['acknowledgement'] });

    // Assert: the owner's warning, due at 09:00 on 13 March, parked at the case's minute of that hour.
    const expected = spreadOverOpening(new Date('2026-03-13T09:00:00.000Z'), kase.ref, hightown).toISOString();
    expect(expected).not.toBe('2026-03-13T09:00:00.000Z');
    expect(parked).toMatchObject({ action: 'none', at: expected, key: 'owner-warning:2026-03-17' });
    expect(await store.all()).toEqual([{ caseRef: kase.ref, at: expected, key: 'owner-warning:2026-03-17' }]);

    // Act: the sweep restarts it the day before; the execution waits, then acts at that minute.
    clock.set(new Date(new Date(expected).getTime() - HOUR));
    const waiting = await tasks.plan({ caseRef: kase.ref, settled: ['acknowledgement'] });
    clock.set(new Date(expected));
    const state = await tasks.act({ caseRef: kase.ref, settled: ['acknowledgement'], key: waiting.key });

    // Assert
    expect(waiting).toMatchObject({ action: 'warn-owner', at: expected });
    expect(state.acted).toMatchObject({ status: 'sent' });
    expect(sender.sent.map((n) => n.key)).toEqual(['owner-warning:2026-03-17']);
  });
});
