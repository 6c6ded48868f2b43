/**
 * A multipart email whose boundary is broken still has the resident's words in
 * it. postal-mime already keeps the parts of a multipart that is never closed;
 * what it drops is a body whose declared boundary never appears (a missing or
 * mistyped `boundary=`, or a client that used another one): those parse as a
 * message with no text at all. We then read the body again, first with the
 * boundary its own lines use, and failing that as plain text.
 */

export interface Reparsed<T> {
  email: T;
  repair: 'boundary-from-body' | 'read-as-text';
}

const BOUNDARY_LINE = /^--([^\s]{1,200}?)(?:--)?[ \t]*$/;
const HEADER_LINE = /^[!-9;-~]+:/;

/**
 * When `email` (postal-mime's reading of `raw`) lost the body of a multipart,
 * reads it again as described above; otherwise undefined.
 */
export async function repairBrokenMultipart<T extends { text?: string; html?: string }>(
  raw: Uint8Array,
  email: T,
  parse: (raw: Uint8Array) => Promise<T>,
): Promise<Reparsed<T> | undefined> {
  if (email.text !== undefined || email.html !== undefined) return undefined;
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  if (!split) return undefined;
  const head = text.slice(0, split.index);
  const body = text.slice(split.index + split[0].length);
  const contentType = headerField(head, 'content-type');
  if (!contentType || !/^content-type:\s*multipart\//i.test(contentType.replace(/\r?\n[ \t]+/g, ' '))) {
    return undefined;
  }
  if (!body.trim()) return undefined;

  const used = boundaryInBody(body);
  if (used) {
    const withBoundary = replaceField(head, contentType, `${withoutBoundary(contentType)}; boundary="${used}"`);
    const again = await parse(bytes(withBoundary + split[0] + body));
    if (again.text !== undefined || again.html !== undefined) return { email: again, repair: 'boundary-from-body' };
  }
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  const asText = replaceField(head, contentType, `Content-Type: text/plain; charset="${charset}"`);
  return { email: await parse(bytes(asText + split[0] + body)), repair: 'read-as-text' };
}

/** The first line that looks like a part boundary: `--something` followed by a header line. */
function boundaryInBody(body: string): string | undefined {
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length - 1; i++) {
    const found = BOUNDARY_LINE.exec(lines[i] ?? '');
    if (found?.[1] && HEADER_LINE.test(lines[i + 1] ?? '')) return found[1];
  }
  return undefined;
}

/** The whole field, continuation lines included, as it stands in the header block. */
function headerField(head: string, name: string): string | undefined {
  const pattern = new RegExp(`^${name}:.*(?:\\r?\\n[ \\t].*)*`, 'im');
  return pattern.exec(head)?.[0];
}

function replaceField(head: string, field: string, replacement: string): string {
  return head.replace(field, () => replacement);
}

function withoutBoundary(field: string): string {
  return field
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/;\s*boundary\s*=\s*("[^"]*"|[^;\s]*)/i, '')
    .trimEnd();
}

function bytes(latin1: string): Uint8Array {
  return new Uint8Array(Buffer.from(latin1, 'latin1'));
}
