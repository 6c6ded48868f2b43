/**
 * Issue 14, "duplicates merged or linked", end to end on the local stack through
 * the HTTP API: a second case from a resident with one open is said on both;
 * an officer merges them (history moved, the earlier target, the old reference
 * leading to the survivor, one notice to the resident), links related cases and
 * closes a duplicate without it counting as answered.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '@housing-inbox/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hightownStack } from './support/cases.js';
import { apiAs } from './support/http.js';
import { ingestEmail, rawEmail } from './support/mail.js';

const OWNER = 'customer-services-officer-1';
const TEAMMATE = 'customer-services-officer-2';
const MANAGER = 'hightown-manager';

/** The resident's own messages on a case (acknowledgements are messages too). */
const inbound = (kase: { messages: { direction: string }[] }) => kase.messages.filter((m) => m.direction === 'inbound');

interface OutboxItem {
  to: string;
  caseRef: string;
  purpose: string;
  subject: string;
  body: string;
}

describe('duplicates merged or linked, on the local stack', () => {
  let dataDir: string;
  let stack: LocalStack;
  const api = apiAs(() => stack);

  const email = (id: string, subject: string, body: string, from: string) =>
    ingestEmail(stack, rawEmail({ id, subject, body, from: `"A Resident" <${from}>` }));
  const moveClock = async (set: string) => {
    await fetch(`${stack.httpUrl}/local/clock`, { method: 'POST', body: JSON.stringify({ set }) });
    await settle();
  };
  const settle = async () => {
    await stack.timers.idle();
    await stack.timers.tick();
    await stack.timers.idle();
  };
  const outboxTo = async (to: string): Promise<OutboxItem[]> =>
    ((await fetch(`${stack.httpUrl}/local/outbox`).then((r) => r.json())) as { items: OutboxItem[] }).items.filter(
      (i) => i.to === to,
    );
  /** An email case owned by OWNER (reassigned by the manager when routing chose someone else). */
  async function ownedCase(id: string, subject: string, body: string, from: string): Promise<string> {
    const { caseRef } = await email(id, subject, body, from);
    const kase = (await api(MANAGER, 'GET', `/api/cases/${caseRef}`)).body;
    if (kase.ownerId !== OWNER) {
      const moved = await api(MANAGER, 'POST', `/api/cases/${caseRef}/reassign`, { ownerId: OWNER, reason: 'set-up' });
      expect(moved.status).toBe(200);
    }
    await settle();
    return caseRef;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'inbox-together-'));
    stack = await hightownStack(dataDir, { letterPollMs: 60_000 });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says on both cases when a resident with an open case gets in touch again', async () => {
    const first = await ownedCase(
      'dup-1',
      'Broken gate',
      'The garden gate hinge has snapped.',
      'nell@resident.example',
    );
    const { caseRef: second } = await email(
      'dup-2',
      'Gate again',
      'Still waiting about the gate.',
      'nell@resident.example',
    );
    expect(second).not.toBe(first);

    const a = (await api(OWNER, 'GET', `/api/cases/${first}`)).body;
    const b = (await api(MANAGER, 'GET', `/api/cases/${second}`)).body;
    expect(a.linked).toEqual([expect.objectContaining({ ref: second, relation: 'same-resident' })]);
    expect(b.linked).toEqual([expect.objectContaining({ ref: first, relation: 'same-resident' })]);
    expect(a.timeline.map((e: { type: string }) => e.type)).toContain('possible-duplicate');
    expect(b.timeline.find((e: { type: string }) => e.type === 'possible-duplicate')?.summary).toContain(first);
    // Not threaded: each case keeps its own message.
    expect(inbound(a)).toHaveLength(1);
    expect(inbound(b)).toHaveLength(1);
  });

  it('merges two cases: history moved, the earlier target, the old reference leads to the survivor, one notice', async () => {
    const resident = 'olive@resident.example';
    const older = await ownedCase('m-1', 'Rent statement', 'Please send my rent statement.', resident);
    await api(OWNER, 'POST', `/api/cases/${older}/requests`, {
      department: 'income',
      question: 'Can you send a rent statement?',
      dueBy: '2026-12-08',
    });
    await moveClock('2026-12-03T10:00:00Z');
    const newer = await ownedCase('m-2', 'Rent statement please', 'I asked for a statement on Tuesday.', resident);
    const before = {
      older: (await api(OWNER, 'GET', `/api/cases/${older}`)).body,
      newer: (await api(OWNER, 'GET', `/api/cases/${newer}`)).body,
    };
    expect(before.older.targets.respondBy < before.newer.targets.respondBy).toBe(true);

    // Act: the older case is merged into the newer one (the survivor is the case the command runs on).
    const merged = await api(OWNER, 'POST', `/api/cases/${newer}/merge`, { from: older, reason: 'Same request' });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await settle();

    // Assess: messages, timeline and the department request are on the survivor; the earlier target stands.
    const survivor = (await api(OWNER, 'GET', `/api/cases/${newer}`)).body;
    expect(survivor.merging).toBeNull();
    expect(inbound(survivor)).toHaveLength(2);
    expect(survivor.messages.length).toBe(before.older.messages.length + before.newer.messages.length);
    expect(survivor.messages.every((m: { caseRef: string }) => m.caseRef === newer)).toBe(true);
    expect(survivor.requests).toEqual([expect.objectContaining({ department: 'income', caseRef: newer })]);
    expect(survivor.status).toBe('awaiting-departments');
    expect(survivor.targets.respondBy).toBe(before.older.targets.respondBy);
    expect(survivor.ownerId).toBe(OWNER);
    expect(survivor.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['merged', 'request-opened', 'case-opened']),
    );
    expect(survivor.linked).toEqual(
      expect.arrayContaining([expect.objectContaining({ ref: older, relation: 'merged-from' })]),
    );
    // The income team now sees the request under the survivor.
    const income = (await api('income-officer-1', 'GET', '/api/requests')).body.items;
    expect(income.map((r: { caseRef: string }) => r.caseRef)).toContain(newer);
    expect(income.map((r: { caseRef: string }) => r.caseRef)).not.toContain(older);

    // The old reference answers with the survivor, and mail quoting it lands there.
    const old = await api(OWNER, 'GET', `/api/cases/${older}`);
    expect(old.status).toBe(200);
    expect(old.body.ref).toBe(newer);
    const quoted = await email('m-3', `Re: ${older}`, 'Any news on the statement?', resident);
    expect(quoted).toMatchObject({ outcome: 'threaded', caseRef: newer });
    const closed = (await api(MANAGER, 'GET', '/api/cases?queue=all&status=closed')).body.items;
    expect(closed.find((c: { ref: string }) => c.ref === older)).toMatchObject({ status: 'closed' });

    // One notice: when the (earlier) target passes, the resident is told once, about the survivor.
    const acksBefore = (await outboxTo(resident)).filter((i) => i.purpose === 'acknowledgement').length;
    await moveClock('2026-12-16T10:00:00Z');
    await moveClock('2026-12-17T10:00:00Z');
    const sent = await outboxTo(resident);
    const updates = sent.filter((i) => i.purpose === 'delay-update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.caseRef).toBe(newer);
    expect(sent.filter((i) => i.purpose === 'acknowledgement')).toHaveLength(acksBefore);
  });

  it('refuses a merge unless the officer may run both cases', async () => {
    const mine = await ownedCase('r-1', 'Bins', 'The bins were not collected.', 'pat@resident.example');
    const other = await ownedCase('r-2', 'Bins again', 'Still no collection.', 'pat@resident.example');
    const teammate = await api(TEAMMATE, 'POST', `/api/cases/${mine}/merge`, { from: other, reason: 'Same' });
    expect(teammate.status).toBe(403);
    const unseen = await api(OWNER, 'POST', `/api/cases/${mine}/merge`, { from: 'HT-2026-999999', reason: 'Same' });
    expect(unseen.status).toBe(400);
    expect(unseen.body.error.fields.from).toContain('HT-2026-999999');
    const self = await api(OWNER, 'POST', `/api/cases/${mine}/merge`, { from: mine, reason: 'Same' });
    expect(self.status).toBe(400);
    // Nothing moved.
    expect((await api(OWNER, 'GET', `/api/cases/${other}`)).body.ref).toBe(other);
  });

  it('links related cases, shown on both', async () => {
    const a = await ownedCase('l-1', 'Noise', 'Loud music next door every night.', 'quinn@resident.example');
    const b = await ownedCase('l-2', 'Noise too', 'The flat upstairs plays loud music.', 'rhys@resident.example');
    const linked = await api(OWNER, 'POST', `/api/cases/${a}/link`, { ref: b, reason: 'Same neighbour' });
    expect(linked.status).toBe(200);
    expect(linked.body.linked).toEqual([expect.objectContaining({ ref: b, relation: 'related', by: OWNER })]);
    const other = (await api(OWNER, 'GET', `/api/cases/${b}`)).body;
    expect(other.linked).toEqual([expect.objectContaining({ ref: a, relation: 'related' })]);
    expect((await api(OWNER, 'POST', `/api/cases/${a}/link`, { ref: b, reason: 'again' })).status).toBe(409);
  });

  it('closes a duplicate with no reply recorded and not counted as answered', async () => {
    const report = async () => (await api(MANAGER, 'GET', '/api/reports/monthly?month=2026-12')).body;
    const keep = await ownedCase('c-1', 'Fence', 'The fence panel blew down.', 'sam@resident.example');
    const dup = await ownedCase(
      'c-2',
      'Fence panel',
      'Our fence panel blew down in the storm.',
      'sam@resident.example',
    );
    const answeredBefore = (await report()).responses;
    const closed = await api(OWNER, 'POST', `/api/cases/${dup}/close`, { reason: 'Same fence', duplicateOf: keep });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedAs: 'duplicate',
      respondedAt: null,
      responseOutcome: null,
    });
    expect(closed.body.timeline.find((e: { type: string }) => e.type === 'closed')?.data).toMatchObject({
      answered: false,
      duplicateOf: keep,
    });
    const kept = (await api(OWNER, 'GET', `/api/cases/${keep}`)).body;
    expect(kept.linked).toEqual(
      expect.arrayContaining([expect.objectContaining({ ref: dup, relation: 'duplicated-by' })]),
    );
    const after = (await report()).responses;
    expect(after.answeredOnTime).toBe(answeredBefore.answeredOnTime);
    expect(after.answeredLate).toBe(answeredBefore.answeredLate);
  });
});
