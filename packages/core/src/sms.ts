/**
 * How long a text message is, as the network counts it: GSM-7 (the GSM 03.38
 * alphabet; `€ [ ] { } | ^ ~ \` take two units) fits 160 characters in one
 * message and 153 in each part of a longer one; any other character (curly
 * quotes, emoji, most accents) makes the whole text UCS-2: 70 in one, 67 per
 * part (3GPP TS 23.038, TS 23.040). Counted by `sms-segments-calculator`
 * without "smart encoding", since SNS sends the characters as given.
 */
import { SegmentedMessage } from 'sms-segments-calculator';

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

export function smsLength(text: string): SmsLength {
  const message = new SegmentedMessage(text, 'auto', false);
  const encoding = message.encodingName;
  const segments = text.length === 0 ? 0 : message.segmentsCount;
  const single = encoding === 'GSM-7' ? 160 : 70;
  const multi = encoding === 'GSM-7' ? 153 : 67;
  return {
    encoding,
    // Bits of text (no headers) over bits per unit: 7 for GSM-7, 16 for UCS-2 (an emoji is two units).
    characters: Math.round(message.messageSize / (encoding === 'GSM-7' ? 7 : 16)),
    segments,
    perSegment: segments > 1 ? multi : single,
    nonGsmCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}
