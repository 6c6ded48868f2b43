/**
 * How long a text message is, as the network counts it: GSM-7 (the GSM 03.38
 * alphabet; `€ [ ] { } | ^ ~ \` and form feed take two units) fits 160
 * characters in one message and 153 in each part of a longer one; any other
 * character (curly quotes, emoji, most accents) makes the whole text UCS-2: 70
 * in one, 67 per part (3GPP TS 23.038, TS 23.040). No "smart encoding": SNS
 * sends the characters as given.
 *
 * Counted as Twilio's segment calculator (sms-segments-calculator 1.3.0, which
 * this replaces) counts: the text split into user-perceived characters
 * (grapheme clusters; CR LF counts as two), none split across parts; a part
 * holds 140 octets, a long text's parts each lose 6 to the concatenation
 * header. The graphemes are Intl.Segmenter's (ICU, current Unicode) instead of
 * the calculator's grapheme-splitter (Unicode 10, 23 KB in every function that
 * sends): the same for every text but emoji sequences newer than Unicode 10
 * (`❤️‍🔥`, `🧑‍🦰`) and Indic conjuncts (`क्ष`), which ICU keeps whole
 * (packages/core/test/sms-length.test.ts compares the two).
 */

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the network counts them (a GSM-7 escape such as `€` counts 2; UCS-2 counts UTF-16 units). */
  characters: number;
  /** How many messages the phone receives and we are charged for. */
  segments: number;
  /** Characters one part holds at this encoding and length (160/153 GSM-7, 70/67 UCS-2). */
  perSegment: number;
  /** Characters that forced UCS-2 (empty for GSM-7), so an officer can swap them. */
  nonGsmCharacters: string[];
}

/** The GSM 03.38 basic set as UTF-16 (one 7-bit unit each; ESC itself has no character). */
const GSM_BASIC = new Set(
  '\n\r !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz' +
    '\u00a1\u00a3\u00a4\u00a5\u00a7\u00bf\u00c4\u00c5\u00c6\u00c7\u00c9\u00d1\u00d6\u00d8\u00dc\u00df\u00e0\u00e4' +
    '\u00e5\u00e6\u00e8\u00e9\u00ec\u00f1\u00f2\u00f6\u00f8\u00f9\u00fc\u0393\u0394\u0398\u039b\u039e\u03a0\u03a3' +
    '\u03a6\u03a8\u03a9',
);
/** The GSM 03.38 extension table: ESC and a unit each, so two units. */
const GSM_EXTENSION = new Set('\f[\\]^{|}~\u20ac');

/** A part: 140 octets. */
const PART_BITS = 140 * 8;
/** A long text's concatenation header, counted as the calculator counts it: 6 octets a part. */
const HEADER_BITS = 6 * 8;

let segmenter: Intl.Segmenter | undefined;

/** User-perceived characters, with CR LF as two (as the calculator splits them). */
function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (segment === '\r\n') out.push('\r', '\n');
    else out.push(segment);
  }
  return out;
}

const isGsm = (grapheme: string) => GSM_BASIC.has(grapheme) || GSM_EXTENSION.has(grapheme);

/**
 * How many parts a text of graphemes `sizes` (bits each) takes: each part up to
 * 140 octets; when a grapheme does not fit, a new part opens with its header,
 * and the first part, which had none, takes one too, pushing its last
 * graphemes into the second.
 */
function partsOf(sizes: number[]): number {
  const parts: number[][] = [[]];
  const used = [0];
  let current = 0;
  for (const size of sizes) {
    if (PART_BITS - (used[current] as number) < size) {
      parts.push([]);
      used.push(HEADER_BITS);
      current++;
      if (current === 1) {
        // The first part gains its header; what no longer fits moves on, in order.
        const first = parts[0] as number[];
        used[0] = (used[0] as number) + HEADER_BITS;
        const moved: number[] = [];
        while (PART_BITS - (used[0] as number) < 0) {
          const last = first.pop() as number;
          used[0] = (used[0] as number) - last;
          moved.unshift(last);
        }
        for (const bits of moved) {
          (parts[1] as number[]).push(bits);
          used[1] = (used[1] as number) + bits;
        }
      }
    }
    (parts[current] as number[]).push(size);
    used[current] = (used[current] as number) + size;
  }
  return parts.length;
}

/**
 * The length of an SMS body: its encoding, characters as counted, parts
 * (0 for an empty text), characters per part and the characters that forced
 * UCS-2. Rules: 3GPP TS 23.038 (alphabet), TS 23.040 (parts).
 */
export function smsLength(text: string): SmsLength {
  const split = graphemes(text);
  const ucs2 = split.some((grapheme) => !isGsm(grapheme));
  const encoding = ucs2 ? 'UCS-2' : 'GSM-7';
  // GSM-7: 7 bits a unit, 2 units for the extension table; UCS-2: 16 bits a UTF-16 unit.
  const sizes = split.map((grapheme) => (ucs2 ? 16 * grapheme.length : GSM_EXTENSION.has(grapheme) ? 14 : 7));
  const bits = sizes.reduce((sum, size) => sum + size, 0);
  const segments = text.length === 0 ? 0 : partsOf(sizes);
  const single = ucs2 ? 70 : 160;
  const multi = ucs2 ? 67 : 153;
  return {
    encoding,
    characters: Math.round(bits / (ucs2 ? 16 : 7)),
    segments,
    perSegment: segments > 1 ? multi : single,
    nonGsmCharacters: [...new Set(split.filter((grapheme) => !isGsm(grapheme)))],
  };
}
