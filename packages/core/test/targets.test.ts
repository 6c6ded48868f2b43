import { presets } from '@housing-inbox/policies';
import { describe, expect, it } from 'vitest';
import { type LandlordPolicy, parsePolicy } from '../src/policy.js';
import { computeTargets, NoTargetError } from '../src/targets.js';
import { titled } from './support/titled.js';

function preset(id: 'hightown' | 'blairtummock'): LandlordPolicy {
  const policy = presets[id];
  if (!policy) throw new Error(`missing preset ${id}`);
  return policy;
}
const hightown = preset('hightown');
const blairtummock = preset('blairtummock');
const policies = { hightown, blairtummock };

describe('computeTargets: the contract example', () => {
  it('hightown email received 2026-12-23T10:00:00.000Z is answered by 2027-01-11', () => {
    // Act
    const targets = computeTargets(hightown, { kind: 'email', received: new Date('2026-12-23T10:00:00.000Z') });

    // Assess
    expect(targets).toEqual({ clockStarts: '2026-12-23', acknowledgeBy: null, respondBy: '2027-01-11' });
  });
});

/**
 * Every seed timescale, counted from Monday 8 June 2026 at 11:00 BST: no bank
 * holiday in either nation for the following six weeks, so the figures read
 * straight off a calendar (+2 = Wed 10 Jun, +3 = Thu 11 Jun, +5 = Mon 15 Jun,
 * +10 = Mon 22 Jun, +20 = Mon 6 Jul, +30 = Mon 20 Jul).
 */
const RECEIVED = '2026-06-08T10:00:00.000Z';

describe.each(
  titled(
    [
      // Hightown (England): the customer service policy and the Complaint Handling Code.
      {
        policy: 'hightown',
        kind: 'phone-message',
        timescale: 'reply in 2 working days',
        ack: null,
        respond: '2026-06-10',
      },
      { policy: 'hightown', kind: 'email', timescale: 'reply in 10 working days', ack: null, respond: '2026-06-22' },
      { policy: 'hightown', kind: 'letter', timescale: 'reply in 10 working days', ack: null, respond: '2026-06-22' },
      {
        policy: 'hightown',
        kind: 'sms',
        timescale: 'assumed: like email, 10 working days',
        ack: null,
        respond: '2026-06-22',
      },
      {
        policy: 'hightown',
        kind: 'web-form',
        timescale: 'assumed: like email, 10 working days',
        ack: null,
        respond: '2026-06-22',
      },
      {
        policy: 'hightown',
        kind: 'complaint-stage-1',
        timescale: 'ack 5, respond 10 after the ack deadline',
        ack: '2026-06-15',
        respond: '2026-06-29',
      },
      {
        policy: 'hightown',
        kind: 'complaint-stage-2',
        timescale: 'ack 5, respond 20 after the ack deadline',
        ack: '2026-06-15',
        respond: '2026-07-13',
      },
      // Blairtummock (Scotland): the customer service policy and the SPSO model procedure.
      {
        policy: 'blairtummock',
        kind: 'phone-message',
        timescale: 'same working day',
        ack: null,
        respond: '2026-06-08',
      },
      {
        policy: 'blairtummock',
        kind: 'email',
        timescale: 'ack 3 or reply 10',
        ack: '2026-06-11',
        respond: '2026-06-22',
      },
      {
        policy: 'blairtummock',
        kind: 'letter',
        timescale: 'ack 3 or reply 10',
        ack: '2026-06-11',
        respond: '2026-06-22',
      },
      {
        policy: 'blairtummock',
        kind: 'sms',
        timescale: 'assumed: correspondence, ack 3 or reply 10',
        ack: '2026-06-11',
        respond: '2026-06-22',
      },
      {
        policy: 'blairtummock',
        kind: 'web-form',
        timescale: 'assumed: correspondence, ack 3 or reply 10',
        ack: '2026-06-11',
        respond: '2026-06-22',
      },
      {
        policy: 'blairtummock',
        kind: 'complaint-stage-1',
        timescale: 'SPSO frontline response in 5',
        ack: null,
        respond: '2026-06-15',
      },
      {
        policy: 'blairtummock',
        kind: 'complaint-stage-2',
        timescale: 'SPSO ack 3, decision 20 from receipt',
        ack: '2026-06-11',
        respond: '2026-07-06',
      },
      { policy: 'blairtummock', kind: 'repair-urgent', timescale: '5 working days', ack: null, respond: '2026-06-15' },
      {
        policy: 'blairtummock',
        kind: 'repair-standard',
        timescale: '10 working days',
        ack: null,
        respond: '2026-06-22',
      },
      {
        policy: 'blairtummock',
        kind: 'repair-programmed',
        timescale: '30 working days',
        ack: null,
        respond: '2026-07-20',
      },
    ] as const,
    '$policy $kind ($timescale)',
  ),
)('%s', (_title, { policy, kind, ack, respond }) => {
  it(`received ${RECEIVED}: acknowledge by ${ack ?? '(none)'}, respond by ${respond}`, () => {
    // Act
    const targets = computeTargets(policies[policy], { kind, received: new Date(RECEIVED) });

    // Assess
    expect(targets).toEqual({ clockStarts: '2026-06-08', acknowledgeBy: ack, respondBy: respond });
  });
});

describe('computeTargets: the nations count different holidays', () => {
  it.each(
    titled(
      [
        {
          label: 'Easter 2026, England: Good Friday and Easter Monday skipped',
          policy: 'hightown',
          kind: 'phone-message',
          received: '2026-04-02T10:00:00Z',
          expected: { clockStarts: '2026-04-02', acknowledgeBy: null, respondBy: '2026-04-08' },
        },
        {
          label: 'Easter 2026, Scotland: Good Friday skipped, Easter Monday worked',
          policy: 'blairtummock',
          kind: 'letter',
          received: '2026-04-02T10:00:00Z',
          expected: { clockStarts: '2026-04-02', acknowledgeBy: '2026-04-08', respondBy: '2026-04-17' },
        },
        {
          label: 'New Year 2027, England: 1 January only',
          policy: 'hightown',
          kind: 'email',
          received: '2026-12-31T10:00:00Z',
          expected: { clockStarts: '2026-12-31', acknowledgeBy: null, respondBy: '2027-01-15' },
        },
        {
          label: 'New Year 2027, Scotland: 1 January and the 2 January substitute (Mon 4th)',
          policy: 'blairtummock',
          kind: 'email',
          received: '2026-12-31T10:00:00Z',
          expected: { clockStarts: '2026-12-31', acknowledgeBy: '2027-01-07', respondBy: '2027-01-18' },
        },
        {
          label: "St Andrew's Day 2026, England works it",
          policy: 'hightown',
          kind: 'phone-message',
          received: '2026-11-27T10:00:00Z',
          expected: { clockStarts: '2026-11-27', acknowledgeBy: null, respondBy: '2026-12-01' },
        },
        {
          label: "St Andrew's Day 2026, Scotland skips it",
          policy: 'blairtummock',
          kind: 'repair-urgent',
          received: '2026-11-27T10:00:00Z',
          expected: { clockStarts: '2026-11-27', acknowledgeBy: null, respondBy: '2026-12-07' },
        },
        {
          label: 'first Monday of August 2026, England works it',
          policy: 'hightown',
          kind: 'phone-message',
          received: '2026-07-31T10:00:00Z',
          expected: { clockStarts: '2026-07-31', acknowledgeBy: null, respondBy: '2026-08-04' },
        },
        {
          label: 'first Monday of August 2026, Scotland skips it',
          policy: 'blairtummock',
          kind: 'complaint-stage-1',
          received: '2026-07-31T10:00:00Z',
          expected: { clockStarts: '2026-07-31', acknowledgeBy: null, respondBy: '2026-08-10' },
        },
        {
          label: 'last Monday of August 2026, England skips it',
          policy: 'hightown',
          kind: 'phone-message',
          received: '2026-08-28T10:00:00Z',
          expected: { clockStarts: '2026-08-28', acknowledgeBy: null, respondBy: '2026-09-02' },
        },
        {
          label: 'last Monday of August 2026, Scotland works it',
          policy: 'blairtummock',
          kind: 'complaint-stage-1',
          received: '2026-08-28T10:00:00Z',
          expected: { clockStarts: '2026-08-28', acknowledgeBy: null, respondBy: '2026-09-04' },
        },
        {
          label: 'Christmas 2026, England: complaint stage 1 acknowledged over the holidays',
          policy: 'hightown',
          kind: 'complaint-stage-1',
          received: '2026-12-23T10:00:00Z',
          expected: { clockStarts: '2026-12-23', acknowledgeBy: '2027-01-04', respondBy: '2027-01-18' },
        },
      ] as const,
      '$label',
    ),
  )('%s', (_title, { policy, kind, received, expected }) => {
    // Act
    const targets = computeTargets(policies[policy], { kind, received: new Date(received) });

    // Assess
    expect(targets).toEqual(expected);
  });
});

describe('computeTargets: day 0 (close of office at 17:00 Europe/London)', () => {
  // Blairtummock's phone messages are due the same working day, so respondBy is day 0 itself.
  it.each(
    titled(
      [
        { label: 'winter, 16:59:59 GMT', received: '2026-01-12T16:59:59Z', day0: '2026-01-12' },
        {
          label: 'winter, 17:00:00 exactly: still the same day',
          received: '2026-01-12T17:00:00.000Z',
          day0: '2026-01-12',
        },
        { label: 'winter, 17:00:01: the next working day', received: '2026-01-12T17:00:01Z', day0: '2026-01-13' },
        { label: 'winter, 17:00:00.001: after the close', received: '2026-01-12T17:00:00.001Z', day0: '2026-01-13' },
        { label: 'before the office opens (08:30)', received: '2026-01-12T08:30:00Z', day0: '2026-01-12' },
        { label: 'local midnight', received: '2026-01-12T00:00:00Z', day0: '2026-01-12' },
        { label: 'late evening (23:59:59)', received: '2026-01-12T23:59:59Z', day0: '2026-01-13' },
        { label: 'Friday after the close: Monday', received: '2026-01-09T17:30:00Z', day0: '2026-01-12' },
        { label: 'Saturday: Monday', received: '2026-01-10T10:00:00Z', day0: '2026-01-12' },
        { label: 'Sunday just before midnight: Monday', received: '2026-01-11T23:59:59Z', day0: '2026-01-12' },
        { label: 'summer, 16:59:59 BST', received: '2026-06-08T15:59:59Z', day0: '2026-06-08' },
        { label: 'summer, 17:00:00 BST exactly', received: '2026-06-08T16:00:00Z', day0: '2026-06-08' },
        { label: 'summer, 17:00:01 BST', received: '2026-06-08T16:00:01Z', day0: '2026-06-09' },
        { label: 'summer, 16:30Z is 17:30 BST', received: '2026-06-08T16:30:00Z', day0: '2026-06-09' },
        { label: 'an offset instant: 17:00+01:00', received: '2026-06-08T17:00:00+01:00', day0: '2026-06-08' },
        { label: 'an offset instant: 17:01+01:00', received: '2026-06-08T17:01:00+01:00', day0: '2026-06-09' },
      ],
      '$label ($received) → $day0',
    ),
  )('%s', (_title, { received, day0 }) => {
    // Act
    const targets = computeTargets(blairtummock, { kind: 'phone-message', received: new Date(received) });

    // Assess
    expect(targets).toEqual({ clockStarts: day0, acknowledgeBy: null, respondBy: day0 });
  });

  it.each(
    titled(
      [
        {
          label: 'England, Early May bank holiday',
          policy: 'hightown',
          received: '2026-05-04T10:00:00Z',
          day0: '2026-05-05',
        },
        {
          label: 'Scotland, Early May bank holiday',
          policy: 'blairtummock',
          received: '2026-05-04T10:00:00Z',
          day0: '2026-05-05',
        },
        { label: 'England, Easter Monday', policy: 'hightown', received: '2026-04-06T09:00:00Z', day0: '2026-04-07' },
        {
          label: 'Scotland, Easter Monday is a working day',
          policy: 'blairtummock',
          received: '2026-04-06T09:00:00Z',
          day0: '2026-04-06',
        },
        { label: 'Scotland, 2 January', policy: 'blairtummock', received: '2026-01-02T10:00:00Z', day0: '2026-01-05' },
        {
          label: 'England, 2 January is a working day',
          policy: 'hightown',
          received: '2026-01-02T10:00:00Z',
          day0: '2026-01-02',
        },
        {
          label: 'England, Christmas Eve after the close',
          policy: 'hightown',
          received: '2026-12-24T17:30:00Z',
          day0: '2026-12-29',
        },
      ] as const,
      'bank holidays: $label → $day0',
    ),
  )('%s', (_title, { policy, received, day0 }) => {
    // Act
    const targets = computeTargets(policies[policy], { kind: 'email', received: new Date(received) });

    // Assess
    expect(targets.clockStarts).toBe(day0);
  });
});

describe('computeTargets: across the BST/GMT changes', () => {
  // 2026: BST from 01:00Z Sunday 29 March until 01:00Z Sunday 25 October.
  it.each(
    titled(
      [
        { label: 'Friday before BST starts, 16:30Z = 16:30 GMT', received: '2026-03-27T16:30:00Z', day0: '2026-03-27' },
        { label: 'Monday after BST starts, 16:30Z = 17:30 BST', received: '2026-03-30T16:30:00Z', day0: '2026-03-31' },
        { label: 'Sunday 29 March, 00:30 GMT', received: '2026-03-29T00:30:00Z', day0: '2026-03-30' },
        {
          label: 'Sunday 29 March 23:30Z is already Monday 00:30 BST',
          received: '2026-03-29T23:30:00Z',
          day0: '2026-03-30',
        },
        { label: 'Thursday 23:30Z in BST is Friday 00:30', received: '2026-10-22T23:30:00Z', day0: '2026-10-23' },
        {
          label: 'Friday before GMT returns, 16:30Z = 17:30 BST',
          received: '2026-10-23T16:30:00Z',
          day0: '2026-10-26',
        },
        { label: 'Sunday 25 October, 01:30 BST then 01:30 GMT', received: '2026-10-25T00:30:00Z', day0: '2026-10-26' },
        { label: 'Monday after GMT returns, 16:30Z = 16:30 GMT', received: '2026-10-26T16:30:00Z', day0: '2026-10-26' },
        {
          label: 'Monday 26 October 23:30Z is 23:30 GMT, after the close',
          received: '2026-10-26T23:30:00Z',
          day0: '2026-10-27',
        },
        { label: '2027: Tuesday after BST starts (28 March)', received: '2027-03-30T16:30:00Z', day0: '2027-03-31' },
        { label: '2028: Friday before GMT returns (29 October)', received: '2028-10-27T16:30:00Z', day0: '2028-10-30' },
      ],
      '$label → $day0',
    ),
  )('%s', (_title, { received, day0 }) => {
    // Act
    const targets = computeTargets(hightown, { kind: 'email', received: new Date(received) });

    // Assess
    expect(targets.clockStarts).toBe(day0);
  });
});

describe('computeTargets: hours targets (Blairtummock emergency repair, 24 clock hours)', () => {
  it.each(
    titled(
      [
        {
          label: 'Friday afternoon: due on Saturday, weekends count',
          received: '2026-03-27T16:30:00.000Z',
          respondBy: '2026-03-28T16:30:00.000Z',
        },
        {
          label: 'Saturday noon across the spring clock change: 24 real hours, not the same wall-clock time',
          received: '2026-03-28T12:00:00.000Z',
          respondBy: '2026-03-29T12:00:00.000Z',
        },
        {
          label: 'Saturday across the autumn clock change',
          received: '2026-10-24T12:00:00.000Z',
          respondBy: '2026-10-25T12:00:00.000Z',
        },
        {
          label: 'Christmas Eve night: due on Christmas Day, holidays count',
          received: '2026-12-24T22:00:00.000Z',
          respondBy: '2026-12-25T22:00:00.000Z',
        },
        {
          label: 'an offset instant comes back in UTC',
          received: '2026-06-12T18:00:00+01:00',
          respondBy: '2026-06-13T17:00:00.000Z',
        },
      ],
      '$label',
    ),
  )('%s', (_title, { received, respondBy }) => {
    // Act
    const targets = computeTargets(blairtummock, { kind: 'repair-emergency', received: new Date(received) });

    // Assess
    expect(targets).toEqual({ clockStarts: new Date(received).toISOString(), acknowledgeBy: null, respondBy });
  });
});

describe('computeTargets: Hightown complaints counted from the acknowledgement', () => {
  // Received Monday 8 June 2026; acknowledgement due Monday 15 June.
  it.each(
    titled(
      [
        {
          label: 'no acknowledgement yet: from the deadline (15 Jun)',
          acknowledged: undefined,
          respondBy: '2026-06-29',
        },
        { label: 'acknowledged at once: from 8 Jun', acknowledged: RECEIVED, respondBy: '2026-06-22' },
        { label: 'acknowledged Tue 9 Jun 12:00 BST', acknowledged: '2026-06-09T11:00:00Z', respondBy: '2026-06-23' },
        {
          label: 'acknowledged Tue 9 Jun 17:30 BST, after the close: from Wed 10 Jun',
          acknowledged: '2026-06-09T16:30:00Z',
          respondBy: '2026-06-24',
        },
        {
          label: 'acknowledged on Saturday 13 Jun: from Mon 15 Jun',
          acknowledged: '2026-06-13T10:00:00Z',
          respondBy: '2026-06-29',
        },
        {
          label: 'acknowledged late, Wed 17 Jun: from the actual acknowledgement',
          acknowledged: '2026-06-17T08:00:00Z',
          respondBy: '2026-07-01',
        },
      ],
      'stage 1, $label → $respondBy',
    ),
  )('%s', (_title, { acknowledged, respondBy }) => {
    // Act
    const targets = computeTargets(hightown, {
      kind: 'complaint-stage-1',
      received: new Date(RECEIVED),
      acknowledged: acknowledged ? new Date(acknowledged) : undefined,
    });

    // Assess: the acknowledgement deadline itself never moves
    expect(targets).toEqual({ clockStarts: '2026-06-08', acknowledgeBy: '2026-06-15', respondBy });
  });

  it('stage 2 acknowledged Wed 10 Jun is answered 20 working days later', () => {
    // Act
    const targets = computeTargets(hightown, {
      kind: 'complaint-stage-2',
      received: new Date(RECEIVED),
      acknowledged: new Date('2026-06-10T09:00:00Z'),
    });

    // Assess
    expect(targets).toEqual({ clockStarts: '2026-06-08', acknowledgeBy: '2026-06-15', respondBy: '2026-07-08' });
  });

  it('an acknowledgement does not change targets counted from receipt', () => {
    // Act
    const targets = computeTargets(blairtummock, {
      kind: 'complaint-stage-2',
      received: new Date(RECEIVED),
      acknowledged: new Date('2026-06-10T09:00:00Z'),
    });

    // Assess
    expect(targets.respondBy).toBe('2026-07-06');
  });
});

describe('computeTargets: closure days', () => {
  it('a policy closure day is skipped like a bank holiday', () => {
    // Prepare
    const closing = parsePolicy({
      ...hightown,
      id: 'hightown-closing',
      closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'].map((date) => ({ date, reason: 'Christmas closure' })),
    });

    // Act
    const targets = computeTargets(closing, { kind: 'email', received: new Date('2026-12-23T10:00:00Z') });

    // Assess
    expect(targets.respondBy).toBe('2027-01-14');
  });
});

describe('computeTargets: refusals', () => {
  it.each(['repair-emergency', 'repair-urgent', 'repair-standard', 'repair-programmed'] as const)(
    'hightown sets no target for %s: NoTargetError naming the policy and the kind',
    (kind) => {
      // Act
      const act = () => computeTargets(hightown, { kind, received: new Date(RECEIVED) });

      // Assess
      expect(act).toThrow(NoTargetError);
      expect(act).toThrow(`policy "hightown" sets no target for kind "${kind}"`);
    },
  );

  it('an invalid receipt instant is refused', () => {
    expect(() => computeTargets(hightown, { kind: 'email', received: new Date('not a date') })).toThrow(RangeError);
  });

  it('an acknowledgement before the receipt is refused', () => {
    // Act
    const act = () =>
      computeTargets(hightown, {
        kind: 'complaint-stage-1',
        received: new Date(RECEIVED),
        acknowledged: new Date('2026-06-07T10:00:00Z'),
      });

    // Assess
    expect(act).toThrow(/acknowledged is earlier than received/);
  });
});
