import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BlobStore,
  type Case,
  type CaseChange,
  type CaseRepository,
  type CaseWithHistory,
  createNoticeSender,
  type LandlordPolicy,
  ManualClock,
  type OutboundEmail,
  type OutboundSms,
} from '@housing-inbox/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalOutbox, OutboundSendError, SNS_SMS_MAX_CHARS } from '../src/index.js';
import { LANDLORD, LETTER, NOW } from './fixtures.js';
import { readPdf } from './pdf-text.js';

const EMAIL: OutboundEmail = {
  id: 'email-0001',
  caseRef: 'HT-2026-00045',
  purpose: 'acknowledgement',
  subject: 'We have your message',
  body: 'Dear Rosa,\n\nWe have your message.',
  to: 'rosa.resident@resident.example',
  messageId: '<email-0001@inbox.hightown.example>',
  inReplyTo: '<first@resident.example>',
  references: ['<first@resident.example>'],
};

const SMS: OutboundSms = {
  id: 'sms-0001',
  caseRef: 'HT-2026-00046',
  purpose: 'delay-update',
  subject: 'Your repair [HT-2026-00046]',
  body: 'Hightown: your repair HT-2026-00046 is late because parts are on order. New date 9 Dec.',
  to: '+447700900123',
};

describe('LocalOutbox', () => {
  let dir: string;
  let clock: ManualClock;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    clock = new ManualClock(NOW);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists every email, text and letter in the order sent, in the /local/outbox shape, across a restart', async () => {
    // Prepare
    const outbox = new LocalOutbox(dir, clock, { landlord: LANDLORD });

    // Act
    const email = await outbox.mailer.sendEmail(EMAIL);
    clock.advanceMs(60_000);
    const sms = await outbox.sms.sendSms(SMS);
    clock.advanceMs(60_000);
    const letter = await outbox.letters.queueLetter({ ...LETTER, largePrint: true });

    // Assess: what the caller records on the case.
    expect(email).toEqual({ providerMessageId: 'local-email-email-0001', threadIds: [EMAIL.messageId] });
    expect(sms).toEqual({ providerMessageId: 'local-sms-sms-0001' });
    expect(letter).toEqual({ providerMessageId: 'letters/letter-0001.pdf', blobKey: 'letters/letter-0001.pdf' });

    // Assess: what GET /local/outbox shows, after a restart (a new instance on the same folder).
    const items = await new LocalOutbox(dir, clock).list();
    expect(items).toEqual([
      {
        id: 'email-0001',
        channel: 'email',
        to: 'rosa.resident@resident.example',
        subject: 'We have your message [HT-2026-00045]',
        body: EMAIL.body,
        caseRef: 'HT-2026-00045',
        purpose: 'acknowledgement',
        sentAt: '2026-11-30T10:00:00.000Z',
        providerMessageId: 'local-email-email-0001',
        messageId: EMAIL.messageId,
        inReplyTo: '<first@resident.example>',
        references: ['<first@resident.example>'],
      },
      {
        id: 'sms-0001',
        channel: 'sms',
        to: '+447700900123',
        subject: SMS.subject,
        body: SMS.body,
        caseRef: 'HT-2026-00046',
        purpose: 'delay-update',
        sentAt: '2026-11-30T10:01:00.000Z',
        providerMessageId: 'local-sms-sms-0001',
      },
      {
        id: 'letter-0001',
        channel: 'letter',
        to: '9 Quay Street, Hightown HX2 3EF',
        subject: LETTER.subject,
        body: LETTER.body,
        caseRef: 'HT-2026-00044',
        purpose: 'reply',
        sentAt: '2026-11-30T10:02:00.000Z',
        providerMessageId: 'letters/letter-0001.pdf',
        recipientName: 'Len Letter',
        largePrint: true,
        pdfPath: 'letters/letter-0001.pdf',
        blobKey: 'letters/letter-0001.pdf',
      },
    ]);
  });

  it('keeps each letter as a PDF in the outbox folder, rendered in large print when asked', async () => {
    const outbox = new LocalOutbox(dir, clock, { landlord: LANDLORD });
    await outbox.letters.queueLetter({ ...LETTER, largePrint: true });
    const pdf = await readFile(join(dir, 'letters', 'letter-0001.pdf'));
    expect(await outbox.letterPdf('letter-0001')).toEqual(new Uint8Array(pdf));
    expect(await outbox.letterPdf('../outbox')).toBeUndefined();
    const { items } = await readPdf(new Uint8Array(pdf));
    expect(items.map((i) => i.text)).toEqual(
      expect.arrayContaining(['Hightown Housing Association', 'Len Letter', 'Date: 30 November 2026']),
    );
    expect(items.find((i) => i.text === 'Dear Mr Letter,')?.size).toBe(18);
  });

  it('also puts the PDF in a blob store when given one, and returns that key', async () => {
    const stored = new Map<string, { body: Uint8Array; contentType: string }>();
    const blobs: BlobStore = {
      put: async (key, body, contentType) => void stored.set(key, { body, contentType }),
      get: async (key) => stored.get(key),
      delete: async (key) => void stored.delete(key),
    };
    const outbox = new LocalOutbox(dir, clock, { landlord: LANDLORD, blobs });
    const receipt = await outbox.letters.queueLetter(LETTER);
    expect(receipt.blobKey).toBe('letters/outgoing/2026-11-30/letter-0001.pdf');
    expect(stored.get('letters/outgoing/2026-11-30/letter-0001.pdf')?.contentType).toBe('application/pdf');
    expect((await outbox.list())[0]).toMatchObject({ pdfPath: 'letters/letter-0001.pdf', blobKey: receipt.blobKey });
  });

  it('skips a last line cut short by a crash, and appends cleanly after it', async () => {
    const first = new LocalOutbox(dir, clock);
    await first.mailer.sendEmail(EMAIL);
    await appendFile(join(dir, 'outbox.jsonl'), '{"id":"half-writ');

    const restarted = new LocalOutbox(dir, clock);
    expect((await restarted.list()).map((i) => i.id)).toEqual(['email-0001']);
    await restarted.sms.sendSms(SMS);
    expect((await restarted.list()).map((i) => i.id)).toEqual(['email-0001', 'sms-0001']);
    expect(await readFile(join(dir, 'outbox.jsonl'), 'utf8')).not.toContain('half-writ');
  });

  it('keeps a complete last line that only lost its line break', async () => {
    const first = new LocalOutbox(dir, clock);
    await first.mailer.sendEmail(EMAIL);
    const file = join(dir, 'outbox.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).trimEnd());
    const restarted = new LocalOutbox(dir, clock);
    await restarted.sms.sendSms(SMS);
    expect((await restarted.list()).map((i) => i.id)).toEqual(['email-0001', 'sms-0001']);
  });

  it('is empty before anything is sent', async () => {
    expect(await new LocalOutbox(join(dir, 'not-yet'), clock).list()).toEqual([]);
  });

  it('never interleaves lines when many sends happen at once', async () => {
    const outbox = new LocalOutbox(dir, clock);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => outbox.sms.sendSms({ ...SMS, id: `sms-${i}`, body: `${i} `.repeat(300) })),
    );
    const items = await outbox.list();
    expect(items).toHaveLength(25);
    expect(new Set(items.map((i) => i.id)).size).toBe(25);
  });

  it('refuses what the cloud senders would refuse, such as a text over 1600 characters', async () => {
    const outbox = new LocalOutbox(dir, clock);
    await expect(outbox.sms.sendSms({ ...SMS, body: 'x'.repeat(SNS_SMS_MAX_CHARS + 1) })).rejects.toThrow(
      'one SMS send takes at most 1600',
    );
    await expect(outbox.mailer.sendEmail({ ...EMAIL, messageId: 'email-0001' })).rejects.toThrow(
      'is not of the form <id@domain>',
    );
    expect(await outbox.list()).toEqual([]);
  });

  describe('failNext', () => {
    it.each([
      { label: 'its own channel', target: 'sms' as const },
      { label: 'any channel', target: 'any' as const },
    ])('fails the next sends on $label as many times as asked, recording nothing, then sends', async ({ target }) => {
      const outbox = new LocalOutbox(dir, clock);
      outbox.failNext(target, 2, 'SNS is down (test)');
      for (let i = 0; i < 2; i++) {
        const sending = outbox.sms.sendSms(SMS);
        await expect(sending).rejects.toThrow(OutboundSendError);
        await expect(sending).rejects.toThrow(
          'local outbox did not send sms sms-0001 for case HT-2026-00046: SNS is down (test)',
        );
      }
      expect(await outbox.list()).toEqual([]);
      await outbox.sms.sendSms(SMS);
      expect(await outbox.list()).toHaveLength(1);
    });

    it('leaves other channels alone, and can be cleared', async () => {
      const outbox = new LocalOutbox(dir, clock);
      outbox.failNext('letter', 5);
      await outbox.mailer.sendEmail(EMAIL);
      await expect(outbox.letters.queueLetter(LETTER)).rejects.toThrow('failing on purpose');
      outbox.clearFailures();
      await outbox.letters.queueLetter(LETTER);
      expect((await outbox.list()).map((i) => i.channel)).toEqual(['email', 'letter']);
    });

    it.each([
      { label: 'sent on the third try after two failures', failures: 2, status: 'sent', timeline: 'notice-sent' },
      { label: 'recorded as failed after three', failures: 3, status: 'failed', timeline: 'notice-failed' },
    ])("drives the notice sender's retries: $label", async ({ failures, status, timeline }) => {
      // Prepare: core's real notice sender, a case with an email contact, and a repository that keeps writes.
      const outbox = new LocalOutbox(dir, clock);
      const { repository, changes } = oneCaseRepository();
      const notices = createNoticeSender({
        policy: { name: 'Hightown Housing' } as LandlordPolicy,
        repository,
        outbound: outbox,
        clock,
        mailDomain: 'inbox.hightown.example',
        retryDelayMs: 0,
        attempts: 3,
      });
      outbox.failNext('email', failures);

      // Act
      const result = await notices.send({
        caseRef: 'HT-2026-00047',
        audience: 'resident',
        purpose: 'acknowledgement',
        subject: 'We have your message',
        body: 'Dear Rosa, we have your message.',
        key: 'acknowledgement',
        sentBy: 'system',
      });

      // Assess
      expect(result.status).toBe(status);
      expect(changes.flatMap((c) => c.timeline.map((t) => t.type))).toEqual([timeline]);
      expect(await outbox.list()).toHaveLength(status === 'sent' ? 1 : 0);
      if (status === 'failed') {
        expect(result).toMatchObject({ reason: expect.stringContaining('local outbox did not send email') });
      }
    });
  });
});

/** Just enough of a repository for one case to be sent a notice: the case, its contact, and the writes made. */
function oneCaseRepository(): { repository: CaseRepository; changes: CaseChange[] } {
  const kase = {
    ref: 'HT-2026-00047',
    channel: 'email',
    ownerId: 'officer-1',
    status: 'open',
    kind: 'email',
    targets: { clockStarts: '2026-11-30', acknowledgeBy: null, respondBy: '2026-12-14' },
    updatedAt: '2026-11-30T09:00:00.000Z',
  } as unknown as Case;
  const found = {
    case: kase,
    contact: { id: 'contact-1', name: 'Rosa Resident', email: 'rosa.resident@resident.example' },
    messages: [],
    timeline: [],
  } as unknown as CaseWithHistory;
  const changes: CaseChange[] = [];
  const repository = {
    getCaseWithHistory: async () => found,
    getCase: async () => kase,
    claimNotice: async () => true,
    releaseNotice: async () => {},
    commitCaseChange: async (change: CaseChange) => void changes.push(change),
  } as unknown as CaseRepository;
  return { repository, changes };
}
