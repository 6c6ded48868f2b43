/**
 * Issue 10, automatic mail and replies to the right person: auto-replies never reopen an
 * answered case nor get an acknowledgement; machine-made senders are remembered and get
 * no automatic notices; at most the policy's number of automatic notices go to an
 * address in a day; relays' residents are Reply-To; unmatched automatic mail is listed.
 */
import { ingestMessage, type LandlordPolicy, type Notice } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { caseText, ingestBedPerTest, refOf, runToken } from './support/ingest.js';
import { email, hightown } from './support/stack.js';

const acknowledgement = (caseRef: string): Notice => ({
  caseRef,
  audience: 'resident',
  purpose: 'acknowledgement',
  subject: 'We have your message',
  body: 'Thank you.',
  key: 'acknowledgement',
  sentBy: 'system',
});

describe('automatic mail', () => {
  const bed = ingestBedPerTest();

  it('keeps a German Exchange out-of-office on the answered case it answers, leaving it answered (shared cases 14a, 14b)', async () => {
    // Prepare: the resident writes; we reply and the case is answered.
    const RUN = runToken();
    const ref = refOf(await bed.email(caseText('14a-resident-email.eml', { RUN })));
    const { sender: notices } = bed.notices();
    const reply = await notices.send({
      caseRef: ref,
      audience: 'resident',
      purpose: 'reply',
      subject: 'Parking permits',
      body: 'Apply online.',
      sentBy: 'cara',
    });
    const answered = await bed.store.repository.getCaseWithHistory(ref);
    const ours = answered?.messages.find((m) => m.direction === 'outbound');
    expect(reply.status).toBe('sent');

    // Act: the out-of-office answers our reply.
    const REPLY_MSGID = ours?.threading.messageId as string;
    const oof = await bed.email(
      caseText('14b-german-exchange-oof.eml', { RUN, REPLY_MSGID, REPLY_SUBJECT: ours?.subject as string }),
    );

    // Assess
    expect(oof).toMatchObject({ outcome: 'automated', caseRef: ref, kind: 'auto-reply' });
    const saved = await bed.store.repository.getCaseWithHistory(ref);
    expect(saved?.case).toMatchObject({ status: 'answered', responseOutcome: 'met', targets: answered?.case.targets });
    expect(saved?.timeline.map((t) => t.type)).toContain('automated-message-received');
    expect(saved?.timeline.map((t) => t.type)).not.toContain('follow-up');
    // An out-of-office says its person is away, not that a machine owns the address.
    expect(await bed.store.repository.getAutomatedSender(`jonas.becker.${RUN}@corp.example.de`)).toBeUndefined();
  });

  it('opens no case for a help desk’s “ticket opened” mail, remembers it, and lists it for operators (shared case 04)', async () => {
    const RUN = runToken();
    const outcomes = [];
    for (const N of ['1', '2', '3']) outcomes.push(await bed.email(caseText('04-helpdesk-ping-pong.eml', { RUN, N })));

    expect(outcomes.map((o) => o.outcome)).toEqual(['automated', 'automated', 'automated']);
    expect((await bed.store.repository.listQueue({ queue: 'all' })).items).toHaveLength(0);
    const sender = await bed.store.repository.getAutomatedSender(`support.${RUN}@lettings.example.com`);
    expect(sender).toMatchObject({ category: 'ticket-acknowledgement', count: 3 });
    const first = await bed.store.repository.listUnmatchedAutomated({ limit: 2 });
    const rest = await bed.store.repository.listUnmatchedAutomated({ limit: 2, cursor: first.next as string });
    expect(first.items).toHaveLength(2);
    expect(rest).toMatchObject({ items: [expect.anything()], next: null });
    expect([...first.items, ...rest.items].map((m) => m.subject)).toEqual(
      expect.arrayContaining(['[LA-471] Thank you for contacting Example Lettings']),
    );
  });

  it('sends no automatic notice to an address remembered as automated, but lets an officer reply', async () => {
    await bed.store.repository.rememberAutomatedSender({
      address: 'support@lettings.example.com',
      category: 'ticket-acknowledgement',
      reason: 'test',
      lastSeenAt: '2026-12-01T09:00:00.000Z',
    });
    // A message from it that was not recognised opened a case.
    const ref = refOf(
      await ingestMessage(bed.deps, email({ from: { email: 'support@lettings.example.com' } }) as never),
    );
    const { sender: notices, sent } = bed.notices();

    const ack = await notices.send(acknowledgement(ref));
    const reply = await notices.send({ ...acknowledgement(ref), purpose: 'reply', key: undefined, sentBy: 'cara' });

    expect(ack).toMatchObject({ status: 'skipped', reason: expect.stringContaining('automatic mail') });
    expect(reply.status).toBe('sent');
    expect(sent).toEqual([{ channel: 'email', to: 'support@lettings.example.com', purpose: 'reply' }]);
  });

  it('sends at most the policy’s number of automatic notices to one address in a day', async () => {
    const policy: LandlordPolicy = {
      ...hightown,
      inbound: { relayAddresses: [], automaticNoticesPerAddressPerDay: 2, basis: 'test' },
    };
    const { sender: notices } = bed.notices(policy);
    const refs = [];
    for (const subject of ['One', 'Two', 'Three'])
      refs.push(refOf(await ingestMessage(bed.deps, email({ subject }) as never)));

    const today = [];
    for (const ref of refs) today.push((await notices.send(acknowledgement(ref))).status);
    bed.clock.set(new Date('2026-12-02T10:00:00Z'));
    const tomorrow = (await notices.send({ ...acknowledgement(refs[2] as string), key: 'acknowledgement-2' })).status;

    expect(today).toEqual(['sent', 'sent', 'skipped']);
    expect(tomorrow).toBe('sent');
    const third = await bed.store.repository.getCaseWithHistory(refs[2] as string);
    expect(third?.timeline.find((t) => t.type === 'notice-skipped')?.summary).toContain('daily limit');
  });
});

describe('relays and no-reply senders', () => {
  const policy: LandlordPolicy = {
    ...hightown,
    inbound: { relayAddresses: ['@forms.example.net'], automaticNoticesPerAddressPerDay: 3, basis: 'test' },
  };
  const bed = ingestBedPerTest({ policy });

  it.each([
    ['a relay the policy names', 'Website form <submissions@forms.example.net>'],
    ['a no-reply address', 'Portal <no-reply@portal.example.org>'],
  ])('takes the resident from Reply-To when From is %s, and acknowledges them there', async (_, from) => {
    const raw = [
      `From: ${from}`,
      'Reply-To: Priya Shah <priya.shah@resident.example>',
      'To: contact@hightown.example',
      'Subject: Form: repair request',
      `Message-ID: <${runToken()}@forms.example.net>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'My kitchen tap drips.',
      '',
    ].join('\r\n');
    const ref = refOf(await bed.email(raw));
    const saved = await bed.store.repository.getCaseWithHistory(ref);
    expect(saved?.contact).toMatchObject({ email: 'priya.shah@resident.example', name: 'Priya Shah' });

    const { sender: notices, sent } = bed.notices(policy);
    await notices.send(acknowledgement(ref));
    expect(sent).toEqual([{ channel: 'email', to: 'priya.shah@resident.example', purpose: 'acknowledgement' }]);
  });
});

// Issue 15: a form filled with someone else's address or number cannot make us write to it more than the cap a day.
describe('acknowledgements to addresses and numbers first seen on the public form', () => {
  const bed = ingestBedPerTest();

  it.each([
    ['an email address', { email: 'victim@elsewhere.example', preferredChannel: 'email' }, 'email'],
    ['a phone number', { phone: '07700 900777', preferredChannel: 'sms' }, 'sms'],
  ])('sends at most three a day to %s, and again the next day', async (_label, reach, channel) => {
    const refs: string[] = [];
    for (const n of [1, 2, 3, 4])
      refs.push(refOf(await bed.webForm({ name: 'Someone', message: `Form post number ${n}`, ...reach })));
    const { sender, sent } = bed.notices();

    const today = [];
    for (const ref of refs) today.push((await sender.send(acknowledgement(ref))).status);
    bed.clock.set(new Date('2026-12-02T10:00:00Z'));
    const tomorrow = (await sender.send({ ...acknowledgement(refs[3] as string), key: 'acknowledgement-2' })).status;

    expect(today).toEqual(['sent', 'sent', 'sent', 'skipped']);
    expect(tomorrow).toBe('sent');
    expect(sent.every((s) => s.channel === channel)).toBe(true);
    const fourth = await bed.store.repository.getCaseWithHistory(refs[3] as string);
    expect(fourth?.timeline.find((t) => t.type === 'notice-skipped')?.summary).toContain('daily limit');
  });
});
