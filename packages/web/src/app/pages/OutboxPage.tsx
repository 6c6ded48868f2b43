/**
 * The local stack's outbox: every email, SMS and letter the system would have
 * sent, grouped by case, newest case activity first. Local only (GET /local/outbox).
 */
import { useMemo } from 'react';
import { type AnswerOf, pathOf } from '../api.js';
import { formatInstant } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';
import type { OutboxItem } from '../types.js';

async function loadOutbox(signal: AbortSignal): Promise<OutboxItem[]> {
  const res = await fetch(pathOf('GET /local/outbox', {}), { signal, headers: { accept: 'application/json' } });
  if (res.status === 404) throw new Error('There is no outbox here: it exists only on the local stack.');
  if (!res.ok) throw new Error(`The local stack answered ${res.status}`);
  return ((await res.json()) as AnswerOf<'GET /local/outbox'>).items;
}

export function OutboxPage() {
  usePageTitle('Outbox');
  const { data, error, loading } = usePolling(loadOutbox, 'outbox');
  const groups = useMemo(() => {
    const byCase = new Map<string, OutboxItem[]>();
    for (const item of data ?? []) {
      const key = item.caseRef;
      byCase.set(key, [...(byCase.get(key) ?? []), item]);
    }
    return [...byCase.entries()]
      .map(([caseRef, items]) => ({ caseRef, items: items.sort((a, b) => a.sentAt.localeCompare(b.sentAt)) }))
      .sort((a, b) => (b.items.at(-1)?.sentAt ?? '').localeCompare(a.items.at(-1)?.sentAt ?? ''));
  }, [data]);

  return (
    <>
      <h1>Outbox</h1>
      <p>
        What the local stack would have sent to residents: nothing here leaves this computer. Grouped by case, the case
        with the latest message first.
      </p>
      {error ? (
        <p className="error-message" role="alert">
          {error.message}
        </p>
      ) : null}
      <p role="status" className="count">
        {loading && !data
          ? 'Loading the outbox…'
          : `${data?.length ?? 0} ${data?.length === 1 ? 'message' : 'messages'} in ${groups.length} ${groups.length === 1 ? 'group' : 'groups'}`}
      </p>
      {groups.map((g) => (
        <section
          key={g.caseRef || 'none'}
          className="panel outbox-case"
          aria-labelledby={`outbox-${g.caseRef || 'none'}`}
        >
          <h2 id={`outbox-${g.caseRef || 'none'}`}>
            {g.caseRef ? (
              <>
                Case <Link href={`/console/cases/${g.caseRef}`}>{g.caseRef}</Link>
              </>
            ) : (
              'Not linked to a case'
            )}{' '}
            <span className="muted">({g.items.length})</span>
          </h2>
          <ol className="outbox-items">
            {g.items.map((item) => (
              <li key={item.id}>
                <article className="outbox-item" aria-labelledby={`outbox-item-${item.id}`}>
                  <h3 id={`outbox-item-${item.id}`}>
                    <span className="tag">{humanise(item.purpose)}</span> {humanise(item.channel)} to {item.to}
                  </h3>
                  <p className="muted">
                    <time dateTime={item.sentAt}>{formatInstant(item.sentAt)}</time>
                  </p>
                  {item.subject ? (
                    <p>
                      <strong>Subject:</strong> {item.subject}
                    </p>
                  ) : null}
                  <div className="message-text">{item.body}</div>
                </article>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
