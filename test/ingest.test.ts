import type { CaseWithHistory, IngestDeps } from '@housing-inbox/core';
import { acceptDelivery, ingestMessage, UnparseableInput, withMessageBodies } from '@housing-inbox/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFICERS } from './support/ingest.js';
import { blairtummock, clockAt, email, hightown, sms, startTestStore, type TestStore } from './support/stack.js';

describe('ingest on the local store', () => {
  let store: TestStore;
  let deps: IngestDeps;

  beforeEach(async () => {
    store = await startTestStore();
    for (const o of OFFICERS) await store.repository.putOfficer(o);
    deps = {
      policy: hightown,
      repository: store.repository,
      blobs: store.blobs,
      clock: clockAt('2026-12-01T10:00:05Z'),
    };
  });
  afterEach(async () => {
    await store.stop();
  });

  it('opens a case with a reference, targets, owner and timeline', async () => {
    // Act
    const result = await ingestMessage(deps, email() as never);

    // Assess
    expect(result).toMatchObject({ outcome: 'created', caseRef: 'HT-2026-000001' });
    const saved = await store.repository.getCaseWithHistory('HT-2026-000001');
    expect(saved?.case).toMatchObject({
      channel: 'email',
      kind: 'email',
      status: 'new',
      subject: 'Question about my rent statement',
      targets: { clockStarts: '2026-12-01', acknowledgeBy: null, respondBy: '2026-12-15' },
    });
    expect(saved?.contact).toMatchObject({ name: 'Ada Resident', email: 'ada@resident.example' });
    expect(saved?.messages.map((m) => m.text)).toEqual([expect.stringContaining('rent statement')]);
    expect(saved?.timeline.map((t) => t.type)).toEqual(['case-opened', 'message-received', 'classified', 'assigned']);
  });

  it('numbers case references in sequence per year of receipt', async () => {
    const a = await ingestMessage(deps, email({ from: { email: 'a@x.example' } }) as never);
    const b = await ingestMessage(deps, email({ from: { email: 'b@x.example' } }) as never);
    const c = await ingestMessage(
      deps,
      email({ from: { email: 'c@x.example' }, receivedAt: '2027-01-04T10:00:00Z' }) as never,
    );
    expect([a, b, c].map((r) => ('caseRef' in r ? r.caseRef : undefined))).toEqual([
      'HT-2026-000001',
      'HT-2026-000002',
      'HT-2027-000001',
    ]);
  });

  it('collapses three concurrent deliveries of one message into one case', async () => {
    // Prepare
    const message = email();

    // Act
    const results = await Promise.all([1, 2, 3].map(() => ingestMessage(deps, message as never)));

    // Assess
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(2);
    const created = results.find((r) => r.outcome === 'created') as { caseRef: string };
    for (const r of results) expect(r).toMatchObject({ caseRef: created.caseRef });
    const all = await store.repository.listQueue({ queue: 'all' });
    expect(all.items).toHaveLength(1);
    expect((await store.repository.getCaseWithHistory(created.caseRef))?.messages).toHaveLength(1);
  });

  it('drops a redelivery that arrives after the first was processed', async () => {
    const message = email();
    await ingestMessage(deps, message as never);
    const again = await ingestMessage(deps, message as never);
    expect(again).toMatchObject({ outcome: 'duplicate', caseRef: 'HT-2026-000001' });
  });

  it('threads a reply that quotes the case reference in the subject, from the case’s own contact', async () => {
    await ingestMessage(deps, email() as never);
    const reply = await ingestMessage(
      deps,
      email({ subject: 'Re: your case HT-2026-000001', text: 'More detail' }) as never,
    );
    expect(reply).toMatchObject({ outcome: 'threaded', caseRef: 'HT-2026-000001', via: 'reference' });
    const saved = await store.repository.getCaseWithHistory('HT-2026-000001');
    expect(saved?.messages).toHaveLength(2);
    expect(saved?.case.messageCount).toBe(2);
  });

  it('threads an email reply by In-Reply-To, without any reference in it', async () => {
    const first = email();
    await ingestMessage(deps, { ...first, threading: { messageId: first.dedupeKey } } as never);
    const reply = await ingestMessage(
      deps,
      email({
        subject: 'Re: Question',
        text: 'Any news?',
        threading: { inReplyTo: [first.dedupeKey as string], references: [first.dedupeKey as string] },
      }) as never,
    );
    expect(reply).toMatchObject({ outcome: 'threaded', caseRef: 'HT-2026-000001', via: 'email-thread' });
  });

  it('opens a new case for a new email from a known resident (no thread, no reference)', async () => {
    await ingestMessage(deps, email() as never);
    const second = await ingestMessage(deps, email({ subject: 'Another matter', text: 'Different question' }) as never);
    expect(second).toMatchObject({ outcome: 'created', caseRef: 'HT-2026-000002' });
    const [a, b] = await Promise.all([
      store.repository.getCase('HT-2026-000001'),
      store.repository.getCase('HT-2026-000002'),
    ]);
    expect(a?.contactId).toBe(b?.contactId);
  });

  it('threads a text from the same number inside the window, and opens a new case outside it', async () => {
    await ingestMessage(deps, sms({ from: { phone: '07700 900123' } }) as never);
    const inside = await ingestMessage(
      deps,
      sms({ receivedAt: '2026-12-03T09:00:00Z', text: 'Still waiting' }) as never,
    );
    const outside = await ingestMessage(
      deps,
      sms({ receivedAt: '2027-02-01T09:00:00Z', text: 'New problem' }) as never,
    );
    expect(inside).toMatchObject({ outcome: 'threaded', caseRef: 'HT-2026-000001', via: 'sms-window' });
    expect(outside).toMatchObject({ outcome: 'created', caseRef: 'HT-2027-000001' });
  });

  it('matches a resident across channels by email or phone, in any format', async () => {
    await ingestMessage(deps, email({ from: { email: 'Ada@Resident.Example', phone: '07700 900123' } }) as never);
    await ingestMessage(deps, sms({ from: { phone: '+44 7700 900123' }, text: 'hello' }) as never);
    const cases = (await store.repository.listQueue({ queue: 'all' })).items;
    const contactIds = new Set(cases.map((c) => c.contactId));
    // The text threads onto the open case or opens another for the same person: never a second contact.
    expect(contactIds.size).toBe(1);
  });

  it('classifies complaints and emergency repairs and routes them to the right team', async () => {
    const complaint = await ingestMessage(
      deps,
      email({
        from: { email: 'c@x.example' },
        subject: 'Formal complaint',
        text: 'I am unhappy with how my case was handled',
      }) as never,
    );
    const repair = await ingestMessage(
      deps,
      email({ from: { email: 'r@x.example' }, subject: 'Help', text: 'There is a gas leak in my kitchen' }) as never,
    );
    const c = await store.repository.getCase((complaint as { caseRef: string }).caseRef);
    const r = await store.repository.getCase((repair as { caseRef: string }).caseRef);
    expect(c).toMatchObject({
      kind: 'complaint-stage-1',
      classification: { category: 'complaint' },
      teamId: 'customer-services',
      ownerId: 'cara',
      targets: { acknowledgeBy: '2026-12-08', respondBy: '2026-12-22' },
    });
    // Issue 11: a gas leak is an emergency hazard under Awaab's Law (24 hours), no longer a 10-working-day email.
    expect(r).toMatchObject({
      kind: 'hazard-emergency',
      classification: {
        category: 'repair',
        priority: 'emergency',
        reason: expect.stringContaining('gas leak'),
        hazard: { kind: 'hazard-emergency', sign: 'gas', status: 'suspected' },
      },
      teamId: 'property-services',
      ownerId: 'pat',
      targets: { respondBy: '2026-12-02T10:00:00.000Z' },
    });
  });

  it('gives Blairtummock an emergency repair a 24-hour target', async () => {
    const scot = { ...deps, policy: blairtummock };
    const result = await ingestMessage(scot, email({ text: 'Burst pipe, water pouring through the ceiling' }) as never);
    const kase = await store.repository.getCase((result as { caseRef: string }).caseRef);
    // Issue 11: flooding is an emergency hazard: the same 24 hours, its kind the hazard's.
    expect(kase).toMatchObject({
      ref: 'BT-2026-000001',
      kind: 'hazard-emergency',
      teamId: 'maintenance',
      targets: { respondBy: '2026-12-02T10:00:00.000Z' },
    });
  });

  it('shares new cases in a team by open workload', async () => {
    const owners: (string | undefined)[] = [];
    for (const who of ['a', 'b', 'c', 'd']) {
      const r = await ingestMessage(
        deps,
        email({
          channel: 'web-form',
          from: { email: `${who}@x.example` },
          form: { category: 'rent' },
          text: 'About my rent',
        }) as never,
      );
      owners.push((await store.repository.getCase((r as { caseRef: string }).caseRef))?.ownerId);
    }
    expect(owners).toEqual(['ina', 'olu', 'ina', 'olu']);
  });

  it('records an out-of-office reply on the case it answers and never opens a case for it', async () => {
    const first = email();
    await ingestMessage(deps, first as never);
    const auto = await ingestMessage(
      deps,
      email({
        subject: 'Automatic reply: HT-2026-000001',
        text: 'I am away',
        automated: { kind: 'auto-reply', reason: 'Auto-Submitted: auto-replied' },
      }) as never,
    );
    const stray = await ingestMessage(
      deps,
      email({
        from: { email: 'mailer-daemon@x.example' },
        subject: 'Undeliverable',
        text: 'failed',
        automated: { kind: 'bounce', reason: 'delivery status notification' },
      }) as never,
    );
    expect(auto).toMatchObject({ outcome: 'automated', caseRef: 'HT-2026-000001', kind: 'auto-reply' });
    expect(stray).toMatchObject({ outcome: 'automated', kind: 'bounce' });
    expect(stray).not.toHaveProperty('caseRef');
    expect((await store.repository.listQueue({ queue: 'all' })).items).toHaveLength(1);
    const saved = await store.repository.getCaseWithHistory('HT-2026-000001');
    expect(saved?.timeline.map((t) => t.type)).toContain('automated-message-received');
  });

  it('keeps the raw payload and quarantines what cannot be parsed, with the reason', async () => {
    // Prepare
    const raw = new TextEncoder().encode('this is not MIME at all');

    // Act
    const result = await acceptDelivery(deps, {
      channel: 'email',
      raw,
      contentType: 'message/rfc822',
      parse: () => {
        throw new UnparseableInput('no From header and no body', 'email');
      },
    });

    // Assess
    expect(result).toMatchObject({ outcome: 'quarantined', reason: 'no From header and no body' });
    const [entry] = (await store.repository.listQuarantine()).items;
    expect(entry).toMatchObject({ channel: 'email', reason: 'no From header and no body' });
    const kept = await store.blobs.get(entry?.rawKey as string);
    expect(new TextDecoder().decode(kept?.body)).toBe('this is not MIME at all');
    expect((await store.repository.listQueue({ queue: 'all' })).items).toHaveLength(0);
  });

  it('quarantines a parser result that breaks the message contract, naming the field', async () => {
    const result = await acceptDelivery(deps, {
      channel: 'sms',
      raw: new TextEncoder().encode('{}'),
      contentType: 'application/json',
      parse: () => ({ channel: 'sms', dedupeKey: '', receivedAt: 'yesterday', from: {}, text: 'x' }) as never,
    });
    expect(result).toMatchObject({ outcome: 'quarantined', reason: expect.stringContaining('dedupeKey') });
    expect((result as { reason: string }).reason).toContain('receivedAt');
  });

  it('stores attachments as blobs and keeps only their keys on the message', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 pretend');
    const r = await ingestMessage(
      deps,
      email({
        attachments: [
          {
            filename: 'photo of damp.pdf',
            contentType: 'application/pdf',
            size: bytes.length,
            inline: false,
            content: bytes,
          },
        ],
      }) as never,
    );
    const saved = await store.repository.getCaseWithHistory((r as { caseRef: string }).caseRef);
    const [attachment] = saved?.messages[0]?.attachments ?? [];
    expect(attachment).toMatchObject({ filename: 'photo of damp.pdf', size: bytes.length });
    expect(attachment).not.toHaveProperty('content');
    expect((await store.blobs.get(attachment?.blobKey as string))?.body).toEqual(bytes);
  });

  it('stores a very large email without losing it: the body goes to the blob store cut to 150 KB a part, the original is kept whole', async () => {
    // Prepare: 600 KB of HTML and text, beyond a DynamoDB item's 400 KB.
    const big = 'Lorem ipsum dolor sit amet. '.repeat(22_000);
    const raw = new TextEncoder().encode(big);

    // Act
    const result = await acceptDelivery(deps, {
      channel: 'email',
      raw,
      contentType: 'message/rfc822',
      parse: () => email({ text: big, html: `<p>${big}</p>`, safeHtml: `<p>${big}</p>` }) as never,
    });

    // Assess
    expect(result.outcome).toBe('created');
    const saved = await store.repository.getCaseWithHistory((result as { caseRef: string }).caseRef);
    // The item holds a preview and the body's key; read back, the text is cut where the officer is told so.
    expect(saved?.messages[0]?.bodyKey).toMatch(/^bodies\//);
    const [message] = (await withMessageBodies(store.blobs, saved as CaseWithHistory)).messages;
    expect(message?.text).toContain('too long to show here');
    expect(Buffer.byteLength(message?.text ?? '')).toBeGreaterThan(150_000);
    expect(message?.safeHtml).toBeUndefined();
    expect((await store.blobs.get(message?.rawKey as string))?.body.byteLength).toBe(raw.byteLength);
  });

  it('lets a delivery be retried when a service is busy, instead of quarantining it', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    const delivery = {
      channel: 'letter' as const,
      raw: new TextEncoder().encode('%PDF-1.4 a letter'),
      contentType: 'application/pdf',
      parse: () => {
        throw throttled;
      },
    };
    await expect(acceptDelivery(deps, delivery)).rejects.toThrow('Rate exceeded');
    expect((await store.repository.listQuarantine()).items).toHaveLength(0);
  });

  it('gives a follow-up after our reply its own response target, keeping the earlier outcome on the timeline', async () => {
    // Prepare: a case answered on time.
    const first = email();
    await ingestMessage(deps, { ...first, threading: { messageId: first.dedupeKey } } as never);
    const kase = (await store.repository.getCase('HT-2026-000001')) as NonNullable<
      Awaited<ReturnType<typeof store.repository.getCase>>
    >;
    await store.repository.commitCaseChange({
      case: {
        ...kase,
        status: 'answered',
        respondedAt: '2026-12-02T12:00:00.000Z',
        responseOutcome: 'met',
        updatedAt: '2026-12-02T12:00:00.000Z',
      },
      expectedUpdatedAt: kase.updatedAt,
      timeline: [],
    });

    // Act: the resident writes again on Thursday 3 December.
    const later = { ...deps, clock: clockAt('2026-12-03T11:00:00Z') };
    const followUp = await ingestMessage(
      later,
      email({
        receivedAt: '2026-12-03T11:00:00Z',
        subject: 'Re: HT-2026-000001',
        text: 'That did not fix it.',
      }) as never,
    );

    // Assess: ten working days from 3 December, the reply no longer counts as the answer.
    expect(followUp).toMatchObject({ outcome: 'threaded', caseRef: 'HT-2026-000001' });
    const saved = await store.repository.getCaseWithHistory('HT-2026-000001');
    expect(saved?.case).toMatchObject({
      status: 'in-progress',
      targets: { clockStarts: '2026-12-03', respondBy: '2026-12-17' },
    });
    expect(saved?.case.respondedAt).toBeUndefined();
    expect(saved?.timeline.find((t) => t.type === 'follow-up')?.data).toMatchObject({ previousOutcome: 'met' });
    // The queues order it by the new date.
    const [queued] = (await store.repository.listQueue({ queue: 'all' })).items;
    expect(queued?.targets.respondBy).toBe('2026-12-17');
  });

  it('starts the timer again when a delivery is retried because starting it failed the first time', async () => {
    // Prepare: timers that fail to start once (a throttled StartExecution), then work.
    const opened: string[] = [];
    let failures = 1;
    const events = {
      caseOpened: async (ref: string) => {
        if (failures-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        opened.push(ref);
      },
      caseChanged: async () => {},
    };
    const message = email();

    // Act: the first delivery stores the case but fails on the timer; the provider retries.
    await expect(ingestMessage({ ...deps, events }, message as never)).rejects.toThrow('Rate exceeded');
    const retry = await ingestMessage({ ...deps, events }, message as never);

    // Assess: one case, and its timer started on the retry.
    expect(retry).toMatchObject({ outcome: 'duplicate', caseRef: 'HT-2026-000001' });
    expect(opened).toEqual(['HT-2026-000001']);
  });
});
