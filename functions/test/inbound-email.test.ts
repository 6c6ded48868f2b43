import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInboundEmailHandler } from '../src/inbound-email.js';
import { sesS3Notification, snsEvent } from './support/events.js';
import { invoke, lambdaContext, startTestbed, type Testbed } from './support/testbed.js';

const mime = (messageId: string | null) =>
  new TextEncoder().encode(
    [
      'Return-Path: <priya.sharma@example.net>',
      'MIME-Version: 1.0',
      'Date: Tue, 1 Dec 2026 09:59:41 +0000',
      ...(messageId ? [`Message-ID: <${messageId}@mail.example.net>`] : []),
      'Subject: Leaking kitchen tap',
      'From: Priya Sharma <priya.sharma@example.net>',
      'To: Hightown Housing <contact@hightown.example>',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Hello,',
      '',
      'The kitchen tap at 27 Larch Close has been leaking since the weekend and water is now dripping into =',
      'the cupboard. My mobile is 07700 900214.',
      '',
      'Priya Sharma',
      '',
    ].join('\r\n'),
  );

describe('inbound email (SES → S3 → SNS → Lambda)', () => {
  let bed: Testbed;
  let handler: ReturnType<typeof createInboundEmailHandler>;

  beforeAll(async () => {
    bed = await startTestbed();
    handler = createInboundEmailHandler({ runtime: () => bed.runtime, logger: bed.logger });
  });
  afterAll(async () => {
    await bed.stop();
  });
  beforeEach(() => {
    bed.objects.clear();
  });
  afterEach(() => {
    bed.s3.resetHistory();
  });

  type Verdict = 'PASS' | 'FAIL' | 'GRAY';
  async function deliver(
    sesMessageId: string,
    raw: Uint8Array,
    options: { virus?: Verdict; spam?: Verdict; spf?: Verdict; dkim?: Verdict; dmarc?: Verdict } = {},
  ) {
    bed.objects.set(`inbound/email/${sesMessageId}`, { body: raw, contentType: 'application/octet-stream' });
    const event = snsEvent(sesS3Notification({ sesMessageId, ...options }), {
      topic: 'housing-inbox-inbound-email',
      subject: 'Amazon SES Email Receipt Notification',
    });
    return invoke(handler, event, lambdaContext('inbound-email'));
  }

  it('turns the stored message into one case and keeps the raw MIME', async () => {
    // Act
    await deliver('o3vrnil0e2ic28trm7dfhrc2v0cnbd', mime('tap-1'));

    // Assess
    const { items } = await bed.runtime.repository.listQueue({ queue: 'all' });
    const kase = items.find((c) => c.subject === 'Leaking kitchen tap');
    expect(kase).toMatchObject({ channel: 'email', status: 'new', receivedAt: '2026-12-01T10:00:02.512Z' });
    const history = await bed.runtime.repository.getCaseWithHistory(kase?.ref as string);
    expect(history?.contact).toMatchObject({ email: 'priya.sharma@example.net' });
    expect(history?.messages[0]?.text).toContain('leaking since the weekend');
    expect([...bed.objects.keys()].some((k) => k.startsWith('raw/email/'))).toBe(true);
  });

  it.each([
    ['with a Message-ID', 'd6iitobk75ur44p8kdnnp7g2n800', 'boiler-7'],
    ['without a Message-ID', 'k2l1c8v3a0m4q7r5t9e6s1u2w0', null],
  ])('opens one case when SNS delivers the same notification twice (%s)', async (_label, sesMessageId, messageId) => {
    // Arrange
    const before = (await bed.runtime.repository.listQueue({ queue: 'all' })).items.length;

    // Act
    await deliver(sesMessageId, mime(messageId));
    await deliver(sesMessageId, mime(messageId));

    // Assess
    const after = (await bed.runtime.repository.listQueue({ queue: 'all' })).items.length;
    expect(after - before).toBe(1);
    expect(bed.logs()).toContain('"outcome":"duplicate"');
  });

  it('quarantines a stored object that is not an email, without throwing', async () => {
    // Act
    const result = deliver('brokenmime0000000000000001', new TextEncoder().encode('this is not an email at all'));

    // Assess
    await expect(result).resolves.toBeUndefined();
    const [entry] = (await bed.runtime.repository.listQuarantine()).items;
    expect(entry).toMatchObject({ channel: 'email', reason: expect.stringMatching(/no sender, subject or body/) });
    expect(bed.objects.has(entry?.rawKey as string)).toBe(true);
  });

  it('quarantines a message SES found a virus in instead of opening it', async () => {
    await deliver('virus000000000000000000001', mime('virus-1'), { virus: 'FAIL' });

    const quarantined = (await bed.runtime.repository.listQuarantine()).items;
    expect(quarantined).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/virus/) }));
  });

  it('quarantines what SES marked as spam, with the reason, and opens no case (so nothing acknowledges it)', async () => {
    const before = (await bed.runtime.repository.listQueue({ queue: 'all' })).items.length;

    await deliver('spam0000000000000000000001', mime('spam-1'), { spam: 'FAIL' });

    const quarantined = (await bed.runtime.repository.listQuarantine()).items;
    expect(quarantined).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/spam/) }));
    expect((await bed.runtime.repository.listQueue({ queue: 'all' })).items).toHaveLength(before);
  });

  it('releases held spam from the kept payload in S3 as one case, however often a manager asks', async () => {
    await deliver('spam0000000000000000000002', mime('spam-2'), { spam: 'FAIL' });
    const held = (await bed.runtime.repository.listQuarantine()).items.find((q) =>
      q.transportId?.endsWith('spam0000000000000000000002'),
    );
    expect(held).toMatchObject({ verdict: 'spam', transportId: 'ses:spam0000000000000000000002' });

    const first = await bed.runtime.services.releaseQuarantined('manager-1', held?.id as string);
    const again = await bed.runtime.services.releaseQuarantined('manager-1', held?.id as string);
    // SES redelivering the same notification after the release is the same message again.
    await deliver('spam0000000000000000000002', mime('spam-2'));

    expect(first).toMatchObject({
      released: true,
      alreadyReleased: false,
      release: { outcome: 'created', by: 'manager-1' },
    });
    const ref = first.released ? first.release.caseRef : undefined;
    expect(again).toMatchObject({ released: true, alreadyReleased: true, release: { caseRef: ref } });
    const cases = (await bed.runtime.repository.listQueue({ queue: 'all' })).items.filter((c) => c.ref === ref);
    expect(cases).toHaveLength(1);
    expect(
      (await bed.runtime.repository.getCaseWithHistory(ref as string))?.messages.filter(
        (m) => m.direction === 'inbound',
      ),
    ).toHaveLength(1);
  });

  it('never threads a spoof (DMARC FAIL) into the resident’s case it quotes: quarantined with the reason', async () => {
    // Arrange: the resident's real case.
    await deliver('dmarc000000000000000000001', mime('dmarc-real-1'));
    const kase = (await bed.runtime.repository.listQueue({ queue: 'all' })).items.find(
      (c) => c.subject === 'Leaking kitchen tap',
    );
    const ref = kase?.ref as string;
    const spoof = new TextEncoder().encode(
      [
        'Message-ID: <spoof-1@attacker.example>',
        `Subject: Re: ${ref} change my bank details`,
        'From: Priya Sharma <priya.sharma@example.net>',
        'To: contact@hightown.example',
        'Content-Type: text/plain; charset="UTF-8"',
        '',
        `About ${ref}: please send any refund to my new account.`,
        '',
      ].join('\r\n'),
    );

    // Act
    await deliver('dmarc000000000000000000002', spoof, { dmarc: 'FAIL', spf: 'FAIL' });

    // Assert
    const history = await bed.runtime.repository.getCaseWithHistory(ref);
    expect(history?.messages.some((m) => m.text?.includes('refund'))).toBe(false);
    const quarantined = (await bed.runtime.repository.listQuarantine()).items;
    expect(quarantined).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/DMARC failed/) }));
  });

  it('lets a message through when SES could not decide (GRAY), and when only one of SPF and DKIM fails', async () => {
    const before = (await bed.runtime.repository.listQuarantine()).items.length;

    await deliver('gray00000000000000000000001', mime('gray-1'), { spam: 'GRAY', dmarc: 'GRAY', spf: 'FAIL' });

    expect((await bed.runtime.repository.listQuarantine()).items).toHaveLength(before);
  });

  it('throws (so Lambda retries) when the stored message cannot be read', async () => {
    const event = snsEvent(sesS3Notification({ sesMessageId: 'missing00000000000000000001' }), {
      topic: 'housing-inbox-inbound-email',
    });

    await expect(invoke(handler, event, lambdaContext())).rejects.toThrow(/missing/);
  });

  it('throws on an event that is not an SES receipt notification', async () => {
    const event = snsEvent(JSON.stringify({ hello: 'world' }), { topic: 'housing-inbox-inbound-email' });

    await expect(invoke(handler, event, lambdaContext())).rejects.toThrow();
  });

  it('logs the case reference as correlation id and nothing personal', async () => {
    // Act
    await deliver('privacy00000000000000000001', mime('privacy-1'));

    // Assess
    const logs = bed.logs();
    expect(logs).toMatch(/"correlation_id":"HT-2026-\d{6}"/);
    for (const personal of ['Priya', 'Sharma', 'priya.sharma@example.net', '07700', 'Larch Close', 'kitchen tap']) {
      expect(logs).not.toContain(personal);
    }
  });
});
