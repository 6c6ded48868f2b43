/**
 * Phone work and letters measured by what happened (issue 11): a voicemail's
 * clock from the call; Hightown's "two working days of the staff member's
 * next working day" for one left while the officer was away; a letter's from
 * the day it arrived in the post. Both nations, 2026–2028.
 */
import { describe, expect, it } from 'vitest';
import type { Case, Officer } from '../src/cases.js';
import { decideLogContact } from '../src/commands/contact.js';
import { contactClock, letterReceivedAt, voicemailClock } from '../src/contact-clocks.js';
import type { InboundMessage } from '../src/inbound.js';
import type { LandlordPolicy } from '../src/policy.js';
import { computeTargets } from '../src/targets.js';
import { blairtummock, contextFor, hightown, makeCase, OFFICERS } from './support/context.js';
import { titled } from './support/titled.js';

const policies: Record<string, LandlordPolicy> = { hightown, blairtummock };
const away = (from: string, to: string): Officer => ({
  ...(OFFICERS[0] as Officer),
  absences: [{ from, to, setBy: 'manager' }],
});

function voicemailTarget(policy: LandlordPolicy, calledAt: string, officer?: Officer): string {
  const clock = voicemailClock(policy, new Date(calledAt), officer);
  return computeTargets(policy, { kind: 'phone-message', received: clock.received, notBefore: clock.notBefore })
    .respondBy as string;
}

describe('voicemails: from the call, or from the officer’s next working day when they were away', () => {
  it.each(
    titled(
      [
        // Away 21–31 December 2026: back on Monday 4 January 2027 (1 January a holiday), +2 working days.
        {
          policy: 'hightown',
          calledAt: '2026-12-22T10:00:00Z',
          away: ['2026-12-21', '2026-12-31'],
          respondBy: '2027-01-06',
        },
        // Blairtummock returns calls the same day whoever is away (3.4: the message is passed on).
        {
          policy: 'blairtummock',
          calledAt: '2026-12-22T10:00:00Z',
          away: ['2026-12-21', '2026-12-31'],
          respondBy: '2026-12-22',
        },
        // 17:01 on Friday 19 March 2027: day 0 is Monday 22, when the officer is away until Good Friday; Easter Monday too.
        {
          policy: 'hightown',
          calledAt: '2027-03-19T17:01:00Z',
          away: ['2027-03-22', '2027-03-26'],
          respondBy: '2027-04-01',
        },
        // 17:00 is still Friday: the officer is in, so 2 working days from Friday.
        {
          policy: 'hightown',
          calledAt: '2027-03-19T17:00:00Z',
          away: ['2027-03-22', '2027-03-26'],
          respondBy: '2027-03-23',
        },
        // BST: 16:59 on Friday 9 June 2028, officer away Friday and Monday: from Tuesday 13.
        {
          policy: 'hightown',
          calledAt: '2028-06-09T15:59:00Z',
          away: ['2028-06-09', '2028-06-12'],
          respondBy: '2028-06-15',
        },
        // Not away: Christmas Eve 2026 at 16:59, over Christmas and Boxing Day's substitute.
        {
          policy: 'hightown',
          calledAt: '2026-12-24T16:59:00Z',
          away: ['2026-12-01', '2026-12-02'],
          respondBy: '2026-12-30',
        },
      ],
      '$policy: voicemail at $calledAt, officer away $away → call back by $respondBy',
    ),
  )('%s', (_title, row) => {
    const [from = '', to = ''] = row.away;
    expect(voicemailTarget(policies[row.policy] as LandlordPolicy, row.calledAt, away(from, to))).toBe(row.respondBy);
  });

  it('says why, with the policy’s basis', () => {
    const clock = voicemailClock(hightown, new Date('2026-12-22T10:00:00Z'), away('2026-12-21', '2026-12-31'));
    expect(clock).toMatchObject({ notBefore: '2027-01-04' });
    expect(clock.reason).toContain("two working days of the staff member's next working day");
  });
});

function message(over: Partial<InboundMessage>): InboundMessage {
  return {
    channel: 'letter',
    dedupeKey: 'k',
    receivedAt: '2026-12-29T10:00:00.000Z',
    from: {},
    to: [],
    text: 'x',
    attachments: [],
    threading: { inReplyTo: [], references: [] },
    ...over,
  };
}

describe('letters: from the day they arrived in the post', () => {
  it.each(
    titled(
      [
        // Arrived Wednesday 23 December 2026, scanned after Christmas: counted from the 23rd.
        { policy: 'hightown', arrivedOn: '2026-12-23', scannedAt: '2026-12-29T10:00:00Z', respondBy: '2027-01-11' },
        { policy: 'hightown', arrivedOn: undefined, scannedAt: '2026-12-29T10:00:00Z', respondBy: '2027-01-13' },
        // Arrived on 2 January's substitute day (Scotland): day 0 is the next working day.
        { policy: 'blairtummock', arrivedOn: '2027-01-04', scannedAt: '2027-01-05T14:00:00Z', respondBy: '2027-01-19' },
        // A date after the scan is a typo: the scan stands.
        { policy: 'blairtummock', arrivedOn: '2028-03-10', scannedAt: '2028-03-08T10:00:00Z', respondBy: '2028-03-22' },
      ],
      '$policy: letter arrived $arrivedOn, scanned $scannedAt → reply by $respondBy',
    ),
  )('%s', (_title, row) => {
    const policy = policies[row.policy] as LandlordPolicy;
    const clock = contactClock(
      policy,
      message({ receivedAt: row.scannedAt, scan: { method: 'pdf-text', arrivedOn: row.arrivedOn } }),
    );
    expect(computeTargets(policy, { kind: 'letter', received: clock.received }).respondBy).toBe(row.respondBy);
  });

  it('the morning post in BST is 09:00 local', () => {
    expect(letterReceivedAt(hightown, '2026-06-08', new Date('2026-06-09T12:00:00Z')).toISOString()).toBe(
      '2026-06-08T08:00:00.000Z',
    );
  });

  it('a call logged later counts from when it came in', () => {
    const clock = contactClock(
      hightown,
      message({
        channel: 'phone',
        receivedAt: '2026-12-03T09:30:00.000Z',
        logged: { kind: 'phone-message', loggedBy: 'reception', calledAt: '2026-12-02T16:45:00Z' },
      }),
    );
    expect(clock.received.toISOString()).toBe('2026-12-02T16:45:00.000Z');
  });
});

describe('log on an existing case', () => {
  it('records the call at the time it came in', () => {
    const change = decideLogContact(
      contextFor(makeCase(hightown, 'email'), 'owner', { now: '2026-12-01T11:00:00.000Z' }),
      {
        kind: 'voicemail',
        summary: 'Please call back',
        calledAt: '2026-12-01T10:30:00Z',
      },
    );
    expect(change.messages?.[0]).toMatchObject({
      receivedAt: '2026-12-01T10:30:00.000Z',
      logged: { kind: 'voicemail' },
    });
  });

  it('a voicemail after our reply starts a new round, from the owner’s return when they were away', () => {
    const answered: Case = {
      ...makeCase(hightown, 'email'),
      status: 'answered',
      respondedAt: '2026-12-10T10:00:00.000Z',
      responseOutcome: 'met',
    };
    const ctx = contextFor(answered, 'owner', { now: '2026-12-23T09:00:00.000Z' });
    const owner = away('2026-12-21', '2026-12-31');
    const change = decideLogContact(
      { ...ctx, officers: ctx.officers.map((o) => (o.id === 'owner' ? owner : o)) },
      { kind: 'voicemail', summary: 'Still no reply about the fence', calledAt: '2026-12-22T10:00:00Z' },
    );
    expect(change.case).toMatchObject({
      status: 'in-progress',
      round: { n: 2, kind: 'phone-message' },
      targets: { clockStarts: '2027-01-04', respondBy: '2027-01-06' },
    });
    expect(change.case.respondedAt).toBeUndefined();
    expect(change.timeline.map((t) => t.type)).toEqual(['contact-logged', 'follow-up']);
  });
});
