/** Cases as the API answers them, for the console's unit tests. */
import type { CaseDetail, CaseListItem } from '../src/app/types.js';

export function listItem(overrides: Partial<CaseListItem> = {}): CaseListItem {
  return {
    ref: 'HT-2026-000001',
    channel: 'email',
    kind: 'email',
    workKind: overrides.kind ?? 'email',
    priority: null,
    hazardKind: null,
    status: 'new',
    ownerId: 'o1',
    teamId: 'housing',
    contact: {
      id: 'c1',
      name: 'Nora Tenant',
      email: 'nora@resident.example',
      phone: '+447700900123',
      postcode: 'HX1 4AB',
      preferredChannel: null,
      unacceptableBehaviour: false,
    },
    subject: 'Rent',
    receivedAt: '2026-12-01T10:00:00Z',
    targets: { acknowledgeBy: null, respondBy: '2026-12-15' },
    category: 'service-request',
    restricted: false,
    acknowledgedAt: null,
    respondedAt: null,
    effectiveRespondBy: '2026-12-15',
    workingDaysLeft: 10,
    overdue: false,
    ...overrides,
  };
}

/** A case as `GET /api/cases/{ref}` answers it: the list item's fields, its classification and history. */
export function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  const kind = overrides.kind ?? 'email';
  const category = /^(hazard|repair)-/.test(kind)
    ? 'repair'
    : kind.startsWith('complaint')
      ? 'complaint'
      : 'service-request';
  return {
    ...listItem({ kind, workKind: kind, category, status: 'in-progress', subject: 'Black mould in the bedroom' }),
    contact: null,
    targets: { clockStarts: '2026-12-01', acknowledgeBy: null, respondBy: '2026-12-15' },
    classification: {
      category,
      kind,
      reason: 'likely hazard (damp or mould): "black mould"; an officer confirms or rules it out',
      decidedBy: 'system',
    },
    agreedReplyDate: null,
    lastPromised: null,
    delayReason: null,
    extension: null,
    stageOneOwnerId: null,
    previousAnswers: [],
    closedAt: null,
    responseOutcome: null,
    mergedInto: null,
    merging: null,
    closedAs: null,
    hazard: null,
    needsReading: null,
    letterReading: null,
    investigation: null,
    milestones: [],
    linked: [],
    pendingDetails: null,
    legalHold: null,
    disclosures: [],
    erased: null,
    messages: [],
    timeline: [],
    requests: [],
    ...overrides,
  };
}
