/**
 * Stage 2 asked for in any channel (issue 11): the policy's escalation words
 * on an answered stage 1 complaint start an escalation round counted by
 * stage 2's rule from the request — Complaint Handling Code (acknowledge in
 * 5 working days, respond in 20 from the acknowledgement), SPSO (3, and 20
 * from receipt) — and the owner's `escalate` keeps that clock.
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases.js';
import { decideEscalate } from '../src/commands/classification.js';
import { decideLogContact } from '../src/commands/contact.js';
import type { LandlordPolicy } from '../src/policy.js';
import { escalationAsked, startRound } from '../src/rounds.js';
import { blairtummock, contextFor, hightown, makeCase } from './support/context.js';

const answered = (policy: LandlordPolicy, over: Partial<Case> = {}): Case => ({
  ...makeCase(policy, 'complaint-stage-1'),
  status: 'answered',
  acknowledgedAt: '2026-12-01T10:00:05.000Z',
  respondedAt: '2026-12-03T10:00:00.000Z',
  responseOutcome: 'met',
  complaintSummary: { text: 'Noise not followed up', by: 'owner', at: '2026-12-01T11:00:00.000Z' },
  ...over,
});

describe('escalationAsked', () => {
  it.each([
    { text: 'I am not happy with your response, please escalate', words: 'escalate' },
    { text: 'I want to take this further.', words: 'take this further' },
    { text: 'Please move my complaint to stage 2', words: 'stage 2' },
    // Our own stage 1 reply quoted under theirs is not their request.
    {
      text: 'Thanks, all sorted.\n\nOn 3 Dec, Hightown wrote:\n> you can ask us to escalate to stage 2',
      words: undefined,
    },
    { text: 'Thanks, all sorted.\n-----Original Message-----\nask us to escalate', words: undefined },
  ])('$text → $words', ({ text, words }) => {
    expect(escalationAsked(hightown, answered(hightown), text)).toBe(words);
  });

  it('only on a stage 1 complaint that was answered, and only once', () => {
    const text = 'please escalate';
    expect(
      escalationAsked(hightown, { ...answered(hightown), status: 'in-progress', respondedAt: undefined }, text),
    ).toBeUndefined();
    expect(
      escalationAsked(hightown, { ...makeCase(hightown, 'complaint-stage-1'), status: 'in-progress' }, text),
    ).toBeUndefined();
    expect(escalationAsked(hightown, { ...answered(hightown), kind: 'email' }, text)).toBeUndefined();
    const asked = {
      ...answered(hightown),
      round: { n: 2, kind: 'complaint-stage-2' as const, startedAt: 'x', because: 'escalation' as const },
    };
    expect(escalationAsked(hightown, asked, text)).toBeUndefined();
    // A follow-up round after the stage 1 answer: stage 1 was answered, so it still counts.
    const followedUp = {
      ...answered(hightown),
      status: 'in-progress' as const,
      respondedAt: undefined,
      round: { n: 2, kind: 'email' as const, startedAt: 'x', because: 'follow-up' as const },
    };
    expect(escalationAsked(hightown, followedUp, text)).toBe('escalate');
  });
});

describe('an escalation round', () => {
  it.each([
    // Hightown: acknowledge within 5 working days of the request; 20 from the acknowledgement.
    { policy: hightown, at: '2026-12-08T10:00:00Z', acknowledgeBy: '2026-12-15', respondBy: '2027-01-15' },
    // Blairtummock: acknowledge within 3; decide within 20 of receipt (Christmas, 28 Dec, 1 and 4 Jan off).
    { policy: blairtummock, at: '2026-12-03T10:00:00Z', acknowledgeBy: '2026-12-08', respondBy: '2027-01-06' },
    // Friday after 17:00: day 0 is Monday 22 March; Good Friday (26 March) is off in Scotland.
    { policy: blairtummock, at: '2027-03-19T17:01:00Z', acknowledgeBy: '2027-03-25', respondBy: '2027-04-20' },
  ])('$policy.id, asked at $at → acknowledge by $acknowledgeBy', async ({ policy, at, acknowledgeBy, respondBy }) => {
    let n = 0;
    const round = startRound(policy, answered(policy), {
      received: new Date(at),
      kind: 'complaint-stage-2',
      because: 'escalation',
      now: at,
      newId: () => `id-${n++}`,
    });
    expect(round.case.targets).toMatchObject({ acknowledgeBy, respondBy });
    expect(round.case).toMatchObject({ status: 'in-progress', round: { n: 2, because: 'escalation' } });
    // Stage 2 is acknowledged and stated afresh.
    expect(round.case.acknowledgedAt).toBeUndefined();
    expect(round.case.complaintSummary).toBeUndefined();
    expect(round.timeline[0]?.type).toBe('escalation-requested');

    // The owner escalates without a date: the clock stays with the request, acknowledged once.
    const acknowledged = { ...round.case, acknowledgedAt: new Date(new Date(at).getTime() + 5_000).toISOString() };
    const change = await decideEscalate(contextFor(acknowledged, 'manager', { policy, now: '2027-04-20T10:00:00Z' }), {
      reason: 'Asked for by email',
    });
    expect(change.case).toMatchObject({ kind: 'complaint-stage-2', acknowledgedAt: acknowledged.acknowledgedAt });
    expect(change.case.targets.acknowledgeBy).toBe(acknowledgeBy);
    expect(change.case.round).toBeUndefined();
  });

  it('starts from a call logged on the case that asks to take it further', () => {
    const ctx = contextFor(answered(hightown), 'owner', { now: '2026-12-08T10:00:00.000Z' });
    const change = decideLogContact(ctx, {
      kind: 'phone-message',
      summary: 'Rang to say she wants to take this further',
      calledAt: '2026-12-07T15:00:00Z',
    });
    expect(change.case).toMatchObject({
      round: { because: 'escalation', kind: 'complaint-stage-2' },
      targets: { clockStarts: '2026-12-07', acknowledgeBy: '2026-12-14' },
    });
  });
});
