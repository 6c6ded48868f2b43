import { chooseOwner, coveredOfficers, type Officer } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';

const base = { email: 'x@hightown.example', active: true, lineManagerId: 'mgr' };
const directory: Officer[] = [
  { ...base, id: 'mgr', name: 'Manager', role: 'manager', teamId: 'customer-services', lineManagerId: undefined },
  { ...base, id: 'rec', name: 'Reception', role: 'reception', teamId: 'customer-services' },
  { ...base, id: 'ann', name: 'Ann', role: 'officer', teamId: 'housing-management', patches: ['HX1'] },
  { ...base, id: 'bob', name: 'Bob', role: 'officer', teamId: 'housing-management', patches: ['T-NORTH'] },
  { ...base, id: 'cat', name: 'Cat', role: 'officer', teamId: 'housing-management' },
  { ...base, id: 'con', name: 'Contributor', role: 'contributor', teamId: 'housing-management' },
  {
    ...base,
    id: 'dan',
    name: 'Dan',
    role: 'officer',
    teamId: 'income',
    absences: [{ from: '2026-12-01', to: '2026-12-04', setBy: 'dan' }],
  },
  { ...base, id: 'eve', name: 'Eve', role: 'officer', teamId: 'income', active: false },
];
const loads: Record<string, number> = { ann: 5, bob: 2, cat: 2, dan: 0, eve: 0, mgr: 9 };
const load = async (id: string) => loads[id] ?? 0;

describe('choosing the owner of a new case', () => {
  it.each([
    { label: 'fewest open cases wins; ties go to the first id', team: 'housing-management', options: {}, owner: 'bob' },
    {
      label: 'the named officer for a postcode patch',
      team: 'housing-management',
      options: { contact: { postcode: 'HX1 4AB' } },
      owner: 'ann',
    },
    {
      label: 'a postcode inside the address line counts',
      team: 'housing-management',
      options: { contact: { address: '3 Mill Lane, Hightown HX1 2CD' } },
      owner: 'ann',
    },
    {
      label: 'the named officer for a tenancy-reference patch',
      team: 'housing-management',
      options: { contact: { tenancyRef: 't-north-0042' } },
      owner: 'bob',
    },
    {
      label: 'an excluded officer (stage 1 owner) is passed over',
      team: 'housing-management',
      options: { exclude: ['bob'] },
      owner: 'cat',
    },
    { label: 'nobody free (away, left): the line manager', team: 'income', options: {}, owner: 'mgr' },
    {
      label: 'after the absence the officer gets work again',
      team: 'income',
      options: { today: '2026-12-07' },
      owner: 'dan',
    },
  ])('$label', async ({ team, options, owner }) => {
    const choice = await chooseOwner(directory, team, load, { today: '2026-12-02', ...options });
    expect(choice.ownerId).toBe(owner);
    expect(choice.reason.length).toBeGreaterThan(10);
  });

  it('never gives a case to a contributor, an officer who left, or one who is away', async () => {
    const incomeOnly = directory.filter((o) => o.teamId === 'income' || o.role === 'reception');
    const choice = await chooseOwner(incomeOnly, 'income', load, { today: '2026-12-02' });
    expect(choice.ownerId).toBe('rec');
    expect(choice.reason).toContain('reception');
  });

  it('lets a line manager cover the officers who are away today, and only while they are away', () => {
    expect(coveredOfficers(directory, 'mgr', '2026-12-02')).toEqual(['dan']);
    expect(coveredOfficers(directory, 'mgr', '2026-12-07')).toEqual([]);
  });
});
