/**
 * The reply as the resident will get it, from `POST /api/cases/{ref}/reply/preview`
 * (the server's own sending code): a text message as a text with its length
 * and how many messages it makes, an email with its subject, a letter as the
 * letter (large print said so).
 */
import type { PreviewPart, ReplyPreview } from '../../types.js';

/** What officers must write in before sending: the templates' [square brackets]. */
export function unfilledPrompts(text: string): string[] {
  return [...text.matchAll(/\[([^\]\n]{2,120})\]/g)].map((m) => m[0]);
}

function SmsView({ part }: { part: Extract<PreviewPart, { channel: 'sms' }> }) {
  const { length } = part;
  const unicode = length.encoding === 'UCS-2';
  return (
    <figure className="preview-sms">
      <figcaption>
        Text message to <strong>{part.to}</strong>
      </figcaption>
      <p className="sms-bubble">{part.body}</p>
      <p className="sms-length">
        {length.characters} characters: {length.segments} text message{length.segments === 1 ? '' : 's'} (
        {length.perSegment} characters each
        {unicode ? `; ${length.nonGsmCharacters.map((c) => `“${c}”`).join(' ')} make it a Unicode text` : ''}).
      </p>
    </figure>
  );
}

function PartView({ part }: { part: PreviewPart }) {
  if (part.channel === 'sms') return <SmsView part={part} />;
  if (part.channel === 'email') {
    return (
      <figure className="preview-email">
        <figcaption>
          Email to <strong>{part.to}</strong>
        </figcaption>
        <p>
          <strong>Subject:</strong> {part.subject}
        </p>
        <pre className="preview-text">{part.body}</pre>
      </figure>
    );
  }
  return (
    <figure className={`preview-letter${part.largePrint ? ' large-print' : ''}`}>
      <figcaption>
        Letter by post to <strong>{[part.to.name, part.to.address].filter(Boolean).join(', ')}</strong>
        {part.largePrint ? ' — in large print' : ''}
      </figcaption>
      <pre className="preview-text">{part.body}</pre>
    </figure>
  );
}

export function ReplyPreviewPanel({ preview, headingId }: { preview: ReplyPreview; headingId: string }) {
  const [main, ...pointers] = preview.parts;
  return (
    <div className="reply-preview">
      <h3 id={headingId} tabIndex={-1}>
        What the resident will get
      </h3>
      {preview.skipped ? (
        <p className="notice">
          <strong>Nothing can be sent:</strong> {preview.skipped}.
        </p>
      ) : null}
      {preview.reason ? <p className="hint">Sent this way because: {preview.reason}.</p> : null}
      {main ? <PartView part={main} /> : null}
      {pointers.map((p) => (
        <div key={`${p.channel}-${p.subject}`}>
          <p>And, so they know to look for it:</p>
          <PartView part={p} />
        </div>
      ))}
    </div>
  );
}
