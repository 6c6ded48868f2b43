/**
 * Rows of cases, as the queues and the search results show them: a table on a
 * wide screen, a list of cards on a narrow one (styles.css), with the kind the
 * case is worked as, its priority and hazard flags in every row.
 */
import { useId } from 'react';
import { Due } from '../../components/Due.js';
import { ActivityMarkers } from '../../components/Together.js';
import { formatTarget } from '../../format.js';
import { humanise } from '../../queue.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import type { CaseListItem } from '../../types.js';

export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle(ref: string): void;
  toggleAll(): void;
}

export function CaseRows({
  items,
  caption,
  selection,
  current,
}: {
  items: readonly CaseListItem[];
  caption: string;
  selection?: RowSelection;
  /** The row `j`/`k` moved to, if any. */
  current?: number;
}) {
  const captionId = useId();
  const all = selection && items.length > 0 && items.every((i) => selection.selected.has(i.ref));
  return (
    <div className="table-wrap">
      <table className="queue queue-cards" aria-describedby={captionId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <td>
                <input
                  type="checkbox"
                  aria-label="Select every case on this page"
                  checked={Boolean(all)}
                  onChange={selection.toggleAll}
                />
              </td>
            ) : null}
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
          {items.map((item, i) => (
            <CaseRow key={item.ref} item={item} selection={selection} current={i === current} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CaseRow({ item, selection, current }: { item: CaseListItem; selection?: RowSelection; current: boolean }) {
  const session = useSession();
  const c = item.contact;
  const who = c?.name ?? c?.email ?? c?.phone ?? 'Unknown';
  const classes = [item.overdue ? 'row-overdue' : '', current ? 'row-current' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes || undefined} data-ref={item.ref}>
      {selection ? (
        <td className="cell-select">
          <input
            type="checkbox"
            aria-label={`Select ${item.ref}`}
            checked={selection.selected.has(item.ref)}
            onChange={() => selection.toggle(item.ref)}
          />
        </td>
      ) : null}
      <th scope="row">
        <Link href={`/console/cases/${item.ref}`} className="row-link">
          {item.ref}
        </Link>
        <span className="subject">{item.subject}</span>
        <ActivityMarkers activity={item.activity} />
      </th>
      <td data-label="Resident">
        {who}
        {c?.phone && c.phone !== who ? <span className="muted"> · {c.phone}</span> : null}
        {c?.postcode ? <span className="muted"> · {c.postcode}</span> : null}
        {c?.unacceptableBehaviour ? (
          <span className="tag tag-warning">
            <span aria-hidden="true">⚑ </span>Unacceptable behaviour flag
          </span>
        ) : null}
        {item.restricted ? <span className="tag">Restricted</span> : null}
      </td>
      <td data-label="Channel">{humanise(item.channel)}</td>
      <td data-label="Kind">
        {humanise(item.workKind)}
        {item.hazardKind ? (
          <span className="tag tag-warning">
            <span aria-hidden="true">⚠ </span>
            {humanise(item.hazardKind)}
          </span>
        ) : null}
        {item.priority && !item.hazardKind ? (
          <span className={`tag${item.priority === 'emergency' || item.priority === 'urgent' ? ' tag-warning' : ''}`}>
            Priority: {humanise(item.priority)}
          </span>
        ) : null}
      </td>
      <td data-label="Status">{humanise(item.status)}</td>
      <td data-label="Owner">{item.ownerId ? session.officerName(item.ownerId) : <em>Unassigned</em>}</td>
      <td data-label="Due">
        <Due countdown={item} />
        <span className="muted date">{formatTarget(item.effectiveRespondBy)}</span>
      </td>
    </tr>
  );
}
