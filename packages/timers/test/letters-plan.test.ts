import { describe, expect, it } from 'vitest';
import { plan } from '../src/index.js';
import { hightown, makeCase } from './support.js';

const NEXT_MINUTE = new Date('2026-03-03T10:01:00.000Z');

describe('plan: a letter waiting to be read', () => {
  const unread = makeCase(hightown, 'letter', {
    channel: 'letter',
    needsReading: { reasons: ['OCR confidence 16 is below 60: the text may be wrong'] },
  });

  it('holds the acknowledgement: its contact is OCR’s guess, or nobody', () => {
    const next = plan({ case: unread, timeline: [], policy: hightown, now: NEXT_MINUTE });

    expect(next.action).not.toBe('acknowledge');
    // The owner is still warned before the target, which counts from receipt.
    expect(next.action).toBe('warn-owner');
  });

  it('acknowledges at once when an officer has read it in (the timers re-plan on caseChanged)', () => {
    const { needsReading: _read, ...read } = unread;

    const next = plan({ case: read, timeline: [], policy: hightown, now: NEXT_MINUTE });

    expect(next).toMatchObject({ action: 'acknowledge', key: 'acknowledgement', at: unread.createdAt });
  });
});
