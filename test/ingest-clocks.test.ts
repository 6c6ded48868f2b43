/**
 * The clocks ingest sets, on the real store: a follow-up's round written whole
 * with the message (nothing of the earlier round left on the case), the two
 * cases of a message that complains and reports a repair written at once and
 * opened once however often it is delivered, a letter OCR could not read kept
 * as one case, and a logged voicemail counted from the call.
 */
import {
  type Case,
  type InboundMessageInput,
  type IngestDeps,
  inboundMessageSchema,
  ingestMessage,
} from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest } from './support/ingest.js';
import { clockAt, email } from './support/stack.js';

describe('ingest: the clocks a message starts', () => {
  const bed = ingestBedPerTest();

  const ingest = (deps: IngestDeps, message: InboundMessageInput) =>
    ingestMessage(deps, inboundMessageSchema().parse(message));
  const caseOf = async (ref: string) => (await bed.store.repository.getCase(ref)) as Case;

  it('writes a follow-up’s round whole: the earlier agreed date, extension and delay reason are gone', async () => {
    // Prepare: a complaint answered on time, with an agreed date, an extension and a delay reason on record.
    const opened = await ingest(bed.deps, email({ text: 'I want to make a formal complaint about the noise.' }));
    const ref = (opened as { caseRef: string }).caseRef;
    const kase = await caseOf(ref);
    await bed.store.repository.commitCaseChange({
      case: {
        ...kase,
        status: 'answered',
        acknowledgedAt: '2026-12-01T10:00:05.000Z',
        respondedAt: '2026-12-03T12:00:00.000Z',
        responseOutcome: 'met',
        responseMethod: 'reply',
        agreedReplyDate: '2026-12-10',
        agreedReplyAt: '2026-12-02T09:00:00.000Z',
        delayReason: 'Waiting for the contractor',
        extension: {
          workingDays: 5,
          reason: 'r',
          respondBy: '2026-12-22',
          grantedBy: 'mo',
          at: '2026-12-02T09:00:00Z',
        },
        updatedAt: '2026-12-03T12:00:00.000Z',
      },
      expectedUpdatedAt: kase.updatedAt,
      timeline: [],
    });

    // Act: three weeks later the resident writes again, quoting the reference.
    const later = { ...bed.deps, clock: clockAt('2026-12-22T10:00:00Z') };
    await ingest(
      later,
      email({ receivedAt: '2026-12-22T10:00:00Z', subject: `Re: ${ref}`, text: 'One more question, please.' }),
    );

    // Assess: round 2, counted as an email from the 22nd; the stored case keeps nothing of round 1.
    const saved = await caseOf(ref);
    expect(saved).toMatchObject({
      status: 'in-progress',
      round: { n: 2, kind: 'email', because: 'follow-up' },
      targets: { clockStarts: '2026-12-22', respondBy: '2027-01-08' },
      acknowledgedAt: '2026-12-01T10:00:05.000Z',
    });
    for (const gone of [
      'respondedAt',
      'responseOutcome',
      'responseMethod',
      'agreedReplyDate',
      'agreedReplyAt',
      'delayReason',
      'extension',
    ] as const) {
      expect(saved[gone], gone).toBeUndefined();
    }
  });

  it('opens both cases of a complaint that reports a repair once, however often it is delivered', async () => {
    const message = email({
      subject: 'Broken window',
      text: 'I want to complain: the broken window was reported in October. Please fix it.',
    });
    const first = await ingest(bed.deps, message);
    const again = await ingest(bed.deps, message);

    expect(first).toMatchObject({ outcome: 'created', alsoCaseRefs: [expect.any(String)] });
    expect(again).toMatchObject({ outcome: 'duplicate', caseRef: (first as { caseRef: string }).caseRef });
    const queue = (await bed.store.repository.listQueue({ queue: 'all' })).items;
    expect(queue.map((c) => c.classification.category).sort()).toEqual(['complaint', 'repair']);
    // Each keeps its own copy of the message and names the other on its timeline.
    for (const c of queue) {
      const found = await bed.store.repository.getCaseWithHistory(c.ref);
      expect(found?.messages).toHaveLength(1);
      expect(found?.timeline.some((t) => t.type === 'case-linked' && t.data?.relation === 'same-message')).toBe(true);
    }
  });

  it('keeps a letter nobody could read yet as one case, whatever OCR guessed', async () => {
    const outcome = await ingest(bed.deps, {
      ...email({ text: 'I want to complain: the broken window was reported in October.' }),
      channel: 'letter',
      scan: { method: 'ocr', confidence: 20, needsReading: { reasons: ['OCR was not sure of the words'] } },
    });
    expect(outcome).toMatchObject({ outcome: 'created' });
    expect(outcome).not.toHaveProperty('alsoCaseRefs');
  });

  it('counts a logged voicemail from the call, and a letter from the day it arrived', async () => {
    const voicemail = await ingest(bed.deps, {
      ...email({ receivedAt: '2026-12-03T10:00:00Z', text: 'Please call me back.' }),
      channel: 'phone',
      from: { phone: '+447700900123' },
      logged: { kind: 'voicemail', loggedBy: 'cara', calledAt: '2026-12-01T16:30:00Z' },
    });
    expect(await caseOf((voicemail as { caseRef: string }).caseRef)).toMatchObject({
      receivedAt: '2026-12-01T16:30:00.000Z',
      targets: { clockStarts: '2026-12-01', respondBy: '2026-12-03' },
    });
    const letter = await ingest(bed.deps, {
      ...email({ receivedAt: '2026-12-03T10:00:00Z', text: 'A question about my rent.' }),
      channel: 'letter',
      from: { address: '1 High Street, HT1 1AA' },
      scan: { method: 'pdf-text', arrivedOn: '2026-11-30' },
    });
    // Ten working days from Monday 30 November (from the scan it would be 17 December).
    expect(await caseOf((letter as { caseRef: string }).caseRef)).toMatchObject({
      targets: { clockStarts: '2026-11-30', respondBy: '2026-12-14' },
    });
  });
});
