/**
 * Automatic mail that joined no case (GET /api/automated, managers): out-of-office
 * and auto-replies, other help desks' "ticket opened" mail, list and bulk mail,
 * bounces. None opened a case or got an acknowledgement; this is where an
 * operator sees them. Newest first, a page at a time.
 */
import { useCallback } from 'react';
import { formatInstant } from '../format.js';
import { usePageTitle } from '../hooks.js';
import { LoadProblem, ShowMore, useCursorPages } from '../paged.js';
import { humanise } from '../queue.js';
import { isManager, useSession } from '../session.js';

const PAGE = 50;

export function AutomatedPage() {
  usePageTitle('Automatic mail');
  const session = useSession();
  const manager = isManager(session);
  const fetchPage = useCallback(
    (cursor?: string) => session.api.get('GET /api/automated', {}, { query: { limit: PAGE, next: cursor } }),
    [session.api],
  );
  const pages = useCursorPages(fetchPage, 'automatic mail', manager);
  const { items, loading, next } = pages;

  if (!manager) {
    return (
      <div className="problem" role="alert">
        <h1>Automatic mail</h1>
        <p>Only managers can see automatic mail.</p>
      </div>
    );
  }

  return (
    <>
      <h1>Automatic mail</h1>
      <p>
        Auto-replies, other help desks’ “ticket opened” messages, list mail and bounces that belong to no case. None of
        them opened a case or was acknowledged; an address whose mail is machine-made gets no automatic notices.
      </p>
      <LoadProblem pages={pages} />
      <p role="status" className="count">
        {loading && items.length === 0 ? 'Loading…' : `${items.length} shown${next ? ', more to load' : ''}`}
      </p>
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="queue">
            <caption>Newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">From</th>
                <th scope="col">Subject</th>
                <th scope="col">What it is</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <time dateTime={item.receivedAt}>{formatInstant(item.receivedAt)}</time>
                  </td>
                  <td>{item.from.name ? `${item.from.name} <${item.from.email ?? ''}>` : (item.from.email ?? '—')}</td>
                  <td>
                    {item.subject ?? '(no subject)'}
                    <div className="muted">{item.excerpt}</div>
                  </td>
                  <td>
                    <span className="tag">{humanise(item.automated.category ?? item.automated.kind)}</span>
                    <div className="muted">{item.automated.reason}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ShowMore pages={pages} />
    </>
  );
}
