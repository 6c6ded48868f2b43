import { describe, expect, it } from 'vitest';
import { parseEmail, splitQuotedReply } from '../src/index.js';
import { fixture, RECEIVED } from './fixtures.js';

describe('splitQuotedReply', () => {
  it('separates an Outlook reply ("-----Original Message-----") from the history it quotes', async () => {
    const { text } = await parseEmail(fixture('outlook-reply.eml'), { receivedAt: RECEIVED });

    const reply = splitQuotedReply(text);

    expect(reply.style).toBe('outlook');
    expect(reply.text).toBe(
      'Hello,\n\nThank you. Thursday morning is fine for the engineer, any time after 9.30 as I do the school run.\n\nKind regards\nHelen Walsh',
    );
    expect(reply.quoted).toMatch(/^-----Original Message-----\nFrom: Hightown Housing/);
    expect(reply.quoted).toContain('broken extractor fan');
    expect(reply.full).toBe(text);
  });

  it('separates a Gmail reply whose "On … wrote:" line is wrapped', async () => {
    const { text } = await parseEmail(fixture('gmail-reply.eml'), { receivedAt: RECEIVED });

    const reply = splitQuotedReply(text);

    expect(reply.style).toBe('gmail');
    expect(reply.text).toBe(
      "Yes that's right, it's the window in the front bedroom. The catch snapped\noff completely so it won't close.\n\nJamal",
    );
    expect(reply.quoted).toMatch(/^On Wed, 11 Mar 2026 at 09:15, Hightown Housing </);
    expect(reply.quoted).toContain('> Your reference is HT-2026-000131.');
  });

  it.each([
    [
      'an Outlook header block under a rule',
      'Friday is better for me.\n\n________________________________\nFrom: Hightown Housing <x@hightown.example>\nSent: 10 March 2026 14:02\nTo: Me\nSubject: Visit\n\nWe can visit on Thursday.',
      'Friday is better for me.',
      'outlook',
    ],
    [
      'a one-line Gmail attribution',
      'Thanks, that is fixed now.\n\nOn Tue, 3 Mar 2026, 10:01 Hightown Housing <x@hightown.example> wrote:\n> Has the engineer been?',
      'Thanks, that is fixed now.',
      'gmail',
    ],
    [
      'a trailing block of ">" lines',
      'Yes please.\n\n> Would you like a callback?\n> Hightown Housing',
      'Yes please.',
      'quote-prefix',
    ],
  ])('recognises %s', (_label, body, text, style) => {
    const reply = splitQuotedReply(body);
    expect(reply.text).toBe(text);
    expect(reply.style).toBe(style);
    expect(reply.full).toBe(body);
  });

  it('leaves an Outlook forward (set out like a reply) in the text when the subject says FW:', () => {
    const body =
      'Please see below from my neighbour.\n\n________________________________\nFrom: Asha Patel <asha.patel@example.com>\nSent: 08 March 2026 19:12\nTo: Ruth Adeyemi\nSubject: Noise\n\nThe music goes on until 2am.';

    expect(splitQuotedReply(body, { subject: 'FW: Noise' })).toEqual({ text: body, full: body });
    expect(splitQuotedReply(body, { subject: 'RE: Noise' }).text).toBe('Please see below from my neighbour.');
  });

  it.each([
    ['a message with no quoted history', 'The lift at Tower House is out of order again.'],
    ['answers written between quoted lines', '> Which room?\nThe front bedroom.\n> Since when?\nLast Tuesday.'],
    ['a message that is only a quote', '-----Original Message-----\nFrom: Someone\nSent: today\n\nHello'],
  ])('leaves the whole text in place for %s', (_label, body) => {
    const reply = splitQuotedReply(body);
    expect(reply.text).toBe(body);
    expect(reply.quoted).toBeUndefined();
  });
});
