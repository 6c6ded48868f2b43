import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, displayName, logContact, parseEmail, parseWebForm } from '../src/index.js';
import { RECEIVED } from './fixtures.js';

const HOSTILE = 'Ann\u0000 Resident\u000b\r\nBcc: all@hightown.example\u2028\u2029 \u202eevil\u202c\u2066x\u2069';
const CLEAN = 'Ann Resident Bcc: all@hightown.example evilx';
/** Control characters and bidi controls that must never reach a notice. */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/u;

// Letters pass through the same gate (`validated`); the name spotted under a sign-off admits only letters anyway.
describe('display names are capped and stripped of control characters', () => {
  it('cleans what a sender can put in a name', () => {
    expect(displayName(HOSTILE)).toBe(CLEAN);
    expect(displayName('  \u0000\u2028 ')).toBeUndefined();
    expect(displayName('Zoë 👩‍👧 O’Neill')).toBe('Zoë 👩‍👧 O’Neill');
  });

  it('caps any name at 200 characters, never splitting one, and leaves none of the forbidden characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (name) => {
        const shown = displayName(name);
        if (shown === undefined) return;
        expect(Array.from(shown).length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
        expect(shown).not.toMatch(FORBIDDEN);
        expect(shown).toBe(shown.trim());
      }),
      { numRuns: 500 },
    );
  });

  it('email: From and Reply-To names, and the subject', async () => {
    const b64 = Buffer.from(HOSTILE).toString('base64');
    const raw = new TextEncoder().encode(
      `From: =?UTF-8?B?${b64}?= <ann@example.org>\r\nReply-To: =?UTF-8?B?${b64}?= <ann@example.org>\r\nSubject: =?UTF-8?B?${b64}?=\r\n\r\nHello\r\n`,
    );
    const message = await parseEmail(raw, { receivedAt: RECEIVED });

    expect(message.from.name).toBe(CLEAN);
    expect(message.replyTo?.name).toBe(CLEAN);
    expect(message.subject).toBe(CLEAN);
  });

  it('email: a name of 5,000 characters is cut to 200', async () => {
    const name = 'A'.repeat(5_000);
    const raw = new TextEncoder().encode(`From: "${name}" <ann@example.org>\r\nSubject: Hi\r\n\r\nHello\r\n`);
    expect((await parseEmail(raw, { receivedAt: RECEIVED })).from.name).toBe('A'.repeat(200));
  });

  it('web form', () => {
    const message = parseWebForm(
      { name: 'Ann\u0000 Resident\u2028', email: 'ann@example.org', message: 'Hello' },
      { receivedAt: RECEIVED },
    );
    expect(message.from.name).toBe('Ann Resident');
  });

  it('logged contact', () => {
    const message = logContact({
      kind: 'phone-message',
      loggedBy: 'officer-1',
      receivedAt: RECEIVED,
      from: { name: 'Mr\u000b Khan\r\n', phone: '07700 900842' },
      summary: 'Called about rent',
    });
    expect(message.from.name).toBe('Mr Khan');
  });
});
