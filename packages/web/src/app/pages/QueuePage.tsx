/**
 * The queues: mine, my team, department requests waiting for my team, and
 * (managers) every case; nearest target first, with filters and search.
 */
import { useId, useMemo, useState } from 'react';
import { Due, Icon } from '../components/Due.js';
import { ActivityMarkers } from '../components/Together.js';
import { formatInstant, formatTarget } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { applyFilters, byNearestTarget, humanise, NO_FILTERS, type QueueFilters } from '../queue.js';
import { Link, useLocation } from '../router.js';
import { isManager, type Session, useSession } from '../session.js';
import { CASE_KINDS, CASE_STATUSES, type CaseList, type CaseListItem, CHANNELS } from '../types.js';

type QueueName = 'mine' | 'team' | 'requests' | 'all';

const QUEUE_TITLES: Record<QueueName, string> = {
  mine: 'My cases',
  team: 'My team’s cases',
  requests: 'Requests for my team',
  all: 'All cases',
};

const MAX_ITEMS = 1000;

async function loadCases(session: Session, queue: 'mine' | 'team' | 'all', closed: boolean, signal: AbortSignal) {
  const items: CaseListItem[] = [];
  let next: string | null = null;
  do {
    const query = { queue, limit: 200, status: closed ? 'closed' : 'open', next: next ?? undefined } as const;
    const page: CaseList = await session.api.get('GET /api/cases', {}, { query, signal });
    items.push(...page.items);
    next = page.next;
  } while (next && items.length < MAX_ITEMS);
  // The API orders each page; several pages are merged here, and a case may appear twice (cover).
  const unique = [...new Map(items.map((i) => [i.ref, i])).values()];
  return { items: unique.sort(byNearestTarget), truncated: Boolean(next) };
}

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

function CaseQueue({ queue }: { queue: 'mine' | 'team' | 'all' }) {
  const session = useSession();
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const closed = filters.status === 'closed';
  const { data, error, loading } = usePolling(
    (signal) => loadCases(session, queue, closed, signal),
    `${queue}:${closed}`,
  );
  const shown = useMemo(() => (data ? applyFilters(data.items, filters) : []), [data, filters]);
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const captionId = useId();

  return (
    <>
      <search>
        <form className="filters" aria-label="Filter and search this queue" onSubmit={(e) => e.preventDefault()}>
          <div className="field field-search">
            <label htmlFor="q">Search</label>
            <p className="hint" id="q-hint">
              Reference, name, email, phone or postcode
            </p>
            <input
              id="q"
              type="search"
              aria-describedby="q-hint"
              value={filters.search}
              onChange={(e) => set('search', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="f-channel">Channel</label>
            <select id="f-channel" value={filters.channel} onChange={(e) => set('channel', e.target.value)}>
              <option value="">Any channel</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {humanise(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-kind">Kind</label>
            <select id="f-kind" value={filters.kind} onChange={(e) => set('kind', e.target.value)}>
              <option value="">Any kind</option>
              {CASE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {humanise(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-status">Status</label>
            <select id="f-status" value={filters.status} onChange={(e) => set('status', e.target.value)}>
              <option value="">Any open status</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanise(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-within">Due within (working days)</label>
            <input
              id="f-within"
              type="number"
              min={0}
              max={60}
              inputMode="numeric"
              value={filters.dueWithin}
              onChange={(e) => set('dueWithin', e.target.value)}
            />
          </div>
          <div className="field field-checkbox">
            <input
              id="f-overdue"
              type="checkbox"
              checked={filters.overdueOnly}
              onChange={(e) => set('overdueOnly', e.target.checked)}
            />
            <label htmlFor="f-overdue">Overdue only</label>
          </div>
          {filtered ? (
            <button type="button" className="link-button" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </button>
          ) : null}
        </form>
      </search>

      {error ? (
        <p className="error-message" role="alert">
          Could not load the queue: {error.message}
        </p>
      ) : null}
      <p role="status" className="count">
        {loading && !data
          ? 'Loading cases…'
          : `${shown.length} ${shown.length === 1 ? 'case' : 'cases'}${filtered ? ` match (of ${data?.items.length ?? 0})` : ''}${data?.truncated ? ` — only the first ${MAX_ITEMS} are loaded` : ''}`}
      </p>
      {data && shown.length > 0 ? (
        <div className="table-wrap">
          <table className="queue" aria-describedby={captionId}>
            <caption id={captionId}>Nearest target first. Select a reference to open the case.</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Resident</th>
                <th scope="col">Channel</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <QueueRow key={item.ref} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && shown.length === 0 ? (
        <p className="empty">{filtered ? 'No case matches these filters.' : 'Nothing here.'}</p>
      ) : null}
    </>
  );
}

function QueueRow({ item }: { item: CaseListItem }) {
  const session = useSession();
  const c = item.contact;
  const who = c?.name ?? c?.email ?? c?.phone ?? 'Unknown';
  return (
    <tr className={item.overdue ? 'row-overdue' : undefined} data-ref={item.ref}>
      <th scope="row">
        <Link href={`/console/cases/${item.ref}`}>{item.ref}</Link>
        <span className="subject">{item.subject}</span>
        <ActivityMarkers activity={item.activity} />
      </th>
      <td>
        {who}
        {c?.postcode ? <span className="muted"> · {c.postcode}</span> : null}
        {c?.unacceptableBehaviour ? (
          <span className="tag tag-warning">
            <span aria-hidden="true">⚑ </span>Unacceptable behaviour flag
          </span>
        ) : null}
        {item.restricted ? <span className="tag">Restricted</span> : null}
      </td>
      <td>{humanise(item.channel)}</td>
      <td>{humanise(item.kind)}</td>
      <td>{humanise(item.status)}</td>
      <td>{item.ownerId ? session.officerName(item.ownerId) : <em>Unassigned</em>}</td>
      <td>
        <Due countdown={item} />
        <span className="muted date">{formatTarget(item.effectiveRespondBy)}</span>
      </td>
    </tr>
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
