/**
 * A letter OCR could not read well opens its case in the "letters to read"
 * queue (issue 10.12): the flag the parser sets travels to the case, where the
 * queue finds it and the timers hold the acknowledgement.
 */
import { ingestMessage } from '@housing-inbox/core';
import { describe, expect, it } from 'vitest';
import { ingestBedPerTest, refOf } from './support/ingest.js';
import { email } from './support/stack.js';

describe('a letter that needs reading', () => {
  const bed = ingestBedPerTest();
  const letter = (needsReading?: { reasons: string[] }) =>
    email({
      channel: 'letter',
      from: { address: '12 Mill Lane, Hightown HX1 4AB' },
      to: [],
      subject: 'Ltr 0f cmpIaint',
      text: 'I wr1te ab0ut the d4mp',
      scan: { method: 'ocr', confidence: 16, ...(needsReading ? { needsReading } : {}) },
    } as never);

  it('opens its case flagged, and the letters-to-read queue lists it', async () => {
    const reasons = ['OCR confidence 16 is below 60: the text may be wrong'];
    const ref = refOf(await ingestMessage(bed.deps, letter({ reasons }) as never));

    expect((await bed.store.repository.getCase(ref))?.needsReading).toEqual({ reasons });
    const queue = await bed.store.repository.listLettersToRead({ limit: 10 });
    expect(queue.items.map((c) => c.ref)).toEqual([ref]);
  });

  it('leaves a letter read well out of the queue', async () => {
    const ref = refOf(await ingestMessage(bed.deps, letter() as never));
    expect((await bed.store.repository.getCase(ref))?.needsReading).toBeUndefined();
    expect((await bed.store.repository.listLettersToRead({ limit: 10 })).items).toEqual([]);
  });
});
