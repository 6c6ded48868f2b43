/**
 * The officer's inbox (issue 14): cases assigned or reassigned to them, a
 * department's answer, a target about to be missed — or, while someone they
 * cover is away, theirs. Unread first; polls like the rest of the console.
 */
import { useState } from 'react';
import { formatInstant } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import type { Notification } from '../types.js';

const KIND_WORDS: Record<Notification['kind'], string> = {
  assigned: 'Assigned to you',
  reassigned: 'Reassigned to you',
  'department-answered': 'Department answered',
  'target-at-risk': 'Target about to be missed',
};

/** The nav's link with the unread count, polling like every page (so a reassigned case shows without a refresh). */
export function NotificationsLink({ href, current }: { href: string; current?: 'page' }) {
  const session = useSession();
  const { data } = usePolling(
    (signal) => session.api.get('GET /api/notifications', {}, { signal, query: { limit: 1 } }),
    'badge',
  );
  const unread = data?.unread ?? 0;
  return (
    <Link href={href} aria-current={current}>
      Notifications
      {unread > 0 ? (
        <span className="nav-count">
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}

export function NotificationsPage() {
  const session = useSession();
  usePageTitle('Notifications');
  const { data, error, loading, setData } = usePolling(
    (signal) => session.api.get('GET /api/notifications', {}, { signal }),
    'notifications',
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const markAllRead = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setData(await session.api.send('POST /api/notifications/read', {}, {}));
    } catch (err) {
      setProblem(`Could not mark them read: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Notifications</h1>
      <p>Cases handed to you, departments’ answers and targets about to be missed. Each one is emailed to you too.</p>
      {error && !data ? (
        <p className="error-message" role="alert">
          Could not load your notifications: {error.message}
        </p>
      ) : null}
      {problem ? (
        <p className="error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <p role="status" className="count">
        {loading && !data ? 'Loading your notifications…' : `${data?.unread ?? 0} unread`}
      </p>
      {data && data.unread > 0 ? (
        <button type="button" onClick={markAllRead} disabled={busy}>
          Mark all as read
        </button>
      ) : null}
      {data && data.items.length === 0 ? <p>Nothing yet: when a case is handed to you, it shows here.</p> : null}
      <ul className="notification-list">
        {data?.items.map((n) => (
          <li key={n.id} className={n.readAt ? undefined : 'unread'}>
            <strong>
              {n.readAt ? null : <span className="visually-hidden">Unread: </span>}
              {KIND_WORDS[n.kind]}
            </strong>{' '}
            — <Link href={`/console/cases/${n.caseRef}`}>{n.caseRef}</Link>: {n.summary}
            {n.coverFor ? (
              <span className="muted"> (you are covering for {session.officerName(n.coverFor)})</span>
            ) : null}
            <br />
            <span className="muted">
              <time dateTime={n.at}>{formatInstant(n.at)}</time>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
