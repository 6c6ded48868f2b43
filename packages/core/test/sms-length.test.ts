/**
 * smsLength counts as sms-segments-calculator 1.3.0 did (the library it
 * replaced, kept as a dev dependency to compare with): the same encoding,
 * characters, parts, characters per part and characters that forced UCS-2 for
 * GSM-7, the extension table, UCS-2, emoji and long texts across part
 * boundaries. The one deliberate difference: grapheme clusters as current
 * Unicode draws them (Intl.Segmenter) where the library's grapheme-splitter
 * (Unicode 10) cut newer emoji sequences and Indic conjuncts in two.
 */
import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { type SmsLength, smsLength } from '../src/sms.js';

/** What the replaced implementation answered (packages/core/src/sms.ts before lean-email). */
function byCalculator(text: string): SmsLength {
  const message = new SegmentedMessage(text, 'auto', false);
  const encoding = message.encodingName;
  const segments = text.length === 0 ? 0 : message.segmentsCount;
  return {
    encoding,
    characters: Math.round(message.messageSize / (encoding === 'GSM-7' ? 7 : 16)),
    segments,
    perSegment: segments > 1 ? (encoding === 'GSM-7' ? 153 : 67) : encoding === 'GSM-7' ? 160 : 70,
    nonGsmCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}

const GSM = 'Your repair is booked for Tuesday. Ref HI-2026-0001234: call 0300 123 4567 @ £5 ÄÖÑÜ§¿ äöñüà ΔΦΓΛΩΠΨΣΘΞ';
const EXTENSION = '€[]{}|^~\\\f';
const UCS2 = '’‘“”–—…éíóúâêîôûçÀĞŁŠŽαβγ中文한국어عربيעברית';
const EMOJI = ['😀', '👍', '👍🏽', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇬🇧', '1️⃣', '🫠', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👁️‍🗨️'];

const samples: Record<string, string> = {
  empty: '',
  'one GSM-7 part, full': 'a'.repeat(160),
  'two GSM-7 parts': 'a'.repeat(161),
  'two GSM-7 parts, full': 'a'.repeat(306),
  'three GSM-7 parts': 'a'.repeat(307),
  'a long notice': `${GSM} `.repeat(12),
  'extension characters alone': EXTENSION.repeat(20),
  'an escape across the first boundary': `${'a'.repeat(159)}€`,
  'escapes across the second boundary': `${'a'.repeat(152)}${'€'.repeat(80)}`,
  'line breaks, CR LF and LF': 'Dear resident,\r\nYour repair\nis booked.\r\n\r\nThanks',
  'one curly quote': `It’s booked${'.'.repeat(59)}`,
  'one curly quote, two parts': `It’s booked${'.'.repeat(60)}`,
  'UCS-2 over three parts': UCS2.repeat(8),
  'emoji alone': EMOJI.join(''),
  'an emoji across the first boundary': `${'a'.repeat(69)}😀`,
  'a family across the second boundary': `${'b'.repeat(130)}👨‍👩‍👧‍👦${'c'.repeat(20)}`,
  'a skin tone across a boundary': `${'é'.repeat(66)}👍🏽${'x'.repeat(80)}`,
  'combining marks': 'Zalgơ̸̢̗ te\u0301xt'.repeat(10),
  'one grapheme longer than a part': `a${'\u0301'.repeat(80)}b`,
};

describe('SMS length, as the segment calculator counted it', () => {
  for (const [name, text] of Object.entries(samples)) {
    it(name, () => {
      expect(smsLength(text)).toEqual(byCalculator(text));
    });
  }

  it('any text of GSM-7, extension, UCS-2 characters and emoji, up to ten parts long', () => {
    const grapheme = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...GSM) },
      { weight: 2, arbitrary: fc.constantFrom(...EXTENSION, '\r\n', '\n') },
      { weight: 1, arbitrary: fc.constantFrom(...UCS2) },
      { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
    );
    const text = fc.array(grapheme, { maxLength: 700 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(smsLength(t)).toEqual(byCalculator(t));
      }),
      { numRuns: 400, seed: 15 },
    );
  });

  it('keeps emoji sequences newer than Unicode 10 and Indic conjuncts whole, as phones draw them', () => {
    // The calculator's grapheme-splitter cut these in two: named as two characters, and a part
    // boundary could fall between the halves.
    expect(smsLength('❤️‍🔥').nonGsmCharacters).toEqual(['❤️‍🔥']);
    expect(byCalculator('❤️‍🔥').nonGsmCharacters).toHaveLength(2);
    expect(smsLength('क्ष').nonGsmCharacters).toEqual(['क्ष']);
    // Their length in UTF-16 units is the same either way.
    const text = `${'a'.repeat(60)}🧑‍🦰 क्षत्रिय`;
    expect(smsLength(text).characters).toBe(byCalculator(text).characters);
    expect(smsLength(text).characters).toBe(text.length);
  });
});
