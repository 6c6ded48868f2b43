/** Every message on the case, oldest first: email as sanitised HTML (or plain text), scans and attachments. */
import { useMemo } from 'react';
import { Attachments } from '../../components/Attachments.js';
import { SafeHtml } from '../../components/SafeHtml.js';
import { formatInstant } from '../../format.js';
import { humanise } from '../../queue.js';
import { type Session, useSession } from '../../session.js';
import type { CaseDetail, CaseMessage } from '../../types.js';

function messageHeading(m: CaseMessage, session: Session): string {
  if (m.direction === 'outbound') {
    return `${m.purpose ? humanise(m.purpose) : 'Message'} sent by ${humanise(m.channel).toLowerCase()}${m.sentBy ? ` (${session.officerName(m.sentBy)})` : ''}`;
  }
  if (m.logged) return `${humanise(m.logged.kind)} logged by ${session.officerName(m.logged.loggedBy)}`;
  const who = m.from.name ?? m.from.email ?? m.from.phone ?? 'the resident';
  return `${humanise(m.channel)} from ${who}`;
}

export function MessagesSection({ kase }: { kase: CaseDetail }) {
  const session = useSession();
  const messages = useMemo(
    () => [...kase.messages].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    [kase.messages],
  );
  return (
    <section aria-labelledby="messages-heading" className="panel">
      <h2 id="messages-heading">Messages ({messages.length})</h2>
      <ol className="messages">
        {messages.map((m) => (
          <li key={m.id}>
            <article className={`message message-${m.direction}`} aria-labelledby={`msg-${m.id}`}>
              <h3 id={`msg-${m.id}`}>{messageHeading(m, session)}</h3>
              <p className="muted">
                <time dateTime={m.receivedAt}>{formatInstant(m.receivedAt)}</time>
                {m.direction === 'outbound' && m.to.length ? ` · to ${m.to.join(', ')}` : ''}
                {m.from.email && m.direction === 'inbound' ? ` · ${m.from.email}` : ''}
                {m.from.phone && m.direction === 'inbound' ? ` · ${m.from.phone}` : ''}
              </p>
              {m.automated ? (
                <p className="tag">
                  Automatic message ({m.automated.kind}): {m.automated.reason}
                </p>
              ) : null}
              {m.scan ? (
                <p className="muted">
                  Letter scan, text read by {m.scan.method}
                  {m.scan.confidence !== undefined ? ` (confidence ${Math.round(m.scan.confidence)}%)` : ''}: check it
                  against the scan.
                </p>
              ) : null}
              {m.subject ? (
                <p className="message-subject">
                  <strong>Subject:</strong> {m.subject}
                </p>
              ) : null}
              {m.safeHtml ? (
                <>
                  <SafeHtml html={m.safeHtml} label={`Email as formatted${m.subject ? `: ${m.subject}` : ''}`} />
                  <details className="message-views">
                    <summary>Show as plain text</summary>
                    <div className="message-text">{m.text}</div>
                  </details>
                </>
              ) : (
                <div className="message-text">{m.text}</div>
              )}
              <Attachments caseRef={kase.ref} messageId={m.id} items={m.attachments} />
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}
