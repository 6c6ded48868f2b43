import type { Case, DepartmentRequest } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import {
  caseIndexAttributes,
  caseItemKind,
  type KeyCondition,
  keys,
  queries,
  requestIndexAttributes,
} from '../src/index.js';
import { INDEXES } from '../src/schema.js';

const kase: Case = {
  ref: 'HT-2026-000042',
  policyId: 'hightown',
  channel: 'email',
  kind: 'email',
  classification: { category: 'service-request', kind: 'email', reason: 'test', decidedBy: 'system' },
  status: 'new',
  ownerId: 'olu',
  teamId: 'income',
  contactId: 'contact-7',
  subject: 'Rent statement',
  // 23:30 UTC on 31 March is 00:30 on 1 April in London: the local month counts.
  receivedAt: '2026-03-31T23:30:00.000Z',
  targets: { clockStarts: '2026-04-01', acknowledgeBy: null, respondBy: '2026-04-15' },
  restricted: false,
  lastMessageAt: '2026-03-31T23:30:00.000Z',
  messageCount: 1,
  createdAt: '2026-03-31T23:30:00.000Z',
  updatedAt: '2026-03-31T23:30:00.000Z',
};

/** Whether the item, as written, is in the partition the query reads and meets its sort condition. */
function finds(condition: KeyCondition, item: Record<string, unknown>): boolean {
  const names = condition.ExpressionAttributeNames;
  const values = condition.ExpressionAttributeValues;
  if (item[names['#pk'] as string] !== values[':pk']) return false;
  const sk = String(item[names['#sk'] as string]);
  if (condition.KeyConditionExpression.includes('begins_with')) return sk.startsWith(String(values[':sk']));
  if (condition.KeyConditionExpression.includes('<=')) return sk <= String(values[':sk']);
  return true;
}

describe('one key definition builds the write and the query', () => {
  const item = { ...keys.case(kase.ref), ...caseIndexAttributes(kase) };
  const closed = { ...keys.case(kase.ref), ...caseIndexAttributes({ ...kase, status: 'closed' }) };

  it.each([
    ['its owner’s open queue', queries.ownerQueue('olu', 'open'), INDEXES.byOwner],
    ['its team’s open queue', queries.teamQueue('income', 'open'), INDEXES.byTeam],
    ['everyone’s open cases', queries.allCases('open'), INDEXES.byState],
    ['its contact’s open cases', queries.openCasesOfContact('contact-7'), INDEXES.byContact],
    ['the report of its local month of receipt', queries.month('2026-04'), INDEXES.byMonth],
  ])('an open case is in %s', (_label, condition, index) => {
    expect(condition.IndexName).toBe(index.indexName);
    expect(finds(condition, item)).toBe(true);
  });

  it.each([
    ['its owner’s open queue', queries.ownerQueue('olu', 'open')],
    ['its team’s open queue', queries.teamQueue('income', 'open')],
    ['everyone’s open cases', queries.allCases('open')],
    ['its contact’s open cases', queries.openCasesOfContact('contact-7')],
  ])('a closed case is not in %s', (_label, condition) => {
    expect(finds(condition, closed)).toBe(false);
  });

  it('a closed case is in the closed queues, and an unowned case in no owner’s queue', () => {
    expect(finds(queries.ownerQueue('olu', 'closed'), closed)).toBe(true);
    expect(finds(queries.allCases('closed'), closed)).toBe(true);
    const unowned = caseIndexAttributes({ ...kase, ownerId: undefined });
    expect(Object.keys(unowned)).not.toContain(INDEXES.byOwner.partitionKey);
  });

  it('an open department request is in its department’s request queue until answered', () => {
    const request: DepartmentRequest = {
      id: 'req-1',
      caseRef: kase.ref,
      department: 'property-services',
      question: 'When was the boiler last serviced?',
      dueBy: '2026-04-08',
      status: 'open',
      askedBy: 'olu',
      askedAt: '2026-04-01T10:00:00.000Z',
    };
    expect(finds(queries.teamRequests('property-services', 'open'), requestIndexAttributes(request))).toBe(true);
    const answered = requestIndexAttributes({ ...request, status: 'answered' });
    expect(finds(queries.teamRequests('property-services', 'open'), answered)).toBe(false);
    expect(finds(queries.teamRequests('property-services', 'done'), answered)).toBe(true);
  });

  it('a case’s partition holds the case and its history, told apart by sort key', () => {
    const history = [
      keys.case(kase.ref),
      keys.message(kase.ref, kase.receivedAt, 'm1'),
      keys.timeline(kase.ref, kase.receivedAt, 0, 't1'),
      keys.request(kase.ref, 'req-1'),
      keys.notice(kase.ref, 'acknowledgement'),
    ];
    expect(history.every((k) => finds(queries.caseHistory(kase.ref), k))).toBe(true);
    expect(history.map((k) => caseItemKind(k.sk))).toEqual(['case', 'message', 'timeline', 'request', 'notice']);
  });

  it('officers are read from the directory, and wake-ups up to an instant', () => {
    expect(finds(queries.officers(), keys.officer('olu'))).toBe(true);
    const due = keys.wakeUpDue('2026-03-13T09:00:00.000Z', 'HT-2026-000042');
    expect(finds(queries.wakeUpsUpTo('2026-03-13T09:00:00.000Z'), due)).toBe(true);
    expect(finds(queries.wakeUpsUpTo('2026-03-13T08:59:59.999Z'), due)).toBe(false);
    expect(finds(queries.wakeUps(), due)).toBe(true);
  });
});
