/**
 * Attachments and letter scans. The route needs the bearer token, so a plain
 * link cannot fetch it: the file is fetched, then shown (images) or saved
 * (PDFs and everything else) from a blob URL that lives in this tab only.
 */
import { useEffect, useState } from 'react';
import { formatBytes } from '../format.js';
import { useSession } from '../session.js';
import type { Attachment } from '../types.js';

const IMAGE = /^image\/(png|jpeg|gif)$/;

/** Saves a fetched file under its name (the link is never navigated to), and lets the URL go a minute later. */
export function saveObjectUrl(objectUrl: string, filename: string): void {
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}

export function Attachments({
  caseRef,
  messageId,
  items,
}: {
  caseRef: string;
  messageId: string;
  items: Attachment[];
}) {
  if (items.length === 0) return null;
  return (
    <div className="attachments">
      <h4>Attachments</h4>
      <ul>
        {items.map((a, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the API addresses attachments by position
          <li key={index}>
            <AttachmentItem caseRef={caseRef} messageId={messageId} index={index} attachment={a} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function AttachmentItem({
  caseRef,
  messageId,
  index,
  attachment,
}: {
  caseRef: string;
  messageId: string;
  index: number;
  attachment: Attachment;
}) {
  const { api } = useSession();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  const isImage = IMAGE.test(attachment.contentType);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  const open = async () => {
    setError(undefined);
    try {
      const blob = await api.blob('GET /api/cases/{ref}/attachments/{messageId}/{index}', {
        ref: caseRef,
        messageId,
        index: String(index),
      });
      const objectUrl = URL.createObjectURL(blob);
      if (isImage) {
        setUrl(objectUrl);
        return;
      }
      saveObjectUrl(objectUrl, attachment.filename);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <>
      <button type="button" className="link-button" onClick={open} aria-expanded={isImage ? Boolean(url) : undefined}>
        {isImage ? 'Show' : 'Download'} {attachment.filename}
      </button>{' '}
      <span className="muted">
        ({attachment.contentType}, {formatBytes(attachment.size)})
      </span>
      {error ? <span className="error-message"> Could not open it: {error}</span> : null}
      {url ? (
        <figure className="attachment-preview">
          <img src={url} alt={`Attachment ${attachment.filename}`} />
          <figcaption>{attachment.filename}</figcaption>
        </figure>
      ) : null}
    </>
  );
}
