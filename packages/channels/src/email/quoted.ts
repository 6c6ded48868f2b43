/**
 * Separates what a resident just wrote from the earlier messages their mail
 * program quoted underneath, so an officer reads the new part first. Nothing is
 * thrown away: `full` is the body as received.
 */
export interface QuotedReply {
  /** What the sender wrote this time. */
  text: string;
  /** The quoted history, from its header line on; undefined when there is none. */
  quoted?: string;
  /** The whole body as received. */
  full: string;
  /** Which style of quoting was recognised. */
  style?: 'outlook' | 'gmail' | 'quote-prefix';
}

const ORIGINAL_MESSAGE = /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const OUTLOOK_FROM = /^\s*\*?From:\*?\s+\S/i;
const OUTLOOK_SENT = /^\s*\*?(Sent|Date):\*?\s+\S/i;
const GMAIL_ON = /^\s*On\s.+/i;
const GMAIL_WROTE = /\bwrote:\s*$/i;
const FORWARDED = /^\s*(-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:)/i;
const QUOTE_PREFIX = /^\s*>/;

export interface SplitOptions {
  /**
   * The message's subject. Outlook sets out a forwarded message exactly like the
   * history under a reply; a "FW:" subject says the sender is passing it on, so
   * it stays in the text.
   */
  subject?: string;
}

const FORWARD_SUBJECT = /^\s*(fwd?|fw)\s*:/i;

export function splitQuotedReply(body: string, opts: SplitOptions = {}): QuotedReply {
  const full = body.replace(/\r\n?/g, '\n');
  if (opts.subject && FORWARD_SUBJECT.test(opts.subject)) return { text: full.trim(), full };
  const lines = full.split('\n');
  const found = findQuoteStart(lines);
  if (!found) return { text: full.trim(), full };
  const text = lines.slice(0, found.index).join('\n').trim();
  const quoted = lines.slice(found.index).join('\n').trim();
  // A message that is nothing but a quote (a bare forward of a reply) keeps its body as the text.
  if (!text) return { text: full.trim(), full };
  return { text, quoted, full, style: found.style };
}

function findQuoteStart(lines: string[]): { index: number; style: NonNullable<QuotedReply['style']> } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // A forwarded message is what the sender is passing on, not history: it stays in the text.
    if (FORWARDED.test(line)) return undefined;
    if (ORIGINAL_MESSAGE.test(line)) return { index: i, style: 'outlook' };
    if (OUTLOOK_FROM.test(line) && nextLinesMatch(lines, i, OUTLOOK_SENT, 3)) {
      const ruled = i > 0 && OUTLOOK_RULE.test(lines[i - 1] ?? '');
      return { index: ruled ? i - 1 : i, style: 'outlook' };
    }
    if (GMAIL_ON.test(line)) {
      // Gmail wraps a long attribution line, so "wrote:" may end the next line or the one after.
      const upTo = lines.slice(i, i + 3);
      for (let j = 0; j < upTo.length; j++) {
        if (GMAIL_WROTE.test(upTo[j] ?? '')) return { index: i, style: 'gmail' };
        if (j > 0 && !(upTo[j] ?? '').trim()) break;
      }
    }
    if (QUOTE_PREFIX.test(line) && restIsQuoted(lines, i)) return { index: i, style: 'quote-prefix' };
  }
  return undefined;
}

function nextLinesMatch(lines: string[], from: number, pattern: RegExp, within: number): boolean {
  for (let j = from + 1; j <= from + within && j < lines.length; j++) {
    if (pattern.test(lines[j] ?? '')) return true;
  }
  return false;
}

/** True when every remaining non-blank line is ">"-quoted: a trailing quote block, not inline answers. */
function restIsQuoted(lines: string[], from: number): boolean {
  return lines.slice(from).every((line) => !line.trim() || QUOTE_PREFIX.test(line));
}
