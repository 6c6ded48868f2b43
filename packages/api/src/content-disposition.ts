/**
 * `Content-Disposition` for a sender-named file (RFC 6266, with RFC 5987's
 * `filename*` for names beyond ASCII): `filename*=UTF-8''…` carries the real
 * name, `filename="…"` an ASCII fallback for old clients. A header value must
 * be ASCII, so `Llythyr-ŵyr.pdf` written as-is would fail the response; and
 * bidirectional controls are dropped, so a right-to-left override cannot make
 * `invoice‮fdp.exe` look like a PDF.
 */

/** Control characters and bidirectional embeddings, overrides, isolates and marks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** RFC 5987 attr-char is ALPHA / DIGIT / !#$&+-.^_`|~; encodeURIComponent also leaves '()* alone. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The name as an ASCII quoted-string: accents dropped where they come off, anything else `_`. */
function asciiFallback(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
}

export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  const name = filename.replace(UNSAFE, '').trim() || 'attachment';
  return `${disposition}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
