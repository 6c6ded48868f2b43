/**
 * Issue 11 at the command line: `inbox deadlines` answers the hazard kinds and
 * their `--investigated` milestones exactly as CONTRACTS.md says, and
 * `inbox policies` shows every statutory rule with its basis.
 */
import { describe, expect, it } from 'vitest';
import { run } from './support/run.js';
import { titled } from './support/titled.js';

const CONTRACT_KEYS = ['policy', 'kind', 'received', 'clockStarts', 'acknowledgeBy', 'respondBy'];
const RECEIVED = '2026-12-23T10:00:00Z';
const deadlines = (policy: string, kind: string, received: string, ...more: string[]) =>
  run('deadlines', '--policy', policy, '--kind', kind, '--received', received, ...more);

describe('inbox deadlines: hazard kinds and their milestones', () => {
  it.each(
    titled(
      [
        {
          label: 'hightown complaint stage 1, no acknowledgement yet',
          args: ['hightown', 'complaint-stage-1', '2026-06-08T10:00:00Z'],
          expected: { clockStarts: '2026-06-08', acknowledgeBy: '2026-06-15', respondBy: '2026-06-29' },
        },
        {
          label: 'hightown complaint stage 1, acknowledged Tue 9 Jun',
          args: ['hightown', 'complaint-stage-1', '2026-06-08T10:00:00Z', '--acknowledged', '2026-06-09T11:00:00Z'],
          expected: { clockStarts: '2026-06-08', acknowledgeBy: '2026-06-15', respondBy: '2026-06-23' },
        },
        {
          label: 'blairtummock letter: acknowledge in 3, reply in 10',
          args: ['blairtummock', 'letter', '2026-06-08T10:00:00Z'],
          expected: { clockStarts: '2026-06-08', acknowledgeBy: '2026-06-11', respondBy: '2026-06-22' },
        },
        {
          label: 'blairtummock phone message after 17:00 BST: the next working day',
          args: ['blairtummock', 'phone-message', '2026-06-08T16:30:00Z'],
          expected: { clockStarts: '2026-06-09', acknowledgeBy: null, respondBy: '2026-06-09' },
        },
        {
          label: 'blairtummock emergency repair: 24 clock hours as UTC instants',
          args: ['blairtummock', 'repair-emergency', '2026-03-27T16:30:00Z'],
          expected: {
            clockStarts: '2026-03-27T16:30:00.000Z',
            acknowledgeBy: null,
            respondBy: '2026-03-28T16:30:00.000Z',
          },
        },
        {
          label: 'a leap day',
          args: ['hightown', 'phone-message', '2028-02-29T10:00:00Z'],
          expected: { clockStarts: '2028-02-29', acknowledgeBy: null, respondBy: '2028-03-02' },
        },
        {
          label: 'an instant with an offset',
          args: ['hightown', 'phone-message', '2026-06-08T17:30:00+01:00'],
          expected: { clockStarts: '2026-06-09', acknowledgeBy: null, respondBy: '2026-06-11' },
        },
      ],
      '$label',
    ),
  )('%s', async (_title, { args, expected }) => {
    // Prepare
    const [policy = '', kind = '', received = '', ...more] = args;

    // Act
    const { status, stdout, stderr } = await deadlines(policy, kind, received, ...more);

    // Assess
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const printed = JSON.parse(stdout);
    expect(Object.keys(printed)).toEqual(CONTRACT_KEYS);
    expect(printed).toEqual({ policy, kind, received: new Date(received).toISOString(), ...expected });
  });

  it.each(
    titled(
      [
        {
          label: 'hightown damp and mould, investigated Monday 4 January 2027 at 16:59',
          args: ['hightown', 'hazard-damp-mould', '2026-12-23T10:00:00Z', '--investigated', '2027-01-04T16:59:00Z'],
          expected: {
            clockStarts: '2026-12-23',
            acknowledgeBy: null,
            respondBy: '2027-01-11',
            milestones: { summaryBy: '2027-01-07', worksBy: '2027-01-11' },
          },
        },
        {
          label: 'blairtummock damp and mould, investigated on 2 January’s substitute day',
          args: ['blairtummock', 'hazard-damp-mould', '2026-12-23T10:00:00Z', '--investigated', '2027-01-04T16:59:00Z'],
          expected: {
            clockStarts: '2026-12-23',
            acknowledgeBy: null,
            respondBy: '2027-01-12',
            milestones: { summaryBy: '2027-01-08', worksBy: '2027-01-12' },
          },
        },
        {
          label: 'hightown emergency hazard, investigated at 17:01 over Easter 2027',
          args: ['hightown', 'hazard-emergency', '2027-03-25T09:00:00Z', '--investigated', '2027-03-25T17:01:00Z'],
          expected: {
            clockStarts: '2027-03-25T09:00:00.000Z',
            acknowledgeBy: null,
            respondBy: '2027-03-26T09:00:00.000Z',
            milestones: { summaryBy: '2027-04-02', worksBy: '2027-04-06' },
          },
        },
        {
          label: 'blairtummock damp and mould without --investigated: milestones null',
          args: ['blairtummock', 'hazard-damp-mould', '2026-11-26T12:00:00Z'],
          expected: { clockStarts: '2026-11-26', acknowledgeBy: null, respondBy: '2026-12-11', milestones: null },
        },
      ],
      '$label',
    ),
  )('hazard kinds: %s', async (_title, { args, expected }) => {
    // Prepare
    const [policy = '', kind = '', received = '', ...more] = args;

    // Act
    const { status, stdout, stderr } = await deadlines(policy, kind, received, ...more);

    // Assess
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const printed = JSON.parse(stdout);
    expect(Object.keys(printed)).toEqual([...CONTRACT_KEYS, 'milestones']);
    expect(printed).toEqual({ policy, kind, received: new Date(received).toISOString(), ...expected });
  });
});

describe('deadlines --help', () => {
  it('deadlines --help lists every preset and every kind', async () => {
    // Act
    const { stdout } = await run('deadlines', '--help');

    // Assess
    const words = ['hightown', 'blairtummock', 'phone-message', 'complaint-stage-2', 'repair-programmed'];
    for (const word of [...words, 'hazard-emergency', 'hazard-damp-mould', '--investigated']) {
      expect(stdout).toContain(word);
    }
  });
});

describe('inbox policies: the statutory rules', () => {
  it('shows the statutory hazard clocks, the complaint rules and where clocks start, each with its basis', async () => {
    // Act
    const { status, stdout } = await run('policies');

    // Assess
    expect(status).toBe(0);
    expect(stdout).toMatch(/hazard-emergency\s+—\s+24 hours, met by making safe\s+Awaab's Law/);
    expect(stdout).toMatch(
      /hazard-damp-mould\s+—\s+10 working days, met by the investigation\s+Investigation and Commencement/,
    );
    expect(stdout).toContain('summary: send you a written summary of what we found within 3 working days');
    expect(stdout).toContain('works: start the repair within 5 working days of the investigation');
    expect(stdout).toContain('within 12 weeks of the investigation');
    expect(stdout).toContain('ombudsman: Housing Ombudsman Service');
    expect(stdout).toContain('ombudsman: Scottish Public Services Ombudsman (SPSO)');
    expect(stdout).toMatch(/a complex complaint may start at stage 2: yes \(SPSO/);
    expect(stdout).toContain("a voicemail left while its officer was away: from the officer's return");
  });
});

describe('inbox deadlines --investigated: bad input exits 2 with one line', () => {
  it.each(
    titled(
      [
        {
          label: '--investigated on a kind without milestones',
          argv: [
            'deadlines',
            '--policy',
            'hightown',
            '--kind',
            'email',
            '--received',
            RECEIVED,
            '--investigated',
            RECEIVED,
          ],
          problem: /--investigated applies to the hazard kinds only, not "email"/,
        },
        {
          label: '--investigated before --received',
          argv: [
            'deadlines',
            '--policy',
            'hightown',
            '--kind',
            'hazard-damp-mould',
            '--received',
            RECEIVED,
            '--investigated',
            '2026-12-22T10:00:00Z',
          ],
          problem: /--investigated is earlier than --received/,
        },
        {
          label: '--investigated without a time zone',
          argv: [
            'deadlines',
            '--policy',
            'blairtummock',
            '--kind',
            'hazard-damp-mould',
            '--received',
            RECEIVED,
            '--investigated',
            '2026-12-24T10:00',
          ],
          problem: /--investigated must be an ISO-8601 instant with a time zone/,
        },
      ],
      '$label',
    ),
  )('%s', async (_title, { argv, problem }) => {
    const { status, stdout, stderr } = await run(...argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(problem);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
