/**
 * Issue 10, threading trust and contacts: a case reference or an email reply threads onto
 * a case only when the sender is its contact; anyone else gets a case of their own,
 * linked; a stranger naming a resident's email or phone never rewrites that resident.
 */
import {
  type Actor,
  type Case,
  chooseReplyChannel,
  createCaseCommands,
  ingestMessage,
  type NoticeSender,
} from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { caseText, ingestBedPerTest, refOf, runToken } from './support/ingest.js';
import { email, sms } from './support/stack.js';

const manager: Actor = { officerId: 'mo', role: 'manager', teamId: 'customer-services' };
const noNotices: NoticeSender = { send: async () => ({ status: 'skipped', reason: 'not in this test' }) };

describe('threading trust', () => {
  const bed = ingestBedPerTest();

  it('gives a neighbour who quotes a resident’s reference a case of their own, linked both ways (shared cases 01a, 01b)', async () => {
    const RUN = runToken();
    const resident = await bed.email(caseText('01a-case-ref-owner.eml', { RUN }));
    const REF = refOf(resident);
    const neighbour = await bed.email(caseText('01b-stranger-quotes-case-ref.eml', { RUN, REF }));

    expect(neighbour).toMatchObject({ outcome: 'created' });
    const mine = await bed.store.repository.getCaseWithHistory(REF);
    const theirs = await bed.store.repository.getCaseWithHistory(refOf(neighbour));
    expect(mine?.messages).toHaveLength(1);
    expect(mine?.case.linked).toEqual([expect.objectContaining({ ref: refOf(neighbour), relation: 'mentioned-by' })]);
    expect(theirs?.case.linked).toEqual([
      expect.objectContaining({ ref: REF, relation: 'mentions', via: 'reference' }),
    ]);
    expect(theirs?.contact?.email).toBe(`tom.fielding.${RUN}@example.net`);
    expect(mine?.timeline.map((t) => t.type)).toContain('case-linked');
    expect(theirs?.timeline.map((t) => t.type)).toContain('case-linked');
  });

  it('answers a stranger the same whether the reference exists or not', async () => {
    const real = refOf(await ingestMessage(bed.deps, email() as never));
    const quoting = (ref: string, who: string) =>
      ingestMessage(bed.deps, email({ from: { email: `${who}@x.example` }, subject: `About ${ref}` }) as never);
    const a = await quoting(real, 'a');
    const b = await quoting('HT-2026-999999', 'b');
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect([a.outcome, b.outcome]).toEqual(['created', 'created']);
  });

  it.each([
    ['an email reply (In-Reply-To)', 'email-thread'],
    ['a text quoting the reference', 'sms'],
    ['a logged call quoting the reference', 'logged'],
  ])('never writes %s from someone else into a restricted, answered case', async (_, how) => {
    // Prepare: a resident's case, answered on time and restricted.
    const first = email({ threading: { messageId: '<orig@resident.example>' } } as never);
    const ref = refOf(await ingestMessage(bed.deps, first as never));
    const kase = (await bed.store.repository.getCase(ref)) as Case;
    await bed.store.repository.commitCaseChange({
      case: {
        ...kase,
        status: 'answered',
        restricted: true,
        respondedAt: '2026-12-01T12:00:00.000Z',
        responseOutcome: 'met',
      },
      expectedUpdatedAt: kase?.updatedAt as string,
      timeline: [],
    });

    // Act
    const other =
      how === 'email-thread'
        ? email({ from: { email: 'other@x.example' }, threading: { inReplyTo: ['<orig@resident.example>'] } } as never)
        : how === 'sms'
          ? sms({ from: { phone: '+447700900777' }, text: `Re ${ref}: the noise again` })
          : email({
              channel: 'phone',
              from: { phone: '+447700900778', name: 'Caller' },
              text: `Caller quoted ${ref}`,
              logged: { kind: 'phone-message', loggedBy: 'cara' },
            } as never);
    const outcome = await ingestMessage(bed.deps, other as never);

    // Assess
    expect(outcome.outcome).toBe('created');
    const saved = await bed.store.repository.getCaseWithHistory(ref);
    expect(saved?.messages).toHaveLength(1);
    expect(saved?.case).toMatchObject({ status: 'answered', responseOutcome: 'met', restricted: true });
    expect(saved?.case.linked?.map((l) => l.ref)).toEqual([refOf(outcome)]);
  });

  it('threads the case’s own contact by reference, by reply and by text', async () => {
    const ref = refOf(
      await ingestMessage(
        bed.deps,
        email({
          from: { email: 'ada@resident.example', phone: '07700900123' },
          threading: { messageId: '<o@r.example>' },
        } as never) as never,
      ),
    );
    const byRef = await ingestMessage(bed.deps, email({ subject: `Re ${ref}` }) as never);
    const byReply = await ingestMessage(
      bed.deps,
      email({ threading: { inReplyTo: ['<o@r.example>'] } } as never) as never,
    );
    const byText = await ingestMessage(
      bed.deps,
      sms({ from: { phone: '+447700900123' }, text: `about ${ref}` }) as never,
    );
    expect([byRef, byReply, byText].map((o) => [o.outcome, refOf(o)])).toEqual([
      ['threaded', ref],
      ['threaded', ref],
      ['threaded', ref],
    ]);
  });
});

describe('contacts are not rewritten by strangers', () => {
  const bed = ingestBedPerTest();

  it('holds a form’s new details for an officer, replies going where the resident last asked until confirmed', async () => {
    // Prepare: Ada prefers email.
    await bed.webForm({
      name: 'Ada Resident',
      email: 'ada@resident.example',
      message: 'Hello',
      preferredChannel: 'email',
      address: '1 Elm Parade, HX1 1AA',
    });

    // Act: someone names Ada's email with another name, address, number and a preference for texts.
    const outcome = await bed.webForm({
      name: 'Mallory',
      email: 'ada@resident.example',
      phone: '07700 900999',
      address: '99 Other Street, HX9 9ZZ',
      preferredChannel: 'sms',
      message: 'Send everything to my phone',
    });

    // Assess: Ada's record is as she left it; the case holds the new details.
    const ada = await bed.store.repository.findContactByEmail('ada@resident.example');
    expect(ada).toMatchObject({ name: 'Ada Resident', preferredChannel: 'email', address: '1 Elm Parade, HX1 1AA' });
    expect(ada?.phone).toBeUndefined();
    expect(await bed.store.repository.findContactByPhone('+447700900999')).toBeUndefined();
    expect(chooseReplyChannel(ada as never, 'web-form')).toMatchObject({
      channel: 'email',
      to: 'ada@resident.example',
    });
    const ref = refOf(outcome);
    const saved = await bed.store.repository.getCaseWithHistory(ref);
    expect(saved?.case.pendingDetails?.details).toEqual({
      name: 'Mallory',
      phone: '+447700900999',
      address: '99 Other Street, HX9 9ZZ',
      preferredChannel: 'sms',
    });
    expect(saved?.timeline.find((t) => t.type === 'contact-details-pending')?.summary).toContain('phone number');

    // Act: an officer confirms the number only (one command).
    const commands = createCaseCommands({
      policy: bed.deps.policy,
      repository: bed.store.repository,
      clock: bed.clock,
      notices: noNotices,
    });
    const after = await commands.confirmDetails(manager, ref, { fields: ['phone'] });

    // Assess
    expect(after.contact).toMatchObject({ name: 'Ada Resident', phone: '+447700900999', preferredChannel: 'email' });
    expect(after.case.pendingDetails?.details).not.toHaveProperty('phone');
    expect((await bed.store.repository.findContactByPhone('+447700900999'))?.id).toBe(ada?.id);
    const discarded = await commands.confirmDetails(manager, ref, { discard: true });
    expect(discarded.case.pendingDetails).toBeUndefined();
  });

  it('refuses to confirm a number that is another contact’s', async () => {
    await ingestMessage(bed.deps, sms({ from: { phone: '+447700900555' }, text: 'Bob, about my rent' }) as never);
    await bed.webForm({ name: 'Ann', email: 'ann@resident.example', message: 'First' });
    const ref = refOf(
      await bed.webForm({ name: 'Ann', email: 'ann@resident.example', phone: '07700900555', message: 'Second' }),
    );
    const commands = createCaseCommands({
      policy: bed.deps.policy,
      repository: bed.store.repository,
      clock: bed.clock,
      notices: noNotices,
    });
    await expect(commands.confirmDetails(manager, ref, {})).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('lets a text from a known number change nothing on the record', async () => {
    await bed.webForm({ name: 'Cy', phone: '07700900444', message: 'Hi', preferredChannel: 'sms' });
    await ingestMessage(
      bed.deps,
      sms({ from: { phone: '+447700900444', name: 'Impostor' }, text: 'new thing' }) as never,
    );
    expect(await bed.store.repository.findContactByPhone('+447700900444')).toMatchObject({
      name: 'Cy',
      preferredChannel: 'sms',
    });
  });
});
