/**
 * Opt-out and opt-in keywords in a text message. UK carriers and AWS treat
 * these words, sent on their own, as the resident's instruction about texts
 * from this number; a sentence that contains one ("Please stop the noise
 * upstairs") is a message like any other.
 */
export type SmsKeyword = 'opt-out' | 'opt-in';

export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;

/** White space, punctuation and invisible format characters around the word are tolerated. */
const AROUND = /^[\s\p{P}\p{Cf}]+|[\s\p{P}\p{Cf}]+$/gu;

export function smsKeyword(body: string): SmsKeyword | undefined {
  // NFKC makes full-width "ＳＴＯＰ" the word it looks like.
  const word = body.normalize('NFKC').replace(AROUND, '').toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return 'opt-out';
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return 'opt-in';
  return undefined;
}
