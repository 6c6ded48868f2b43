/**
 * Issue 14's decisions as pure functions: merging (the earlier target, the earlier
 * acknowledgement, one owner, a restriction kept), close as duplicate, and who
 * covers an away officer's notifications.
 */
import { describe, expect, it } from 'vitest';
import type { Officer } from '../src/cases.js';
import { decideDuplicate, decideMerge } from '../src/commands/merge.js';
import { CommandError } from '../src/commands/run.js';
import { coverOf } from '../src/notifications.js';
import { computeTargets } from '../src/targets.js';
import { contextFor, hightown, makeCase, OFFICERS } from './support/context.js';

const survivor = makeCase(hightown, 'email', { ref: 'HT-2026-000002', receivedAt: '2026-12-03T10:00:00.000Z' });
const earlier = makeCase(hightown, 'email', {
  ref: 'HT-2026-000001',
  ownerId: 'mate',
  acknowledgedAt: '2026-12-01T10:05:00.000Z',
  messageCount: 3,
  lastMessageAt: '2026-12-04T09:00:00.000Z',
});

describe('merging two cases', () => {
  it('keeps the earlier target and acknowledgement, the survivor’s owner, and adds the counts', () => {
    const later = {
      ...survivor,
      targets: computeTargets(hightown, { kind: 'email', received: new Date(survivor.receivedAt) }),
    };
    const { here, there } = decideMerge(contextFor(later, 'manager'), contextFor(earlier, 'manager'), {
      from: earlier.ref,
      reason: 'Same request',
    });
    expect(here.case).toMatchObject({
      ref: survivor.ref,
      ownerId: 'owner',
      targets: earlier.targets,
      acknowledgedAt: earlier.acknowledgedAt,
      messageCount: 4,
      lastMessageAt: earlier.lastMessageAt,
      merging: { from: earlier.ref, by: 'manager' },
    });
    expect(there.case).toMatchObject({ status: 'closed', closedAs: 'merged', mergedInto: survivor.ref });
    expect(there.timeline.map((e) => e.type)).toEqual(['merged-into']);
  });

  it('keeps the survivor’s own target when it is the earlier one, and restricts it if the other was', () => {
    const later = {
      ...earlier,
      ref: 'HT-2026-000003',
      restricted: true,
      targets: computeTargets(hightown, { kind: 'email', received: new Date('2026-12-09T10:00:00Z') }),
    };
    const { here } = decideMerge(contextFor(survivor, 'manager'), contextFor(later, 'manager'), {
      from: later.ref,
      reason: 'Same',
    });
    expect(here.case.targets).toEqual(survivor.targets);
    expect(here.case.restricted).toBe(true);
  });

  it('refuses an officer who does not run both cases', () => {
    const run = () =>
      decideMerge(contextFor(survivor, 'owner'), contextFor(earlier, 'owner'), { from: earlier.ref, reason: 'x' });
    expect(run).toThrow(CommandError);
    expect(run).toThrow(/only the case owner/);
  });
});

describe('closing a case as a duplicate', () => {
  it('records no reply and keeps it unanswered, linking both ways', () => {
    const { here, there } = decideDuplicate(contextFor(survivor), contextFor(earlier, 'owner'), {
      reason: 'Same',
      duplicateOf: earlier.ref,
    });
    expect(here.case).toMatchObject({ status: 'closed', closedAs: 'duplicate', duplicateOf: earlier.ref });
    expect(here.case.respondedAt).toBeUndefined();
    expect(here.timeline[0]?.data).toMatchObject({ answered: false });
    expect(there.case.linked).toEqual([expect.objectContaining({ ref: survivor.ref, relation: 'duplicated-by' })]);
  });
});

describe('who reads what is meant for an officer', () => {
  const away = (o: Officer): Officer => ({ ...o, absences: [{ from: '2026-12-01', to: '2026-12-04', setBy: o.id }] });
  const officers = OFFICERS.map((o) => (o.id === 'owner' ? { ...away(o), lineManagerId: 'manager' } : o));

  it.each([
    ['the officer, when at work', OFFICERS, 'owner', 'owner'],
    ['their line manager, while they are away', officers, 'owner', 'manager'],
    [
      'another manager, when the line manager is away too',
      [
        ...officers.map((o) => (o.id === 'manager' ? away(o) : o)),
        { ...OFFICERS[2], id: 'boss', name: 'Bo Boss' } as Officer,
      ],
      'owner',
      'boss',
    ],
  ])('%s', (_label, directory, meantFor, reader) => {
    expect(coverOf(directory as Officer[], meantFor as string, '2026-12-02')?.id).toBe(reader);
  });
});
