/**
 * Issue 10, text-message keywords: STOP (and its kin) alone opts the number out of texts,
 * recorded on the contact and its open case, opening no case; START or UNSTOP opts back
 * in; notices and replies then use another channel, or are left for an officer.
 */
import { smsKeyword } from '@housing-inbox/channels';
import { chooseReplyChannel } from '@housing-inbox/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest, refOf, runToken, smsCase } from './support/ingest.js';

const PHONE_A = '+447700900201';
const PHONE_B = '+447700900202';

describe('SMS opt-out and opt-in', () => {
  const bed = ingestBedPerTest();

  it('opts a resident with an open case out of texts without opening a case (shared cases 09a, 09b)', async () => {
    const RUN = runToken();
    const ref = refOf(await bed.sms(smsCase('09a-sms-first-text.json', { RUN, PHONE_A })));
    const stop = await bed.sms(smsCase('09b-sms-stop.json', { RUN, PHONE_A }));

    expect(stop).toMatchObject({ outcome: 'opted-out', caseRef: ref });
    expect((await bed.store.repository.listQueue({ queue: 'all' })).items.map((c) => c.ref)).toEqual([ref]);
    const saved = await bed.store.repository.getCaseWithHistory(ref);
    expect(saved?.messages).toHaveLength(1);
    expect(saved?.contact?.channelsToAvoid).toEqual(['sms']);
    expect(saved?.timeline.find((t) => t.type === 'sms-opted-out')?.summary).toContain('STOP');
    expect((await bed.store.repository.listContactTimeline(saved?.contact?.id as string)).map((e) => e.type)).toEqual([
      'sms-opted-out',
    ]);

    // The officer's reply has nowhere to go: the sender says so, and the officer chooses.
    const { sender: notices, sent } = bed.notices();
    const reply = await notices.send({
      caseRef: ref,
      audience: 'resident',
      purpose: 'reply',
      subject: 'Boiler',
      body: 'An engineer comes Monday.',
      sentBy: 'pat',
    });
    expect(reply).toMatchObject({ status: 'skipped' });
    expect(sent).toEqual([]);
  });

  it('records STOP from a number never seen on a minimal contact, with no case and no text back (shared case 09c)', async () => {
    const RUN = runToken();
    const outcome = await bed.sms(smsCase('09c-sms-stop-new-number.json', { RUN, PHONE_B }));
    expect(outcome).toMatchObject({ outcome: 'opted-out' });
    expect(outcome).not.toHaveProperty('caseRef');
    expect((await bed.store.repository.listQueue({ queue: 'all' })).items).toHaveLength(0);
    const contact = await bed.store.repository.findContactByPhone(PHONE_B);
    expect(contact).toMatchObject({ phone: PHONE_B, channelsToAvoid: ['sms'] });
  });

  it('opts back in on START, and notices use texts again; an email address is used while opted out', async () => {
    const RUN = runToken();
    await bed.webForm({
      name: 'Kasia',
      phone: '07700 900201',
      email: 'kasia@resident.example',
      message: 'Boiler broken',
      preferredChannel: 'sms',
    });
    await bed.sms({
      originationNumber: PHONE_A,
      destinationNumber: '+447700900100',
      messageBody: 'stop',
      inboundMessageId: `s-${RUN}`,
    });
    const out = await bed.store.repository.findContactByPhone(PHONE_A);
    expect(chooseReplyChannel(out as never, 'sms')).toMatchObject({ channel: 'email', to: 'kasia@resident.example' });

    bed.clock.advanceMs(60_000);
    const start = await bed.sms({
      originationNumber: PHONE_A,
      destinationNumber: '+447700900100',
      messageBody: 'UNSTOP',
      inboundMessageId: `u-${RUN}`,
    });
    expect(start.outcome).toBe('opted-in');
    const back = await bed.store.repository.findContactByPhone(PHONE_A);
    expect(back?.channelsToAvoid).toBeUndefined();
    expect(chooseReplyChannel(back as never, 'sms')).toMatchObject({ channel: 'sms', to: PHONE_A });
    expect((await bed.store.repository.listContactTimeline(back?.id as string)).map((e) => e.type)).toEqual([
      'sms-opted-out',
      'sms-opted-in',
    ]);
  });

  it('files “Please stop the noise upstairs” as a resident’s message', async () => {
    const outcome = await bed.sms({
      originationNumber: PHONE_A,
      destinationNumber: '+447700900100',
      messageBody: 'Please stop the noise upstairs',
      inboundMessageId: runToken(),
    });
    expect(outcome.outcome).toBe('created');
  });
});

describe('opt-out keywords (property)', () => {
  const keywords = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
  it('recognises each keyword alone in any case, with space and punctuation around it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...keywords),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('', ' ', '\n', '.', '!', ' . '),
        (word, upper, around) => {
          const cased = [...word].map((c, i) => (upper[i % upper.length] ? c : c.toLowerCase())).join('');
          return smsKeyword(`${around}${cased}${around}`) === 'opt-out';
        },
      ),
    );
  });
  it('never takes a keyword inside a sentence as one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keywords), fc.stringMatching(/^[a-z]{2,12}$/), (word, other) => {
        return smsKeyword(`please ${word.toLowerCase()} the ${other}`) === undefined;
      }),
    );
  });
});
