import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keys, queries } from '../src/index.js';

/** DynamoDB's limits: a partition key of at most 2,048 bytes, a sort key of at most 1,024. */
const fits = (k: { pk: string; sk: string }) =>
  Buffer.byteLength(k.pk, 'utf8') <= 2048 && Buffer.byteLength(k.sk, 'utf8') <= 1024;

const senderKeys = (value: string) => [
  keys.delivery(`email:${value}`),
  keys.thread(value),
  keys.contactEmail(value),
  keys.contactPhone(value),
  keys.automatedSender(value),
  keys.noticeQuota(value, '2026-12-01'),
];

describe('keys built from what a sender wrote', () => {
  it('stay inside DynamoDB’s key limits, whatever the sender wrote', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), (value) => senderKeys(value).every(fits)),
      { numRuns: 200 },
    );
    expect(senderKeys('x'.repeat(2100)).every(fits)).toBe(true);
  });

  it('are the same for the same input and differ for different input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 3000 }), (a, b) => {
        const same = JSON.stringify(keys.delivery(a)) === JSON.stringify(keys.delivery(b));
        return same === (a === b);
      }),
      { numRuns: 200 },
    );
  });

  it('keep short values readable, and compare Message-IDs without case', () => {
    expect(keys.thread('<Abc@Example.org>').pk).toBe('THREAD#<abc@example.org>');
    expect(keys.thread(`<${'A'.repeat(2100)}>`)).toEqual(keys.thread(`<${'a'.repeat(2100)}>`));
    expect(keys.delivery('sms:abc').pk).toBe('DELIVERY#sms:abc');
  });

  it('put a contact’s timeline in its own partition, after the contact item', () => {
    const entry = keys.contactTimeline('c-1', '2026-12-01T10:00:00.000Z', 0, 'e1');
    expect(entry.pk).toBe(keys.contact('c-1').pk);
    expect(entry.sk.startsWith('TL#')).toBe(true);
    expect(queries.contactTimeline('c-1').ExpressionAttributeValues).toEqual({ ':pk': 'CONTACT#c-1', ':sk': 'TL#' });
  });
});
