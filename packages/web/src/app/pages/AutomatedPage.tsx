/**
 * Automatic mail that joined no case (GET /api/automated, managers): out-of-office
 * and auto-replies, other help desks' "ticket opened" mail, list and bulk mail,
 * bounces. None opened a case or got an acknowledgement; this is where an
 * operator sees them. Newest first, a page at a time.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import { formatInstant } from '../format.js';
import { usePageTitle } from '../hooks.js';
import { humanise } from '../queue.js';
import { isManager, useSession } from '../session.js';
import type { AutomatedItem } from '../types.js';

const PAGE = 50;

export function AutomatedPage() {
  usePageTitle('Automatic mail');
  const session = useSession();
  const manager = isManager(session);
  const [items, setItems] = useState<AutomatedItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await session.api.get('GET /api/automated', {}, { query: { limit: PAGE, next: cursor } });
        setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
        setNext(page.next);
      } catch (err) {
        setError(
          err instanceof ApiError && err.status === 403
            ? 'Only managers can see automatic mail.'
            : (err as Error).message,
        );
      } finally {
        setLoading(false);
      }
    },
    [session.api],
  );

  useEffect(() => {
    if (manager) void load();
  }, [manager, load]);

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
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
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
      {next ? (
        <button type="button" onClick={() => void load(next)} disabled={loading}>
          {loading ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </>
  );
}
