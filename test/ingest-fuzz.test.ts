/**
 * A few hundred fuzzed inputs through the real ingest (the full run, 10,000 per channel, is
 * `npm run fuzz`): mutated fixtures and generated emails, SMS bodies, form posts and letters
 * (PDFs with a text layer; the image letters, which need OCR, are left to the full run). Every
 * input must be answered — filed on a case that exists or quarantined with its reason — and
 * nothing may throw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzBed, fuzzBed, fuzzChannel } from './fuzz/ingest.js';

describe('fuzzed deliveries through ingest', () => {
  let bed: FuzzBed;
  beforeAll(async () => {
    bed = await fuzzBed();
  });
  afterAll(async () => {
    await bed.stop();
  });

  // Each channel's inputs must also reach filing, not only refusal: at least `filed` of them open a case.
  it.each([
    ['email', 100, 10],
    ['sms', 100, 5],
    ['web-form', 100, 25],
    ['letter', 40, 20],
  ] as const)(
    'every %s input is on a case or in quarantine with its reason',
    async (channel, runs, filed) => {
      // Act
      const report = await fuzzChannel(bed, channel, runs, { seed: 16, imagesPerThousand: 0 });

      // Assess
      expect(report.inputs).toBe(runs);
      expect(report.lost).toEqual([]);
      const accounted = Object.values(report.outcomes).reduce((a, b) => a + b, 0);
      expect(accounted).toBe(runs);
      expect(report.outcomes.created ?? 0).toBeGreaterThanOrEqual(filed);
    },
    300_000,
  );

  it('recounts a quarantine longer than one page, each entry once (the full run hung here)', async () => {
    // Act: malformed texts are mostly quarantined; read back three at a time
    const report = await fuzzChannel(bed, 'sms', 30, { seed: 3, pageSize: 3 });

    // Assess
    expect(report.outcomes.quarantined ?? 0).toBeGreaterThan(3);
    expect(report.lost).toEqual([]);
  }, 120_000);
});
