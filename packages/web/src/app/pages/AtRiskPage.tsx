/**
 * The manager's home: every open case past its target or due within a working
 * day, across teams, nearest target first (`GET /api/at-risk`). Polled, so a
 * case drops off once answered or given a new date.
 */
import { useId } from 'react';
import { Due } from '../components/Due.js';
import { LoadProblem } from '../components/LoadProblem.js';
import { formatTarget } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import type { CaseListItem } from '../types.js';

export function AtRiskPage() {
  const session = useSession();
  const captionId = useId();
  const { data, error, loading, refresh } = usePolling(
    (signal) => session.api.get('GET /api/at-risk', {}, { signal }),
    'at-risk',
  );
  usePageTitle('Overdue and at risk');
  const items = data?.items ?? [];
  const overdue = items.filter((c) => c.overdue).length;

  return (
    <>
      <h1>Overdue and at risk</h1>
      <p>
        Open cases across every team that are past their target or due within a working day. Reassign, agree a new date
        with the resident, or make sure the owner replies today.
      </p>
      <p>
        Other views: <Link href="/console/?queue=all">All cases</Link> ·{' '}
        <Link href="/console/?queue=mine">My cases</Link>
      </p>
      {error ? <LoadProblem error={error} what="the cases at risk" onRetry={() => void refresh()} /> : null}
      <p role="status" className="count">
        {loading && !data
          ? 'Loading cases…'
          : data
            ? `${overdue} overdue, ${items.length - overdue} due within a working day${data.truncated ? ' — only the nearest are shown' : ''}`
            : ''}
      </p>
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="queue" aria-describedby={captionId}>
            <caption id={captionId}>Nearest target first. Select a reference to open the case.</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Team</th>
                <th scope="col">Owner</th>
                <th scope="col">Kind</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <AtRiskRow key={item.ref} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && items.length === 0 ? (
        <div className="empty">
          <p>Nothing is overdue or due by the end of the next working day.</p>
          <p>
            To see what comes after, open <Link href="/console/?queue=all">every case, nearest target first</Link>.
          </p>
        </div>
      ) : null}
    </>
  );
}

function AtRiskRow({ item }: { item: CaseListItem }) {
  const session = useSession();
  return (
    <tr className={item.overdue ? 'row-overdue' : undefined} data-ref={item.ref}>
      <th scope="row">
        <Link href={`/console/cases/${item.ref}`}>{item.ref}</Link>
        <span className="subject">{item.subject}</span>
      </th>
      <td>{session.departmentName(item.teamId)}</td>
      <td>{item.ownerId ? session.officerName(item.ownerId) : <em>Unassigned: assign it today</em>}</td>
      <td>{humanise(item.kind)}</td>
      <td>
        <Due countdown={item} />
        <span className="muted date">{formatTarget(item.effectiveRespondBy)}</span>
      </td>
    </tr>
  );
}
