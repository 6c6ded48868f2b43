/**
 * Email HTML, sanitised again here (it was sanitised on ingest) before it
 * touches the page: no script, no handlers, no javascript: or data: links, no
 * forms, no styles, no remote images (tracking pixels). Inserted as DOM nodes,
 * never as an HTML string.
 */
import DOMPurify from 'dompurify';
import { useEffect, useRef } from 'react';

let hooked = false;

function addHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!/^data:image\/(png|jpeg|gif|webp);/i.test(src)) {
        node.removeAttribute('src');
        node.setAttribute('alt', `[image not shown${node.getAttribute('alt') ? `: ${node.getAttribute('alt')}` : ''}]`);
      }
    }
  });
}

export function sanitiseEmailHtml(html: string): DocumentFragment {
  addHooks();
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'option',
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'link',
      'meta',
      'base',
      'svg',
      'math',
      'video',
      'audio',
      'source',
      'template',
    ],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'ping', 'id', 'name'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|data:image\/(?:png|jpeg|gif|webp);)/i,
  });
}

export function SafeHtml({ html, label }: { html: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.replaceChildren(sanitiseEmailHtml(html));
  }, [html]);
  return <section className="email-html" ref={ref} aria-label={label} />;
}
