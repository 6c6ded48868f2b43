import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../src/index.js';

/** The name a client reads back from `filename*` (RFC 5987). */
function decoded(header: string): string {
  const value = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  return decodeURIComponent(value ?? '');
}

describe('Content-Disposition for sender-named files (RFC 6266 / 5987)', () => {
  it.each([
    ['Welsh', 'Llythyr-ŵyr.pdf', 'Llythyr-wyr.pdf', 'Llythyr-ŵyr.pdf'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoicefdp.exe', 'invoicefdp.exe'],
    ['quotes and a percent', 'a "b" 100%.pdf', 'a _b_ 100_.pdf', 'a "b" 100%.pdf'],
    ['a CR/LF', 'x\r\nSet-Cookie: y.pdf', 'xSet-Cookie: y.pdf', 'xSet-Cookie: y.pdf'],
    ['nothing left', '\u202E', 'attachment', 'attachment'],
  ])('names a file with %s', (_, name, fallback, real) => {
    const header = contentDisposition('inline', name);
    expect(header).toContain(`filename="${fallback}"`);
    expect(decoded(header)).toBe(real);
  });

  it('is always a valid header value, and always gives the name back without controls (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.constantFrom('inline', 'attachment'),
        (name, d) => {
          const header = contentDisposition(d as 'inline', name);
          // ASCII printable only: Node refuses anything else in a header.
          if (!/^[\x20-\x7e]+$/.test(header)) return false;
          const back = decoded(header);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
          return back.length > 0 && !/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/.test(back);
        },
      ),
      { numRuns: 300 },
    );
  });
});
