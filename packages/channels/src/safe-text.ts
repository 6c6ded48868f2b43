/**
 * Sender-chosen text that ends up in headers, notices and the console: names,
 * subjects and attachment filenames. Control characters would let a sender
 * break a header line (CR/LF), hide text (NUL, VT) or make a name read
 * backwards (bidi overrides, as in "invoice‮fdp.exe"), so they go; what is
 * left is what a person would have typed.
 */

/** Line breaks and tabs, which become a space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * Other C0 and C1 controls, DEL, bidi embeddings, overrides, isolates and marks,
 * the byte-order mark and interlinear annotation marks: removed. Zero-width
 * joiners (U+200C, U+200D) stay: scripts and emoji need them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

export const DISPLAY_NAME_MAX = 200;
export const FILENAME_MAX = 255;

/** Text without control characters, its runs of white space made one space, trimmed. */
export function withoutControls(value: string): string {
  return value.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** A person's name as a sender gave it, safe to put in a notice: no controls, at most 200 characters. */
export function displayName(value: string | null | undefined, max = DISPLAY_NAME_MAX): string | undefined {
  if (value === null || value === undefined) return undefined;
  const cleaned = truncate(withoutControls(value), max).trim();
  return cleaned || undefined;
}

/**
 * An attachment's name as metadata: the last path segment only, no controls,
 * at most 255 characters with the extension kept. Never used to name a file or
 * a storage key (those come from the content hash).
 */
export function safeFilename(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const last = withoutControls(value).split(/[/\\]/).pop()?.trim() ?? '';
  if (!last || /^\.+$/.test(last)) return undefined;
  const chars = Array.from(last);
  if (chars.length <= FILENAME_MAX) return last;
  const dot = last.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(last.slice(dot)) : [];
  if (extension.length === 0 || extension.length > 16) return truncate(last, FILENAME_MAX);
  return (
    chars
      .slice(0, FILENAME_MAX - extension.length)
      .join('')
      .trimEnd() + extension.join('')
  );
}

/** The first `max` characters, never splitting a surrogate pair. */
function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join('');
}
