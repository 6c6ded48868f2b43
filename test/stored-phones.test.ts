/**
 * Every way a contact's phone number is written stores it in E.164, however the
 * resident or the officer typed it: a new contact from the web form, a text, a
 * logged call or a letter; a logged call filling a known contact's gap; details
 * from the form an officer confirms; a letter an officer reads in. The store's
 * search tokens take the stored number as it is (store's `contactTokens`), so
 * the functions that never read a number from outside carry no phone parser
 * (issue 15): each case here is found by the number typed another way.
 */
import { type Actor, type CaseCommands, createCaseCommands, ingestMessage } from '@housing-inbox/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ingestBedPerTest, refOf } from './support/ingest.js';
import { email, sms } from './support/stack.js';

const manager: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };

describe('a contact’s phone number, stored', () => {
  const bed = ingestBedPerTest();
  let commands: CaseCommands;
  beforeEach(() => {
    commands = createCaseCommands({
      policy: bed.deps.policy,
      repository: bed.store.repository,
      clock: bed.clock,
      notices: { send: async () => ({ status: 'skipped', reason: 'not in this test' }) },
    });
  });

  /** The case's contact's number as stored, and the cases a search for `typed` finds. */
  async function stored(ref: string, typed: string) {
    const found = await bed.store.repository.searchCases(typed, { visible: () => true });
    return {
      phone: (await bed.store.repository.getCaseWithHistory(ref))?.contact?.phone,
      found: found.items.map((i) => i.ref),
    };
  }

  it('from the web form, for a new contact', async () => {
    const ref = refOf(
      await bed.webForm({ name: 'Kai Resident', phone: '07700 900 401', message: 'Please call me about my rent.' }),
    );
    expect(await stored(ref, '+44 7700 900401')).toEqual({ phone: '+447700900401', found: [ref] });
  });

  it('from a text whose number has spaces', async () => {
    const ref = refOf(await ingestMessage(bed.deps, sms({ from: { phone: '+44 7700 900 402' } }) as never));
    expect(await stored(ref, '07700900402')).toEqual({ phone: '+447700900402', found: [ref] });
  });

  it('from a logged call, for a new contact', async () => {
    const ref = refOf(
      await ingestMessage(bed.deps, {
        ...email({ text: 'Rang about the boiler.' }),
        channel: 'phone',
        from: { name: 'Caller', phone: '(0121) 496 0403' },
        logged: { kind: 'phone-message', loggedBy: 'cara' },
      } as never),
    );
    expect(await stored(ref, '0121 4960403')).toEqual({ phone: '+441214960403', found: [ref] });
  });

  it('from a logged call filling in a known contact’s missing number', async () => {
    const first = refOf(await ingestMessage(bed.deps, email({ from: { email: 'ada.404@resident.example' } }) as never));
    const ref = refOf(
      await ingestMessage(bed.deps, {
        ...email({ text: `About ${first}: call me back.` }),
        channel: 'phone',
        from: { email: 'ada.404@resident.example', phone: '0121-496-0404' },
        logged: { kind: 'phone-message', loggedBy: 'cara' },
      } as never),
    );
    expect(await stored(ref, '+441214960404')).toMatchObject({ phone: '+441214960404' });
    expect((await stored(first, '+441214960404')).found).toContain(first);
  });

  it('from a letter whose number OCR read', async () => {
    const ref = refOf(
      await ingestMessage(bed.deps, {
        ...email({ text: 'I write about the damp.' }),
        channel: 'letter',
        from: { name: 'Tomasz Nowak', phone: '01632 960 405', address: '22 Mill Lane, Hightown HT2 5LP' },
        to: [],
        scan: { method: 'pdf-text' },
      } as never),
    );
    expect(await stored(ref, '+441632960405')).toEqual({ phone: '+441632960405', found: [ref] });
  });

  it('from the form’s new details, once an officer confirms them', async () => {
    await bed.webForm({ name: 'Ada', email: 'ada.406@resident.example', message: 'Hello' });
    const ref = refOf(
      await bed.webForm({ name: 'Ada', email: 'ada.406@resident.example', phone: '07700 900406', message: 'Text me' }),
    );
    expect((await bed.store.repository.getCase(ref))?.pendingDetails?.details.phone).toBe('+447700900406');
    await commands.confirmDetails(manager, ref, { fields: ['phone'] });
    expect(await stored(ref, '+44 (0)7700 900406')).toMatchObject({ phone: '+447700900406' });
    expect((await stored(ref, '+44 (0)7700 900406')).found).toContain(ref);
  });

  it('from a letter an officer reads in', async () => {
    const ref = refOf(
      await ingestMessage(bed.deps, {
        ...email({ text: 'I wr1te ab0ut the d4mp' }),
        channel: 'letter',
        from: { address: '12 Mill Lane, Hightown HX1 4AB' },
        to: [],
        scan: { method: 'ocr', confidence: 16, needsReading: { reasons: ['OCR confidence 16'] } },
      } as never),
    );
    await commands.readLetter(manager, ref, {
      text: 'I write about the damp in my bedroom.',
      subject: 'Damp in the bedroom',
      name: 'Tomasz Nowak',
      phone: '(01632) 960407',
    });
    expect(await stored(ref, '01632960407')).toEqual({ phone: '+441632960407', found: [ref] });
  });
});
