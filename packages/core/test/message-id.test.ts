import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHeaderSafeMessageId, isOwnMessageId } from '../src/message-id.js';

describe('Message-IDs', () => {
  it.each([
    ['<CAF=abc123@mail.resident.example>', true, true],
    ['<a@b@c.example>', true, false],
    ['<no-at-sign>', true, false],
    ['<ŵyr@post.cymru>', false, false],
    ['<a b@c.example>', false, false],
    ['<a@c.example>\r\nBcc: x@y', false, false],
    ['plain@c.example', false, false],
    [`<${'x'.repeat(2100)}@c.example>`, false, false],
  ])('%s: header-safe %s, our own form %s', (id, safe, own) => {
    expect(isHeaderSafeMessageId(id)).toBe(safe);
    expect(isOwnMessageId(id)).toBe(own);
  });

  it('never lets a line break or a non-ASCII character into a header', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (inner) => {
        const id = `<${inner}>`;
        if (isHeaderSafeMessageId(id)) expect(id).toMatch(/^[\x21-\x7e]+$/);
      }),
      { numRuns: 200 },
    );
  });
});
