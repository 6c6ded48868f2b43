/**
 * Letters to read (GET /api/letters/needs-reading): letters OCR read poorly or
 * found no way to reply in. Each shows the scan beside what OCR read, and a
 * form (POST /api/cases/{ref}/letter-read) to correct the text and enter who
 * sent it; once read in, the case is acknowledged as any other.
 */
import { useEffect, useId, useState } from 'react';
import { saveObjectUrl } from '../components/Attachments.js';
import { CommandForm } from '../components/Form.js';
import { LoadProblem } from '../components/LoadProblem.js';
import { formatBytes, formatInstant } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import type { LetterToRead } from '../types.js';

const PAGE_SIZE = 25;

export function LettersPage() {
  usePageTitle('Letters to read');
  const { api } = useSession();
  const [cursor, setCursor] = useState<string>();
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const [read, setRead] = useState<string[]>([]);
  const letters = usePolling(
    (signal) => api.get('GET /api/letters/needs-reading', {}, { query: { limit: PAGE_SIZE, next: cursor }, signal }),
    cursor ?? 'first',
  );
  const items = letters.data?.items ?? [];

  return (
    <div>
      <h1>Letters to read</h1>
      <p>
        Letters the scanner or OCR could not read well, or in which no address, email or phone number was found. Read
        each from the scan, correct the text and enter who sent it: the acknowledgement goes once you have. Targets
        still count from the day the letter arrived.
      </p>
      {read.length ? (
        <div className="panel success" role="status">
          <p>
            Read in:{' '}
            {read.map((ref, i) => [
              i ? ', ' : '',
              <Link key={ref} href={`/console/cases/${ref}`}>
                {ref}
              </Link>,
            ])}
            .
          </p>
        </div>
      ) : null}
      {letters.error ? (
        <LoadProblem error={letters.error} what="the letters to read" onRetry={() => void letters.refresh()} />
      ) : null}
      {letters.loading ? <p role="status">Loading letters…</p> : null}
      {!letters.loading && !letters.error && items.length === 0 ? (
        <p>No letters are waiting to be read. Scans OCR could not read appear here for you to type in.</p>
      ) : null}
      {items.map((letter) => (
        <LetterItem
          key={letter.ref}
          letter={letter}
          onRead={() => {
            setRead((old) => [...old, letter.ref]);
            void letters.refresh();
          }}
        />
      ))}
      <nav aria-label="Pages of letters" className="pager">
        {previous.length ? (
          <button
            type="button"
            onClick={() => {
              setCursor(previous.at(-1));
              setPrevious((p) => p.slice(0, -1));
            }}
          >
            Previous page
          </button>
        ) : null}
        {letters.data?.next ? (
          <button
            type="button"
            onClick={() => {
              setPrevious((p) => [...p, cursor]);
              setCursor(letters.data?.next ?? undefined);
            }}
          >
            Next page
          </button>
        ) : null}
      </nav>
    </div>
  );
}

function LetterItem({ letter, onRead }: { letter: LetterToRead; onRead(): void }) {
  const headingId = useId();
  const { from } = letter.letter;
  return (
    <article className="letter-to-read panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link href={`/console/cases/${letter.ref}`}>{letter.ref}</Link>, received {formatInstant(letter.receivedAt)}
      </h2>
      <p>Why it needs reading:</p>
      <ul>
        {letter.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <div className="letter-to-read-columns">
        <section aria-label={`The scan of ${letter.ref}`}>
          <h3>The scan</h3>
          <Scan letter={letter} />
          <details>
            <summary>What OCR read</summary>
            <pre className="ocr-text">{letter.letter.text || '(nothing)'}</pre>
            <p className="muted">
              {letter.letter.engine ?? 'OCR'}
              {letter.letter.confidence === null ? '' : `, confidence ${Math.round(letter.letter.confidence)} of 100`}
              {letter.letter.preparation.length ? `; image ${letter.letter.preparation.join(', ')}` : ''}
            </p>
          </details>
        </section>
        <CommandForm
          id={`letter-${letter.ref}`}
          level={3}
          title="The letter as you read it"
          route="POST /api/cases/{ref}/letter-read"
          params={{ ref: letter.ref }}
          submitLabel="Save and acknowledge"
          doneMessage="Letter read in."
          onDone={onRead}
          fields={[
            {
              name: 'text',
              label: 'Text of the letter',
              kind: 'textarea',
              required: true,
              initial: letter.letter.text,
              hint: 'What OCR read, to correct against the scan.',
            },
            {
              name: 'subject',
              label: 'Subject',
              required: true,
              initial: '',
              hint: 'A few words: what the letter is about.',
            },
            { name: 'name', label: 'Sender’s name', initial: from.name ?? '', autoComplete: 'off' },
            {
              name: 'address',
              label: 'Sender’s postal address',
              kind: 'textarea',
              initial: from.address ?? '',
              hint: 'A postal address, email address or phone number, so they can be answered.',
            },
            { name: 'email', label: 'Sender’s email address', kind: 'email', initial: from.email ?? '' },
            { name: 'phone', label: 'Sender’s phone number', kind: 'tel', initial: from.phone ?? '' },
            { name: 'tenancyRef', label: 'Tenancy reference', initial: '' },
            {
              name: 'arrivedOn',
              label: 'The day it arrived in the post',
              kind: 'date',
              initial: '',
              hint: 'If it was scanned later: its reply date counts from the day it arrived.',
            },
          ]}
        />
      </div>
    </article>
  );
}

/** The scan, fetched with the bearer token: an image shown beside the form, a PDF saved to open. */
function Scan({ letter }: { letter: LetterToRead }) {
  const { api } = useSession();
  const scan = letter.letter.scan;
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  const isImage = scan ? /^image\/(png|jpeg|gif)$/.test(scan.contentType) : false;

  useEffect(() => {
    if (!scan || !isImage) return;
    let objectUrl: string | undefined;
    let cancelled = false;
    api
      .blob('GET /api/cases/{ref}/attachments/{messageId}/{index}', {
        ref: letter.ref,
        messageId: letter.letter.messageId,
        index: String(scan.index),
      })
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((err: Error) => setError(err.message));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, letter.ref, letter.letter.messageId, scan, isImage]);

  if (!scan) return <p>The scan is missing.</p>;
  if (error) return <p className="error-message">Could not open the scan: {error}</p>;
  if (!isImage) {
    const save = async () => {
      const blob = await api.blob('GET /api/cases/{ref}/attachments/{messageId}/{index}', {
        ref: letter.ref,
        messageId: letter.letter.messageId,
        index: String(scan.index),
      });
      saveObjectUrl(URL.createObjectURL(blob), scan.filename);
    };
    return (
      <p>
        <button type="button" className="link-button" onClick={() => save().catch((e: Error) => setError(e.message))}>
          Download {scan.filename}
        </button>{' '}
        <span className="muted">
          ({scan.contentType}, {formatBytes(scan.size)}): open it beside this page.
        </span>
      </p>
    );
  }
  if (!url) return <p role="status">Loading the scan…</p>;
  return (
    <figure className="attachment-preview">
      <img src={url} alt={`Scan of the letter on ${letter.ref}, as received`} />
      <figcaption>{scan.filename}</figcaption>
    </figure>
  );
}
