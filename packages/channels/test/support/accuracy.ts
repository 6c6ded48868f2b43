/**
 * Character error rate: the edits (insertions, deletions, substitutions) that
 * turn what OCR read into what the letter says, per character of the letter.
 * White space is compared as single spaces: OCR's line and block breaks are
 * layout, not reading errors.
 */
export function characterErrorRate(reference: string, read: string): number {
  const a = normalise(reference);
  const b = normalise(read);
  if (a.length === 0) return b.length === 0 ? 0 : 1;
  return levenshtein(a, b) / a.length;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
