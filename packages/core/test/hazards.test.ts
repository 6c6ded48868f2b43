/**
 * The statutory hazard clocks of both presets (CONTRACTS.md "Hazard kinds"):
 * the investigation target from receipt and the milestones from the
 * investigation's conclusion, across 2026–2028 — bank holidays of each
 * nation, substitute days, BST and GMT, and 16:59 / 17:00 / 17:01 local.
 */
import { presets } from '@housing-inbox/policies';
import { describe, expect, it } from 'vitest';
import { contractMilestones, milestoneDates } from '../src/milestones.js';
import type { LandlordPolicy } from '../src/policy.js';
import { computeTargets } from '../src/targets.js';
import { titled } from './support/titled.js';

const policies = presets as Record<'hightown' | 'blairtummock', LandlordPolicy>;

describe('hazard targets: the investigation clock runs from receipt', () => {
  it.each(
    titled(
      [
        // Wednesday 23 December 2026: England loses 25, 28 December and 1 January; Scotland also 4 January (2 January's substitute).
        { policy: 'hightown', received: '2026-12-23T10:00:00Z', respondBy: '2027-01-11' },
        { policy: 'blairtummock', received: '2026-12-23T10:00:00Z', respondBy: '2027-01-12' },
        // Thursday 23 December 2027 at 17:00 GMT is day 0; at 17:01 day 0 is the 24th. 2028 opens with substitute days (3 Jan; Scotland 3 and 4 Jan).
        { policy: 'hightown', received: '2027-12-23T17:00:00Z', respondBy: '2028-01-11' },
        { policy: 'blairtummock', received: '2027-12-23T17:00:00Z', respondBy: '2028-01-12' },
        { policy: 'hightown', received: '2027-12-23T17:01:00Z', respondBy: '2028-01-12' },
        { policy: 'blairtummock', received: '2027-12-23T17:01:00Z', respondBy: '2028-01-13' },
        // 16:59 BST (15:59 UTC) on Friday 23 October 2026 is day 0; 17:01 BST is not.
        { policy: 'hightown', received: '2026-10-23T15:59:00Z', respondBy: '2026-11-06' },
        { policy: 'hightown', received: '2026-10-23T16:01:00Z', respondBy: '2026-11-09' },
        // St Andrew's Day (Monday 30 November 2026) is a Scottish bank holiday only.
        { policy: 'hightown', received: '2026-11-26T12:00:00Z', respondBy: '2026-12-10' },
        { policy: 'blairtummock', received: '2026-11-26T12:00:00Z', respondBy: '2026-12-11' },
      ] as const,
      '$policy damp and mould received $received: investigate by $respondBy',
    ),
  )('%s', (_title, { policy, received, respondBy }) => {
    const targets = computeTargets(policies[policy], { kind: 'hazard-damp-mould', received: new Date(received) });
    expect(targets.respondBy).toBe(respondBy);
    expect(targets.acknowledgeBy).toBeNull();
  });

  it.each(
    titled(
      [
        // Saturday night before the clocks go forward: 24 clock hours, not 24 wall-clock hours.
        { policy: 'hightown', received: '2026-03-28T23:30:00Z', respondBy: '2026-03-29T23:30:00.000Z' },
        { policy: 'blairtummock', received: '2027-10-30T12:00:00Z', respondBy: '2027-10-31T12:00:00.000Z' },
        // Christmas Day counts: nights, weekends and holidays are all hours.
        { policy: 'hightown', received: '2028-12-24T20:00:00Z', respondBy: '2028-12-25T20:00:00.000Z' },
        { policy: 'blairtummock', received: '2028-12-24T20:00:00Z', respondBy: '2028-12-25T20:00:00.000Z' },
      ] as const,
      '$policy emergency hazard received $received: made safe by $respondBy',
    ),
  )('%s', (_title, { policy, received, respondBy }) => {
    const targets = computeTargets(policies[policy], { kind: 'hazard-emergency', received: new Date(received) });
    expect(targets).toEqual({ clockStarts: new Date(received).toISOString(), acknowledgeBy: null, respondBy });
  });
});

describe('hazard milestones: summary in 3 working days, works in 5, from the investigation', () => {
  it.each(
    titled(
      [
        // Monday 4 January 2027 16:59: a working day in England, 2 January's substitute in Scotland.
        { policy: 'hightown', investigated: '2027-01-04T16:59:00Z', summaryBy: '2027-01-07', worksBy: '2027-01-11' },
        {
          policy: 'blairtummock',
          investigated: '2027-01-04T16:59:00Z',
          summaryBy: '2027-01-08',
          worksBy: '2027-01-12',
        },
        // Easter 2027 (GMT until 28 March): Good Friday in both nations, Easter Monday in England only. 17:00 is day 0; 17:01 is not.
        { policy: 'hightown', investigated: '2027-03-25T17:00:00Z', summaryBy: '2027-04-01', worksBy: '2027-04-05' },
        {
          policy: 'blairtummock',
          investigated: '2027-03-25T17:00:00Z',
          summaryBy: '2027-03-31',
          worksBy: '2027-04-02',
        },
        { policy: 'hightown', investigated: '2027-03-25T17:01:00Z', summaryBy: '2027-04-02', worksBy: '2027-04-06' },
        {
          policy: 'blairtummock',
          investigated: '2027-03-25T17:01:00Z',
          summaryBy: '2027-04-01',
          worksBy: '2027-04-05',
        },
        // BST: 15:59 UTC is 16:59 on Friday 23 October 2026 (day 0); 16:01 UTC is 17:01 (day 0 is Monday).
        { policy: 'hightown', investigated: '2026-10-23T15:59:00Z', summaryBy: '2026-10-28', worksBy: '2026-10-30' },
        {
          policy: 'blairtummock',
          investigated: '2026-10-23T16:01:00Z',
          summaryBy: '2026-10-29',
          worksBy: '2026-11-02',
        },
        // St Andrew's Day, Monday 30 November 2026, in Scotland only.
        { policy: 'hightown', investigated: '2026-11-26T12:00:00Z', summaryBy: '2026-12-01', worksBy: '2026-12-03' },
        {
          policy: 'blairtummock',
          investigated: '2026-11-26T12:00:00Z',
          summaryBy: '2026-12-02',
          worksBy: '2026-12-04',
        },
        // New Year 2028 falls on a weekend: substitute Monday 3 January (Scotland: 3 and 4 January).
        { policy: 'hightown', investigated: '2027-12-30T12:00:00Z', summaryBy: '2028-01-05', worksBy: '2028-01-07' },
        {
          policy: 'blairtummock',
          investigated: '2027-12-30T12:00:00Z',
          summaryBy: '2028-01-06',
          worksBy: '2028-01-10',
        },
        // Concluded on Saturday 15 April 2028: day 0 is the next working day (Easter Monday is a holiday in England only).
        { policy: 'hightown', investigated: '2028-04-15T10:00:00Z', summaryBy: '2028-04-21', worksBy: '2028-04-25' },
        {
          policy: 'blairtummock',
          investigated: '2028-04-15T10:00:00Z',
          summaryBy: '2028-04-20',
          worksBy: '2028-04-24',
        },
      ] as const,
      '$policy investigation concluded $investigated: summary by $summaryBy, works by $worksBy',
    ),
  )('%s', (_title, { policy, investigated, summaryBy, worksBy }) => {
    for (const kind of ['hazard-damp-mould', 'hazard-emergency'] as const) {
      expect(contractMilestones(policies[policy], kind, new Date(investigated))).toEqual({ summaryBy, worksBy });
    }
  });

  it('England: supplementary preventative work physically started within 12 calendar weeks', () => {
    const dates = milestoneDates(policies.hightown, 'hazard-damp-mould', new Date('2026-06-01T10:00:00Z'), {
      worksNeeded: true,
      furtherWorksNeeded: true,
    });
    expect(dates.map((m) => [m.id, m.due, m.metBy, m.bestEffort])).toEqual([
      ['summary', '2026-06-04', 'summary-sent', false],
      ['works', '2026-06-08', 'works-completed', false],
      ['further-works-begun', '2026-06-08', 'further-works-started', true],
      ['further-works-started', '2026-08-24', 'further-works-started', false],
    ]);
  });

  it('only the milestones the findings call for: no works needed leaves the summary', () => {
    const none = { worksNeeded: false, furtherWorksNeeded: false };
    for (const policy of Object.values(policies)) {
      const dates = milestoneDates(policy, 'hazard-damp-mould', new Date('2026-06-01T10:00:00Z'), none);
      expect(dates.map((m) => m.id)).toEqual(['summary']);
    }
  });

  it('Scotland: the works milestone is starting the repair', () => {
    const [, works] = milestoneDates(policies.blairtummock, 'hazard-damp-mould', new Date('2026-10-06T09:00:00Z'), {
      worksNeeded: true,
      furtherWorksNeeded: false,
    });
    expect(works).toMatchObject({ id: 'works', metBy: 'works-started', due: '2026-10-13' });
  });

  it('every hazard rule says where it comes from', () => {
    for (const policy of Object.values(policies)) {
      for (const rule of Object.values(policy.hazards)) {
        expect(rule?.basis).toBeTruthy();
        for (const m of rule?.milestones ?? []) expect(m.basis).toBeTruthy();
      }
    }
  });
});
