import { Parser } from 'htmlparser2';
import sanitize from 'sanitize-html';

const SAFE_IMAGE_DATA_URL = /^data:image\/(png|jpe?g|gif|webp|bmp);/i;

/**
 * HTML an officer can look at in the console without running anything the
 * sender put there: no script or style, no event handlers, no javascript: or
 * data: links. Images may only come from the message itself (cid: parts or
 * data: images): remote images are dropped because loading them tells the
 * sender, or a tracker, that an officer opened the message.
 */
export function sanitiseEmailHtml(html: string): string {
  const safe = sanitize(html, {
    allowedTags: [...sanitize.defaults.allowedTags, 'img', 'font', 'center', 'u', 's'],
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'title', 'noscript', 'template'],
    // An image whose source was removed (remote, or an unsafe data: URL) is dropped whole.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    allowedAttributes: {
      a: ['href', 'name', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'scope'],
      table: ['border', 'cellpadding', 'cellspacing', 'width'],
      font: ['color', 'size'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const { src, ...rest } = attribs;
        const keep = src && (/^cid:/i.test(src) || SAFE_IMAGE_DATA_URL.test(src));
        return { tagName, attribs: keep ? { ...rest, src } : rest };
      },
    },
  });
  return safe.trim();
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'head', 'title', 'noscript', 'template']);

/** Readable plain text from an HTML body, for emails that come without a text part. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skipping = 0;
  let inPre = 0;
  const newline = () => out.push('\n');
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_TAGS.has(name)) skipping++;
        if (name === 'pre') inPre++;
        if (name === 'br') newline();
        else if (name === 'li') out.push('\n- ');
        else if (name === 'td' || name === 'th') out.push(' ');
        else if (BLOCK_TAGS.has(name)) {
          newline();
          if (name === 'p' || /^h\d$/.test(name)) newline();
        }
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) skipping = Math.max(0, skipping - 1);
        if (name === 'pre') inPre = Math.max(0, inPre - 1);
        if (BLOCK_TAGS.has(name)) {
          newline();
          if (name === 'p' || /^h\d$/.test(name)) newline();
        }
      },
      ontext(text) {
        if (skipping) return;
        out.push(inPre ? text.replace(/\r?\n/g, '\n') : text.replace(/\s+/g, ' '));
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join('')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
