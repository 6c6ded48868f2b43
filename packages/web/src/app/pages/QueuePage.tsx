/**
 * The queues: mine, my team, department requests waiting for my team, and
 * (managers) every case; 50 a page, in the order and with the filters chosen.
 */
import { useMemo, useState } from 'react';
import { Icon } from '../components/Due.js';
import { formatInstant, formatTarget } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { Link, useLocation } from '../router.js';
import { isManager, useSession } from '../session.js';
import { CaseQueue } from './queue/CaseQueue.js';

type QueueName = 'mine' | 'team' | 'requests' | 'all';

const QUEUE_TITLES: Record<QueueName, string> = {
  mine: 'My cases',
  team: 'My team’s cases',
  requests: 'Requests for my team',
  all: 'All cases',
};

export function QueuePage() {
  const session = useSession();
  const { query } = useLocation();
  const queues: QueueName[] = isManager(session) ? ['mine', 'team', 'requests', 'all'] : ['mine', 'team', 'requests'];
  const asked = query.get('queue') as QueueName | null;
  const queue: QueueName =
    asked && queues.includes(asked) ? asked : session.me.role === 'contributor' ? 'requests' : 'mine';
  usePageTitle(QUEUE_TITLES[queue], queue);

  return (
    <>
      <h1>{QUEUE_TITLES[queue]}</h1>
      <nav aria-label="Queues" className="tabs">
        <ul>
          {queues.map((q) => (
            <li key={q}>
              <Link href={`/console/?queue=${q}`} aria-current={q === queue ? 'page' : undefined}>
                {QUEUE_TITLES[q]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {queue === 'requests' ? <RequestsQueue /> : <CaseQueue queue={queue} />}
    </>
  );
}

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

function RequestsQueue() {
  const session = useSession();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const { data, error, loading } = usePolling(
    (signal) => session.api.get('GET /api/requests', {}, { query: { status }, signal }),
    `requests:${status}`,
  );
  const items = useMemo(
    () => [...(data?.items ?? [])].sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.caseRef.localeCompare(b.caseRef)),
    [data],
  );
  const today = todayInLondon();
  return (
    <>
      <p>
        Questions other officers have asked {session.departmentName(session.me.teamId)}. Open the case to answer or ask
        for more time.
      </p>
      <div className="field field-inline">
        <label htmlFor="req-status">Show</label>
        <select id="req-status" value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'done')}>
          <option value="open">Waiting for an answer</option>
          <option value="done">Answered or closed</option>
        </select>
      </div>
      {error ? (
        <p className="error-message" role="alert">
          Could not load the requests: {error.message}
        </p>
      ) : null}
      <p role="status" className="count">
        {loading && !data ? 'Loading requests…' : `${items.length} ${items.length === 1 ? 'request' : 'requests'}`}
      </p>
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="queue">
            <caption>Earliest due first.</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Question</th>
                <th scope="col">Asked by</th>
                <th scope="col">Due by</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const due = r.moreTime?.until ?? r.dueBy;
                const late = r.status === 'open' && due < today;
                return (
                  <tr key={r.id} className={late ? 'row-overdue' : undefined}>
                    <th scope="row">
                      <Link href={`/console/cases/${r.caseRef}#request-${r.id}`}>{r.caseRef}</Link>
                    </th>
                    <td className="question">{r.question}</td>
                    <td>
                      {session.officerName(r.askedBy)}
                      <span className="muted date">{formatInstant(r.askedAt)}</span>
                    </td>
                    <td>
                      {late ? (
                        <span className="due due-overdue">
                          <Icon urgency="overdue" /> <strong>Overdue</strong>
                        </span>
                      ) : r.status === 'open' && due === today ? (
                        <span className="due due-at-risk">
                          <Icon urgency="at-risk" /> <strong>Due today</strong>
                        </span>
                      ) : null}
                      <span className="date">{formatTarget(due)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
