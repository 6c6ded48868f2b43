/**
 * The quarantine (GET /api/quarantine, managers): every delivery that could not be
 * read or that the mail provider's verdict held (spam, a failed DMARC check, an
 * unauthenticated sender, a virus), newest first, with the reason. A manager who
 * judges one genuine releases it (POST /api/quarantine/{id}/release): the kept
 * payload goes through ingest again, skipping only what held it. A virus is never
 * released and a letter is uploaded again instead, so neither offers the button.
 */
import { useCallback, useState } from 'react';
import { ApiError } from '../api.js';
import { instantInWords, inWords, loadProblem } from '../errors.js';
import { usePageTitle } from '../hooks.js';
import { LoadProblem, ShowMore, useCursorPages } from '../paged.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';
import { isManager, useSession } from '../session.js';
import type { QuarantineItem } from '../types.js';

const PAGE = 50;

/** Why a delivery was held, in a manager's words. */
const VERDICT_WORDS: Record<NonNullable<QuarantineItem['verdict']>, string> = {
  spam: 'Marked as spam by the mail provider',
  dmarc: 'Failed the sender’s DMARC check (it may be forged)',
  unauthenticated: 'Neither SPF nor DKIM confirmed the sender (it may be forged)',
  virus: 'A virus was found',
};

/** Why this one may not be released, or undefined when it may. */
function notReleasable(item: QuarantineItem): string | undefined {
  if (item.released) return undefined;
  if (item.verdict === 'virus') return 'Never released: it carries a virus.';
  if (item.channel === 'letter') return 'Upload the letter’s file again instead.';
  return undefined;
}

export function QuarantinePage() {
  usePageTitle('Quarantine');
  const session = useSession();
  const manager = isManager(session);
  const fetchPage = useCallback(
    (cursor?: string) => session.api.get('GET /api/quarantine', {}, { query: { limit: PAGE, next: cursor } }),
    [session.api],
  );
  const pages = useCursorPages(fetchPage, 'the quarantine', manager);
  const { items, setItems, loading, next, error } = pages;
  const [confirming, setConfirming] = useState<string>();
  const [note, setNote] = useState('');
  const [releasing, setReleasing] = useState(false);
  const [outcome, setOutcome] = useState<{ id: string; text: string; caseRef: string | null; failed: boolean }>();

  const release = async (item: QuarantineItem) => {
    setReleasing(true);
    setOutcome(undefined);
    try {
      const answer = await session.api.send(
        'POST /api/quarantine/{id}/release',
        { id: item.id },
        note.trim() ? { note: note.trim() } : {},
      );
      setItems((shown) => shown.map((i) => (i.id === item.id ? answer.item : i)));
      setOutcome({
        id: item.id,
        caseRef: answer.caseRef,
        failed: !answer.released,
        text: answer.released
          ? answer.caseRef
            ? `Released and filed on case ${answer.caseRef}.`
            : 'Released; it opened no case (it was automatic mail or already filed).'
          : `It could still not be read, so it stays in quarantine: ${inWords(answer.item.reason)}`,
      });
      setConfirming(undefined);
      setNote('');
    } catch (err) {
      const words =
        err instanceof ApiError && err.status === 409
          ? inWords(err.message)
          : loadProblem(err as Error, 'this quarantined delivery');
      setOutcome({ id: item.id, caseRef: null, failed: true, text: words });
    } finally {
      setReleasing(false);
    }
  };

  if (!manager) {
    return (
      <div className="problem" role="alert">
        <h1>Quarantine</h1>
        <p>Only managers can see the quarantine.</p>
      </div>
    );
  }

  return (
    <>
      <h1>Quarantine</h1>
      <p>
        Deliveries that could not be read, or that the mail provider held as spam, forged or infected. Nothing here
        opened a case or was acknowledged, and nothing is lost: each is kept exactly as it arrived. Release one you
        judge genuine and it is filed as if it had arrived clean, with its clock counting from when it arrived.
      </p>
      <LoadProblem pages={pages} />
      {outcome ? (
        <p className={outcome.failed ? 'error-message' : 'success'} role={outcome.failed ? 'alert' : 'status'}>
          {outcome.text}{' '}
          {outcome.caseRef ? <Link href={`/console/cases/${outcome.caseRef}`}>Open case {outcome.caseRef}</Link> : null}
        </p>
      ) : null}
      <p role="status" className="count">
        {loading && items.length === 0
          ? 'Loading…'
          : items.length === 0 && !error
            ? 'The quarantine is empty: everything that arrived could be read.'
            : `${items.length} shown${next ? ', more to load' : ''}`}
      </p>
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="queue">
            <caption>Newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Channel</th>
                <th scope="col">Why it is held</th>
                <th scope="col">What can be done</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const refused = notReleasable(item);
                return (
                  <tr key={item.id}>
                    <td>
                      <time dateTime={item.receivedAt}>{instantInWords(item.receivedAt)}</time>
                    </td>
                    <td>{humanise(item.channel)}</td>
                    <td>
                      {item.verdict ? <span className="tag">{VERDICT_WORDS[item.verdict]}</span> : null}
                      <div className={item.verdict ? 'muted' : undefined}>{inWords(item.reason)}</div>
                      {item.retried ? (
                        <div className="muted">Released on {instantInWords(item.retried.at)}, but failed again.</div>
                      ) : null}
                    </td>
                    <td>
                      {item.released ? (
                        <>
                          Released {instantInWords(item.released.at)}
                          {item.released.caseRef ? (
                            <>
                              {' '}
                              onto{' '}
                              <Link href={`/console/cases/${item.released.caseRef}`}>case {item.released.caseRef}</Link>
                            </>
                          ) : null}
                        </>
                      ) : refused ? (
                        <span className="muted">{refused}</span>
                      ) : confirming === item.id ? (
                        <fieldset>
                          <legend>Release this {humanise(item.channel).toLowerCase()} delivery?</legend>
                          <label>
                            Why you judge it genuine (optional, on the audit trail)
                            <textarea value={note} maxLength={1_000} onChange={(e) => setNote(e.target.value)} />
                          </label>
                          <button type="button" disabled={releasing} onClick={() => void release(item)}>
                            {releasing ? 'Releasing…' : 'Release and file it'}
                          </button>{' '}
                          <button type="button" disabled={releasing} onClick={() => setConfirming(undefined)}>
                            Cancel
                          </button>
                        </fieldset>
                      ) : (
                        <button
                          type="button"
                          aria-label={`Release the ${humanise(item.channel).toLowerCase()} delivery received ${instantInWords(item.receivedAt)}`}
                          onClick={() => {
                            setConfirming(item.id);
                            setNote('');
                            setOutcome(undefined);
                          }}
                        >
                          Release…
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <ShowMore pages={pages} />
    </>
  );
}
