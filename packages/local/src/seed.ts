/**
 * The people a fresh local stack starts with: for each department of the
 * policy two caseworkers and a contributor, a reception officer, and a manager
 * who can see every case. Fictional names; addresses on the reserved .example domain.
 */
import type { LandlordPolicy, Officer } from '@housing-inbox/core';

const FIRST = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Eilidh',
  'Femi',
  'Grace',
  'Hamza',
  'Isla',
  'Jack',
  'Kiran',
  'Lucy',
  'Mo',
  'Niamh',
  'Owen',
  'Priya',
  'Rory',
  'Sana',
];
const LAST = [
  'Ahmed',
  'Brown',
  'Campbell',
  'Davies',
  'Evans',
  'Fraser',
  'Green',
  'Hussain',
  'Iqbal',
  'Jones',
  'Kaur',
  'Lewis',
  'MacLeod',
  'Nowak',
  'Okafor',
  'Patel',
  'Reid',
  'Smith',
];

function domainOf(policy: LandlordPolicy): string {
  return `${policy.id}.example`;
}

export function seedOfficers(policy: LandlordPolicy): Officer[] {
  const domain = domainOf(policy);
  const frontDoor =
    policy.categories.find((c) => c.id === 'other')?.department ?? policy.departments[0]?.id ?? 'reception';
  // Each officer's email is theirs alone: sign-in and the directory tell officers apart by it.
  // Past the first round of first names the surnames shift, so no two people share a name either.
  const taken = new Set<string>();
  const person = (i: number) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7 + 3 + Math.floor(i / FIRST.length)) % LAST.length] as string;
    let email = `${first}.${last}@${domain}`.toLowerCase();
    for (let n = 2; taken.has(email); n++) email = `${first}.${last}${n}@${domain}`.toLowerCase();
    taken.add(email);
    return { name: `${first} ${last}`, email };
  };
  const managerId = `${policy.id}-manager`;
  const officers: Officer[] = [
    {
      id: managerId,
      ...person(0),
      role: 'manager',
      teamId: frontDoor,
      active: true,
      // The post the policy names for disclosure decisions, where it names one (Blairtummock 4.3).
      jobTitle: policy.privacy?.disclosure.deciders.jobTitles[0] ?? 'Manager',
    },
    {
      id: `${policy.id}-reception`,
      ...person(1),
      role: 'reception',
      teamId: frontDoor,
      active: true,
      lineManagerId: managerId,
    },
  ];
  let n = 2;
  for (const dept of policy.departments) {
    for (const [suffix, role] of [
      ['officer-1', 'officer'],
      ['officer-2', 'officer'],
      ['contributor', 'contributor'],
    ] as const) {
      officers.push({
        id: `${dept.id}-${suffix}`,
        ...person(n++),
        role,
        teamId: dept.id,
        active: true,
        lineManagerId: managerId,
      });
    }
  }
  return officers;
}
