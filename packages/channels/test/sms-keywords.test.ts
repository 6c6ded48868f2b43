import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, parseSms, smsKeyword } from '../src/index.js';
import { CASE_VALUES, RECEIVED, smsCase } from './fixtures.js';

const text = (messageBody: string) => ({
  originationNumber: '+447700900201',
  destinationNumber: '+447700900100',
  messageBody,
  inboundMessageId: 'kw-1',
});

/** A keyword in any mix of upper and lower case. */
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => Array.from(word, (c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
/** What phones and people put around a word: spaces, new lines, full stops, exclamation marks, quotes. */
const around = fc.string({
  unit: fc.constantFrom(' ', '\n', '\t', '.', '!', '?', ',', '"', "'", '-', '\u200b'),
  maxLength: 4,
});

describe('SMS keywords', () => {
  it.each([
    ['09b-sms-stop.json', 'opt-out'],
    ['09c-sms-stop-new-number.json', 'opt-out'],
  ])('marks case %s as %s', (name, keyword) => {
    const message = parseSms(smsCase(name), { receivedAt: RECEIVED });
    expect(message.smsKeyword).toBe(keyword);
    expect(message.from.phone).toMatch(/^\+447700900/);
  });

  it('leaves case 09a, a resident writing about their boiler, without a keyword', () => {
    expect(parseSms(smsCase('09a-sms-first-text.json'), { receivedAt: RECEIVED }).smsKeyword).toBeUndefined();
    expect(CASE_VALUES.PHONE_A).not.toBe(CASE_VALUES.PHONE_B);
  });

  it.each([
    ['STOP', 'opt-out'],
    ['stop', 'opt-out'],
    [' Stop. ', 'opt-out'],
    ['STOPALL', 'opt-out'],
    ['Unsubscribe!', 'opt-out'],
    ['cancel', 'opt-out'],
    ['END', 'opt-out'],
    ['quit', 'opt-out'],
    ['ＳＴＯＰ', 'opt-out'],
    ['START', 'opt-in'],
    ['unstop', 'opt-in'],
  ])('reads "%s" as %s', (body, keyword) => {
    expect(parseSms(text(body), { receivedAt: RECEIVED }).smsKeyword).toBe(keyword);
  });

  it.each([
    'Please stop the noise upstairs',
    'STOP STOP',
    'stop it',
    'Can you cancel my appointment on Friday',
    'The end of the garden is flooded',
    'Start date for my tenancy?',
    'stopped',
    'STOP2',
    '',
  ])('reads "%s" as a message, not a keyword', (body) => {
    expect(smsKeyword(body)).toBeUndefined();
  });

  it('recognises every opt-out and opt-in keyword in any case with punctuation or space around it', () => {
    const keyword = fc.constantFrom(
      ...OPT_OUT_KEYWORDS.map((k) => [k, 'opt-out'] as const),
      ...OPT_IN_KEYWORDS.map((k) => [k, 'opt-in'] as const),
    );
    fc.assert(
      fc.property(
        keyword.chain(([word, kind]) => fc.tuple(anyCase(word), around, around, fc.constant(kind))),
        ([word, before, after, kind]) => {
          expect(smsKeyword(`${before}${word}${after}`)).toBe(kind);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never reads a keyword that shares the text with another word', () => {
    const keyword = fc.constantFrom(...OPT_OUT_KEYWORDS, ...OPT_IN_KEYWORDS).chain(anyCase);
    const otherWord = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
    fc.assert(
      fc.property(keyword, otherWord, fc.boolean(), (word, other, first) => {
        expect(smsKeyword(first ? `${other} ${word}` : `${word} ${other}`)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
