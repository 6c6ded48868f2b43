/**
 * RFC 2047 encoded words that split one character across two words.
 *
 * Outlook folds a long subject by cutting the UTF-8 bytes wherever the line
 * is full, so "wedi’i" arrives as `=?UTF-8?B?…2VkaeI=?= =?UTF-8?B?gJlp…?=`:
 * the apostrophe's three bytes are split 1 + 2, and the first word is padded.
 * postal-mime 4.0.0 decodes each base64 word on its own in that case (it only
 * joins words whose base64 needs no padding), giving U+FFFD. The fix is the
 * one RFC 2047 §6.2 implies: decode every word to bytes, join the bytes of
 * adjacent words in one charset, and only then decode the characters.
 *
 * `normaliseEncodedWordRuns` rewrites each run of adjacent encoded words in the
 * message's header blocks (the top one and every MIME part's) as one UTF-8
 * encoded word holding the right text, so postal-mime then reads subjects,
 * display names and filenames correctly; everything else is left byte for byte.
 */

const WORD = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;
/** Two or more encoded words separated only by spaces, tabs or a folded line break. */
const RUN = /=\?[^?\s]+\?[QqBb]\?[^?]*\?=(?:(?:[ \t]|\r?\n[ \t])*=\?[^?\s]+\?[QqBb]\?[^?]*\?=)+/g;
const LINEAR_SPACE = /^(?:[ \t]|\r?\n[ \t])*$/;

interface Word {
  charset: string;
  bytes: Uint8Array;
}

/** Decodes every encoded word in a header value, joining split characters. */
export function decodeEncodedWords(value: string): string {
  let out = '';
  let pending: Word[] = [];
  let last = 0;
  for (const match of value.matchAll(WORD)) {
    const between = value.slice(last, match.index);
    if (pending.length > 0 && !LINEAR_SPACE.test(between)) {
      out += decodeRun(pending);
      pending = [];
    }
    if (pending.length === 0) out += between;
    pending.push({
      charset: (match[1] ?? '').split('*')[0]?.toLowerCase() ?? '',
      bytes: (match[2] ?? '').toUpperCase() === 'B' ? base64Bytes(match[3] ?? '') : qBytes(match[3] ?? ''),
    });
    last = (match.index ?? 0) + match[0].length;
  }
  return out + decodeRun(pending) + value.slice(last);
}

/** The raw message with each run of encoded words in its header blocks made one UTF-8 word. */
export function normaliseEncodedWordRuns(raw: Uint8Array): Uint8Array {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  if (!/\?=(?:[ \t]|\r?\n[ \t])*=\?/.test(text)) return raw;
  const boundaries = new Set(
    Array.from(text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/gi), (m) => `--${m[1] ?? m[2]}`),
  );
  const lines = text.split(/(?<=\n)/);
  let inHeaders = true;
  let block = '';
  let out = '';
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, '');
    if (inHeaders) {
      if (bare === '') {
        out += rewriteRuns(block) + line;
        block = '';
        inHeaders = false;
      } else {
        block += line;
      }
      continue;
    }
    out += line;
    if (boundaries.has(bare.trimEnd())) inHeaders = true;
  }
  out += inHeaders ? rewriteRuns(block) : block;
  return out === text ? raw : new Uint8Array(Buffer.from(out, 'latin1'));
}

function rewriteRuns(headers: string): string {
  return headers.replace(RUN, (run) => {
    const decoded = decodeEncodedWords(run);
    // The latin1 view keeps bytes as they are; the rewritten word is ASCII.
    return `=?UTF-8?B?${Buffer.from(decoded, 'utf8').toString('base64')}?=`;
  });
}

function decodeRun(words: Word[]): string {
  let out = '';
  let i = 0;
  while (i < words.length) {
    const charset = words[i]?.charset ?? 'utf-8';
    const parts: Uint8Array[] = [];
    while (i < words.length && words[i]?.charset === charset) {
      parts.push(words[i]?.bytes ?? new Uint8Array());
      i++;
    }
    out += decoderFor(charset).decode(Buffer.concat(parts));
  }
  return out;
}

function decoderFor(charset: string): { decode(bytes: Uint8Array): string } {
  try {
    return new TextDecoder(charset, { ignoreBOM: true });
  } catch {
    // An unknown label: UTF-8 is what such words nearly always hold.
    return new TextDecoder('utf-8', { ignoreBOM: true });
  }
}

/** Each word decoded alone, with or without its `=` padding: joining is done on the bytes. */
function base64Bytes(encoded: string): Uint8Array {
  return new Uint8Array(Buffer.from(encoded.replace(/[^A-Za-z0-9+/]/g, ''), 'base64'));
}

function qBytes(encoded: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded[i] ?? '';
    const hex = c === '=' ? encoded.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (c === '_') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return new Uint8Array(bytes);
}
