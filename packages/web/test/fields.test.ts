import { describe, expect, it } from 'vitest';
import { bodyTypes, ukInstant } from '../src/app/fields.js';

describe('a time typed in UK time', () => {
  const now = new Date('2026-12-01T15:00:00Z');

  it.each([
    ['winter (GMT)', '01/12/2026 09:15', '2026-12-01T09:15:00.000Z'],
    ['summer (BST)', '1/7/2026 9:15', '2026-07-01T08:15:00.000Z'],
    ['am/pm and a dot', '1/7/2026 2.30pm', '2026-07-01T13:30:00.000Z'],
    ['12am is midnight', '02/07/2026 12:05am', '2026-07-01T23:05:00.000Z'],
    ['with "at"', '1/12/2026 at 16:45', '2026-12-01T16:45:00.000Z'],
    ['ISO without an offset', '2026-07-01T09:15', '2026-07-01T08:15:00.000Z'],
    ['ISO with a space', '2026-12-01 09:15', '2026-12-01T09:15:00.000Z'],
    ['the day the clocks go forward, after', '29/03/2026 02:30', '2026-03-29T01:30:00.000Z'],
    ['the day the clocks go back, before', '25/10/2026 00:30', '2026-10-24T23:30:00.000Z'],
    ['the day the clocks go back, after', '25/10/2026 03:00', '2026-10-25T03:00:00.000Z'],
    ['just a time: today', '09:15', '2026-12-01T09:15:00.000Z'],
    ['"today" and a time', 'today at 8.05am', '2026-12-01T08:05:00.000Z'],
  ])('%s: %s', (_label, typed, instant) => {
    expect(ukInstant(typed, now)).toBe(instant);
  });

  it('keeps an instant with its offset as it is', () => {
    expect(ukInstant('2026-12-01T10:00:00Z', now)).toBe('2026-12-01T10:00:00Z');
    expect(ukInstant('2026-07-01T10:00:00+01:00', now)).toBe('2026-07-01T10:00:00+01:00');
  });

  it.each(['31/02/2026 09:00', '01/12/2026 25:00', '1/12/2026 13:00pm', 'yesterday', '01/12/2026', ''])(
    'is not a time: %s',
    (typed) => {
      expect(ukInstant(typed, now)).toBeUndefined();
    },
  );
});

describe('what a form sends', () => {
  const send = bodyTypes(
    { instants: ['at'], booleans: ['worksNeeded', 'further'], numbers: ['stage'] },
    () => new Date('2026-12-01T15:00:00Z'),
  );

  it('times as instants, yes and no as booleans, digits as numbers', () => {
    expect(send({ at: '01/12/2026 09:15', worksNeeded: 'yes', further: 'no', stage: '2', note: 'x' })).toEqual({
      at: '2026-12-01T09:15:00.000Z',
      worksNeeded: true,
      further: false,
      stage: 2,
      note: 'x',
    });
  });

  it('leaves what it cannot read for the API to name the problem', () => {
    expect(send({ at: 'last Tuesday', worksNeeded: '' })).toEqual({ at: 'last Tuesday', worksNeeded: '' });
    expect(send({})).toEqual({});
  });
});
