/** A command's Context built by hand, so decisions are tested as the pure functions they are. */
import { presets } from '@housing-inbox/policies';
import type { Actor } from '../../src/access.js';
import { calendarFor } from '../../src/calendar.js';
import type { Case, CaseWithHistory, DepartmentRequest, Officer } from '../../src/cases.js';
import type { Context } from '../../src/commands/run.js';
import type { CaseKind, Contact } from '../../src/model.js';
import type { LandlordPolicy } from '../../src/policy.js';
import { computeTargets } from '../../src/targets.js';

export const hightown = presets.hightown as LandlordPolicy;
export const blairtummock = presets.blairtummock as LandlordPolicy;

/** Tuesday 1 December 2026, 10:00 GMT. */
export const NOW = '2026-12-01T10:00:00.000Z';

const officer = (id: string, role: Officer['role'], teamId: string, name: string): Officer => ({
  id,
  name,
  email: `${id}@hightown.example`,
  role,
  teamId,
  active: true,
});

export const OFFICERS: Officer[] = [
  officer('owner', 'officer', 'housing-management', 'Olu Owner'),
  officer('mate', 'officer', 'housing-management', 'Tam Teammate'),
  officer('manager', 'manager', 'housing-management', 'Mo Manager'),
  officer('repairs', 'contributor', 'property-services', 'Pat Property'),
  officer('reception', 'reception', 'customer-services', 'Rae Reception'),
  officer('rents', 'officer', 'income', 'Ria Rents'),
  { ...officer('gone', 'officer', 'housing-management', 'Lee Leaver'), active: false },
];

export const actor = (officerId: string): Actor => {
  const o = OFFICERS.find((x) => x.id === officerId) as Officer;
  return { officerId, role: o.role, teamId: o.teamId };
};

export function makeCase(policy: LandlordPolicy, kind: CaseKind, over: Partial<Case> = {}): Case {
  return {
    ref: `${policy.caseReferencePrefix}-2026-000001`,
    policyId: policy.id,
    channel: 'email',
    kind,
    classification: { category: 'service-request', kind, reason: 'test', decidedBy: 'system' },
    status: 'new',
    ownerId: 'owner',
    teamId: 'housing-management',
    contactId: 'contact-1',
    subject: 'About my home',
    receivedAt: NOW,
    targets: computeTargets(policy, { kind, received: new Date(NOW) }),
    restricted: false,
    lastMessageAt: NOW,
    messageCount: 1,
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

export const contact: Contact = { id: 'contact-1', name: 'Ada Resident', email: 'ada@resident.example' };

export function contextFor(
  kase: Case,
  as = 'owner',
  history: { requests?: DepartmentRequest[]; contact?: Contact; policy?: LandlordPolicy; now?: string } = {},
): Context {
  const policy = history.policy ?? hightown;
  const now = history.now ?? NOW;
  const found: CaseWithHistory = {
    case: kase,
    contact: history.contact ?? contact,
    messages: [],
    timeline: [],
    requests: history.requests ?? [],
  };
  let id = 0;
  const newId = () => `id-${++id}`;
  return {
    policy,
    calendar: calendarFor(policy),
    found,
    kase,
    actor: actor(as),
    officers: OFFICERS,
    covering: [],
    now,
    today: calendarFor(policy).localDate(new Date(now)),
    newId,
    entry: (type, summary, data) => ({ id: newId(), caseRef: kase.ref, at: now, type, actor: as, summary, data }),
    countOpenCases: async (officerId) => (officerId === 'mate' ? 1 : 5),
  };
}
