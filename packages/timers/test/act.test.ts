import { type DepartmentRequest, formatLocalDate } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { act, NEUTRAL_DELAY_REASON } from '../src/index.js';
import { blairtummock, contact, hightown, makeCase, noticeEntry, RECEIVED, RecordingNoticeSender } from './support.js';

const officerName = async (id: string) => (id === 'owner-1' ? 'Olu Owner' : undefined);

describe('act', () => {
  it('sends the acknowledgement of a new case: reference, team and response date', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'email');
    const outcome = await act(
      { case: kase, timeline: [], contact, policy: hightown, now: new Date('2026-03-03T10:00:02Z') },
      { sender, officerName },
    );
    expect(outcome).toMatchObject({ status: 'sent', plan: { action: 'acknowledge', key: 'acknowledgement' } });
    expect(sender.sent).toHaveLength(1);
    const [notice] = sender.sent;
    expect(notice).toMatchObject({
      caseRef: kase.ref,
      audience: 'resident',
      purpose: 'acknowledgement',
      key: 'acknowledgement',
      sentBy: 'system',
    });
    expect(notice?.subject).toContain(kase.ref);
    expect(notice?.body).toContain('Dear Ada Resident');
    expect(notice?.body).toContain('Housing Management team');
    expect(notice?.body).toContain(`We will reply by ${formatLocalDate('2026-03-17')}`);
    // The landlord's phone number comes from the policy (`contact.phone`).
    expect(notice?.body).toContain('If it is urgent, call us on 0121 496 0000;');
  });

  it('tells a Hightown complainant the date counted from this acknowledgement, not from its deadline', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'complaint-stage-1');
    expect(kase.targets.respondBy).toBe('2026-03-24');
    await act(
      { case: kase, timeline: [], contact, policy: hightown, now: new Date('2026-03-03T10:00:02Z') },
      { sender },
    );
    expect(sender.sent[0]?.body).toContain(`We will reply by ${formatLocalDate('2026-03-17')}`);
  });

  it('a case answered while the workflow waited: nothing is sent', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'email', {
      acknowledgedAt: RECEIVED,
      respondedAt: '2026-03-16T15:00:00.000Z',
      status: 'answered',
    });
    const outcome = await act(
      { case: kase, timeline: [], contact, policy: hightown, now: new Date('2026-03-18T09:00:00Z') },
      { sender },
    );
    expect(outcome.status).toBe('nothing-to-do');
    expect(sender.sent).toEqual([]);
  });

  it('woken too early (a target moved out meanwhile): nothing is sent yet', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'email', { acknowledgedAt: RECEIVED, agreedReplyDate: '2026-03-27' });
    const outcome = await act(
      { case: kase, timeline: [], contact, policy: hightown, now: new Date('2026-03-13T09:00:00Z') },
      { sender },
    );
    expect(outcome).toMatchObject({
      status: 'not-due',
      plan: { action: 'warn-owner', at: '2026-03-25T09:00:00.000Z' },
    });
    expect(sender.sent).toEqual([]);
  });

  it('run twice on the same (stale) case: NoticeSender says already-sent and nothing goes twice', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'email', { acknowledgedAt: RECEIVED });
    const input = {
      case: kase,
      timeline: [noticeEntry(kase.ref, 'owner-warning:2026-03-17', '2026-03-13T09:00:00.000Z')],
      contact,
      policy: hightown,
      now: new Date('2026-03-18T09:00:00Z'),
    };
    const first = await act(input, { sender });
    const second = await act(input, { sender });
    expect(first).toMatchObject({ status: 'sent', plan: { key: 'delay-update:2026-03-17:1' } });
    expect(second).toMatchObject({ status: 'already-sent', plan: { key: 'delay-update:2026-03-17:1' } });
    expect(sender.sent.map((n) => n.key)).toEqual(['delay-update:2026-03-17:1']);
  });

  it('a delay update gives the reason the owner recorded, what is happening and the new date', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(blairtummock, 'email', {
      acknowledgedAt: RECEIVED,
      delayReason: 'We are waiting for a quote from the roofing contractor.',
    });
    const requests: DepartmentRequest[] = [
      {
        id: 'r1',
        caseRef: kase.ref,
        department: 'finance',
        question: 'Any arrears?',
        dueBy: '2026-03-16',
        status: 'open',
        askedBy: 'owner-1',
        askedAt: RECEIVED,
      },
    ];
    const timeline = [noticeEntry(kase.ref, 'owner-warning:2026-03-17', '2026-03-16T09:00:00.000Z')];
    await act(
      { case: kase, timeline, contact, requests, policy: blairtummock, now: new Date('2026-03-18T09:00:00Z') },
      { sender },
    );
    const [notice] = sender.sent;
    expect(notice).toMatchObject({ audience: 'resident', purpose: 'delay-update' });
    expect(notice?.body).toContain(`by ${formatLocalDate('2026-03-17')}`);
    expect(notice?.body).toContain('Why: We are waiting for a quote from the roofing contractor.');
    expect(notice?.body).toContain('waiting for information from our Finance and Rents team');
    expect(notice?.body).toContain(`We now expect to reply by ${formatLocalDate('2026-03-24')}`);
  });

  it('with no reason recorded, the delay update uses neutral wording', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'letter', { acknowledgedAt: RECEIVED });
    const timeline = [noticeEntry(kase.ref, 'owner-warning:2026-03-17', '2026-03-13T09:00:00.000Z')];
    await act({ case: kase, timeline, contact, policy: hightown, now: new Date('2026-03-18T09:00:00Z') }, { sender });
    expect(sender.sent[0]?.body).toContain(`Why: ${NEUTRAL_DELAY_REASON}`);
  });

  it('staff notices: the owner is warned with working days left; the manager alert names the owner', async () => {
    const sender = new RecordingNoticeSender();
    const kase = makeCase(hightown, 'email', { acknowledgedAt: RECEIVED });
    await act(
      { case: kase, timeline: [], contact, policy: hightown, now: new Date('2026-03-13T09:00:00Z') },
      {
        sender,
        officerName,
      },
    );
    expect(sender.sent[0]).toMatchObject({
      audience: 'owner',
      purpose: 'owner-warning',
      key: 'owner-warning:2026-03-17',
    });
    expect(sender.sent[0]?.body).toContain('(2 working days left)');

    const timeline = [
      noticeEntry(kase.ref, 'owner-warning:2026-03-17', '2026-03-13T09:00:00.000Z'),
      noticeEntry(kase.ref, 'delay-update:2026-03-17:1', '2026-03-18T09:00:00.000Z'),
    ];
    await act(
      { case: kase, timeline, contact, policy: hightown, now: new Date('2026-03-18T09:00:01Z') },
      {
        sender,
        officerName,
      },
    );
    expect(sender.sent[1]).toMatchObject({
      audience: 'manager',
      purpose: 'manager-alert',
      key: 'manager-alert:2026-03-17',
    });
    expect(sender.sent[1]?.subject).toBe(`Overdue: ${kase.ref} (owner Olu Owner)`);
  });
});
