import { describe, expect, it } from 'vitest';
import type { Case, CaseMessage } from '../src/cases.js';
import { decideLetterRead } from '../src/commands/letters.js';
import { CommandError } from '../src/commands/run.js';
import { LetterReadInput } from '../src/contracts/commands.js';
import type { Contact } from '../src/model.js';
import { computeTargets } from '../src/targets.js';
import { contextFor, hightown, makeCase, NOW } from './support/context.js';

const RECEIVED = '2026-11-24T09:00:00.000Z';

/** What ingest makes of the issue's phone photo: OCR confidence 16, a garbage subject, a contact with nothing in it. */
function unreadLetter(over: Partial<Case> = {}): Case {
  return makeCase(hightown, 'letter', {
    channel: 'letter',
    contactId: 'ocr-guess',
    subject: ',.~ Tlk qg',
    receivedAt: RECEIVED,
    targets: computeTargets(hightown, { kind: 'letter', received: new Date(RECEIVED) }),
    needsReading: {
      reasons: [
        'OCR confidence 16 is below 60: the text may be wrong',
        'no postal address, email address or phone number found to reply to',
      ],
    },
    ...over,
  });
}

const scan: CaseMessage = {
  id: 'm-letter',
  caseRef: 'HT-2026-000001',
  direction: 'inbound',
  channel: 'letter',
  receivedAt: RECEIVED,
  from: {},
  to: [],
  subject: ',.~ Tlk qg',
  text: 'T4k qg ,., 1l|',
  attachments: [{ filename: 'IMG_2231.jpg', contentType: 'image/jpeg', size: 18_000, blobKey: 'b/1', inline: false }],
  threading: { inReplyTo: [], references: [] },
  scan: { method: 'ocr', confidence: 16, engine: 'tesseract.js 7.0.0, eng 4.0.0_best_int' },
};

const ocrGuess: Contact = { id: 'ocr-guess' };

function context(kase: Case, as = 'owner', contact: Contact = ocrGuess) {
  const ctx = contextFor(kase, as, { contact });
  ctx.found.messages = [scan];
  return ctx;
}

const reading = (over: Record<string, unknown> = {}) =>
  LetterReadInput.parse({
    text: 'Please send me a rent statement for the last six months.',
    subject: 'Rent statement',
    name: 'Tomasz Nowak',
    address: 'Flat 3, 22 Mill Lane, Hightown HT2 5LP',
    phone: '01632 960 518',
    tenancyRef: 'HT-007731',
    ...over,
  });

function refusal(decide: () => unknown): CommandError {
  try {
    decide();
  } catch (err) {
    if (err instanceof CommandError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('LetterReadInput', () => {
  it.each([
    [
      'no way to reply',
      { text: 'x', subject: 'y', name: 'Ann' },
      { address: 'Enter the sender’s postal address, email address or phone number, so they can be answered' },
    ],
    [
      'no text',
      { text: '  ', subject: 'y', phone: '07700 900123' },
      { text: 'Type the letter’s text as you read it on the scan' },
    ],
    ['no subject', { text: 'x', phone: '07700 900123' }, { subject: 'Give the letter a subject' }],
    [
      'a broken email',
      { text: 'x', subject: 'y', email: 'ann at example' },
      { email: 'Enter an email address like name@example.com' },
    ],
  ])('refuses %s, naming the field', (_label, body, fields) => {
    const result = LetterReadInput.safeParse(body);
    expect(result.success).toBe(false);
    const problems = Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(problems).toMatchObject(fields);
  });

  it('takes a letter with only a postal address', () => {
    expect(LetterReadInput.safeParse({ text: 'x', subject: 'y', address: '1 High St, HT1 1AA' }).success).toBe(true);
  });
});

describe('decideLetterRead', () => {
  it('clears the flag, keeps the reading, gives the case its subject and its contact the sender’s details', () => {
    const change = decideLetterRead(context(unreadLetter()), reading(), {});

    expect(change.case.needsReading).toBeUndefined();
    expect(change.case.subject).toBe('Rent statement');
    expect(change.case.letterReading).toEqual({
      messageId: 'm-letter',
      text: 'Please send me a rent statement for the last six months.',
      readBy: 'owner',
      readAt: NOW,
      ocrConfidence: 16,
      reasons: unreadLetter().needsReading?.reasons,
    });
    expect(change.contact).toEqual({
      id: 'ocr-guess',
      name: 'Tomasz Nowak',
      address: 'Flat 3, 22 Mill Lane, Hightown HT2 5LP',
      phone: '+441632960518',
      tenancyRef: 'HT-007731',
    });
    expect(change.timeline[0]).toMatchObject({ type: 'letter-read', actor: 'owner' });
  });

  it('keeps the clock at receipt: targets still count from the day the letter came', () => {
    const before = unreadLetter();
    const change = decideLetterRead(context(before), reading(), {});

    expect(change.case.receivedAt).toBe(RECEIVED);
    expect(change.case.targets).toEqual(before.targets);
  });

  it('counts from the day it arrived in the post when the officer gives it, never a day after the scan', () => {
    // Scanned Tuesday 24 November; it arrived on Thursday 19th: 10 working days from then is 3 December.
    const change = decideLetterRead(context(unreadLetter()), reading({ arrivedOn: '2026-11-19' }), {});
    expect(change.case.receivedAt).toBe('2026-11-19T09:00:00.000Z');
    expect(change.case.targets).toMatchObject({ clockStarts: '2026-11-19', respondBy: '2026-12-03' });
    expect(change.timeline.map((t) => t.type)).toContain('clock-started');
    const after = refusal(() => decideLetterRead(context(unreadLetter()), reading({ arrivedOn: '2026-11-25' }), {}));
    expect(after.fields).toHaveProperty('arrivedOn');
  });

  it('classifies again from the words as read, counting the new target from receipt', () => {
    const complaint = reading({
      subject: 'Formal complaint',
      text: 'I wish to make a formal complaint about how my repair was handled. I am very unhappy with the service.',
    });

    const change = decideLetterRead(context(unreadLetter()), complaint, {});

    expect(change.case.classification).toMatchObject({ category: 'complaint', decidedBy: 'system' });
    expect(change.case.kind).toBe('complaint-stage-1');
    expect(change.case.targets.clockStarts).toBe('2026-11-24');
    expect(change.case.targets.respondBy).not.toBe(unreadLetter().targets.respondBy);
    expect(change.timeline.map((e) => e.type)).toContain('classified');
  });

  it('leaves an officer’s own classification as it is', () => {
    const kase = unreadLetter({
      classification: { category: 'repair', priority: 'urgent', kind: 'letter', reason: 'seen', decidedBy: 'owner' },
    });
    const change = decideLetterRead(context(kase), reading({ text: 'I wish to make a formal complaint.' }), {});

    expect(change.case.classification.decidedBy).toBe('owner');
  });

  it('moves the case to a resident already known by that phone number, filling blanks only and listing what differs', () => {
    const known: Contact = { id: 'tomasz', name: 'T. Nowak', phone: '+441632960518', email: 't.nowak@example.net' };

    const change = decideLetterRead(context(unreadLetter()), reading(), { byPhone: known });

    expect(change.case.contactId).toBe('tomasz');
    expect(change.contact).toMatchObject({
      id: 'tomasz',
      name: 'T. Nowak',
      address: 'Flat 3, 22 Mill Lane, Hightown HT2 5LP',
      tenancyRef: 'HT-007731',
    });
    expect(change.timeline.find((e) => e.type === 'contact-details-to-confirm')?.data).toEqual({
      details: [{ field: 'name', ours: 'T. Nowak', letter: 'Tomasz Nowak' }],
    });
  });

  it.each([
    ['a contributor', unreadLetter(), 'repairs', 'forbidden'],
    ['a letter already read', unreadLetter({ needsReading: undefined }), 'owner', 'conflict'],
    ['a closed case', unreadLetter({ status: 'closed' }), 'owner', 'conflict'],
  ] as const)('refuses %s', (_label, kase, as, kind) => {
    expect(refusal(() => decideLetterRead(context(kase, as), reading(), {})).kind).toBe(kind);
  });

  it('lets reception read in a letter on a case it may see', () => {
    const kase = unreadLetter({ teamId: 'customer-services', ownerId: undefined });
    expect(decideLetterRead(context(kase, 'reception'), reading(), {}).case.needsReading).toBeUndefined();
  });

  it('refuses an email and a phone number that belong to two different residents', () => {
    const error = refusal(() =>
      decideLetterRead(context(unreadLetter()), reading({ email: 'ann@example.net' }), {
        byEmail: { id: 'ann', email: 'ann@example.net' },
        byPhone: { id: 'bob', phone: '+441632960518' },
      }),
    );
    expect(error.kind).toBe('invalid');
    expect(error.fields).toHaveProperty('phone');
  });

  it('refuses a phone number that is not a UK number', () => {
    expect(
      refusal(() => decideLetterRead(context(unreadLetter()), reading({ phone: '12' }), {})).fields,
    ).toHaveProperty('phone');
  });
});
