/** How fast the working-day engine answers: every contact's targets go through it. */
import { CASE_KINDS, computeTargets } from '@housing-inbox/core';
import { presets } from '@housing-inbox/policies';
import { bench, describe } from 'vitest';

const start = Date.parse('2026-01-01T00:00:00Z');
let i = 0;
/** A spread of receipt instants over three years, so holiday lookups are not all cached hits. */
const nextInstant = () => new Date(start + ((i++ * 7_919_000) % (3 * 365 * 86_400_000)));

describe('computeTargets', () => {
  for (const [id, policy] of Object.entries(presets)) {
    const kinds = CASE_KINDS.filter((k) => policy.targets[k]);
    bench(`${id}: every kind, receipts spread over 2026–2028`, () => {
      for (const kind of kinds) computeTargets(policy, { kind, received: nextInstant() });
    });
  }
});
