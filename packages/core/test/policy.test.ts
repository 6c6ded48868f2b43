import { presets } from '@housing-inbox/policies';
import { describe, expect, it } from 'vitest';
import { type LandlordPolicy, PolicyError, parsePolicy } from '../src/policy.js';
import { titled } from './support/titled.js';

const hightown = presets.hightown as LandlordPolicy;

type Path = readonly (string | number)[];

/** A deep copy of the Hightown preset with the value at `path` replaced (or removed, for undefined). */
function hightownWith(path: Path, value: unknown): unknown {
  const copy: unknown = structuredClone(hightown);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function messageOf(act: () => unknown): string {
  try {
    act();
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as Error).message;
  }
  throw new Error('expected parsePolicy to throw');
}

describe('parsePolicy', () => {
  it.each(Object.values(presets).map((policy) => ({ id: policy.id, policy })))(
    'accepts the $id preset unchanged',
    ({ policy }) => {
      expect(parsePolicy(structuredClone(policy))).toEqual(policy);
    },
  );

  it.each(
    titled(
      [
        {
          label: 'a negative workingDays under targets.email.respond',
          at: ['targets', 'email', 'respond', 'workingDays'],
          value: -1,
          names: 'targets.email.respond.workingDays',
        },
        {
          label: 'a fractional acknowledgement',
          at: ['targets', 'complaint-stage-1', 'acknowledge', 'workingDays'],
          value: 2.5,
          names: 'targets.complaint-stage-1.acknowledge.workingDays',
        },
        {
          label: 'a zero-hours target',
          at: ['targets', 'email', 'respond'],
          value: { hours: 0 },
          names: 'targets.email.respond.hours',
        },
        {
          label: 'a respond rule without `from`',
          at: ['targets', 'email', 'respond'],
          value: { workingDays: 10 },
          names: 'targets.email.respond.from',
        },
        {
          label: 'a respond rule counting from an unknown event',
          at: ['targets', 'email', 'respond', 'from'],
          value: 'escalation',
          names: 'targets.email.respond.from',
        },
        {
          label: "from: 'acknowledgement' without an acknowledge rule",
          at: ['targets', 'email', 'respond', 'from'],
          value: 'acknowledgement',
          names: 'targets.email.respond.from: counts from the acknowledgement but no acknowledgement target is set',
        },
        {
          label: 'a target for a kind that does not exist',
          at: ['targets', 'fax'],
          value: hightown.targets.email,
          names: 'fax',
        },
        {
          label: 'a category naming an unknown department',
          at: ['categories', 2, 'department'],
          value: 'estates',
          names: 'categories[2].department: names department "estates"',
        },
        {
          label: 'a closure date that does not exist',
          at: ['closureDays'],
          value: [{ date: '2026-02-30', reason: 'staff training' }],
          names: 'closureDays[0].date: expected a date YYYY-MM-DD',
        },
        {
          label: 'a closure date written the British way',
          at: ['closureDays'],
          value: [
            { date: '2026-12-29', reason: 'Christmas closure' },
            { date: '30/12/2026', reason: 'Christmas closure' },
          ],
          names: 'closureDays[1].date',
        },
        {
          label: 'a closure day without a reason',
          at: ['closureDays'],
          value: [{ date: '2026-12-29', reason: '' }],
          names: 'closureDays[0].reason',
        },
        {
          label: 'offices that close before they open',
          at: ['officeHours'],
          value: { opens: '17:00', closes: '09:00' },
          names: 'officeHours.closes: offices must open before they close',
        },
        {
          label: 'an office hour that is not a time',
          at: ['officeHours', 'closes'],
          value: '5pm',
          names: 'officeHours.closes: expected a time HH:MM',
        },
        {
          label: 'an unknown time zone',
          at: ['timeZone'],
          value: 'Europe/Londres',
          names: 'timeZone: expected an IANA time zone',
        },
        {
          label: 'a nation the calendar does not know (GB-WLS)',
          at: ['bankHolidays'],
          value: 'GB-WLS',
          names: 'bankHolidays',
        },
        {
          label: 'a missing case-reference prefix',
          at: ['caseReferencePrefix'],
          value: undefined,
          names: 'caseReferencePrefix',
        },
        {
          label: 'a lower-case case-reference prefix',
          at: ['caseReferencePrefix'],
          value: 'ht',
          names: 'caseReferencePrefix: expected 2 to 4 capital letters',
        },
        {
          label: 'an empty keyword list',
          at: ['classification', 'complaint'],
          value: [],
          names: 'classification.complaint',
        },
        {
          label: 'no targets at all',
          at: ['targets'],
          value: {},
          names: 'targets: a policy needs at least one target',
        },
        {
          label: 'an unknown top-level field (a typo)',
          at: ['closureDay'],
          value: [],
          names: 'closureDay',
        },
      ] as { label: string; at: Path; value: unknown; names: string }[],
      'rejects $label, naming the field',
    ),
  )('%s', (_title, { at, value, names }) => {
    // Prepare
    const input = hightownWith(at, value);

    // Act
    const message = messageOf(() => parsePolicy(input, 'preset "hightown"'));

    // Assess
    expect(message).toContain('preset "hightown" is invalid');
    expect(message).toContain(names);
    expect(message).not.toContain('\n');
  });

  it('reports every problem, not only the first', () => {
    // Prepare
    const input = hightownWith(['closureDays'], [{ date: 'tomorrow', reason: 'x' }]) as LandlordPolicy;
    input.categories[0] = { ...hightown.categories[0], department: 'nowhere' } as LandlordPolicy['categories'][0];

    // Act
    const message = messageOf(() => parsePolicy(input));

    // Assess
    expect(message).toContain('closureDays[0].date');
    expect(message).toContain('categories[0].department');
  });

  it.each(
    titled(
      [
        { label: 'null', input: null },
        { label: 'a string', input: 'hightown' },
        { label: 'an empty object', input: {} },
      ],
      'rejects $label with a PolicyError',
    ),
  )('%s', (_title, { input }) => {
    expect(() => parsePolicy(input)).toThrow(PolicyError);
  });
});
