/**
 * The audit trail (GET /api/audit, managers): who looked at which restricted
 * case, and who exported, erased, held or disclosed a resident's data, and
 * when. Newest first, a page at a time; one kind of act at a time if asked
 * (Disclosures is the report of what went to outside bodies). Nobody can edit it.
 */
import { useCallback, useState } from 'react';
import { formatInstant } from '../format.js';
import { usePageTitle } from '../hooks.js';
import { LoadProblem, ShowMore, useCursorPages } from '../paged.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';
import { isManager, useSession } from '../session.js';

const PAGE = 50;
const KINDS = [
  { value: '', label: 'Everything' },
  { value: 'view', label: 'Looks at restricted cases' },
  { value: 'export', label: 'Subject access exports' },
  { value: 'erasure', label: 'Erasures' },
  { value: 'retention', label: 'Retention runs' },
  { value: 'legal-hold', label: 'Legal holds' },
  { value: 'disclosure', label: 'Disclosures' },
  { value: 'quarantine', label: 'Quarantine releases' },
] as const;
type Kind = (typeof KINDS)[number]['value'];

export function AuditPage() {
  usePageTitle('Audit trail');
  const session = useSession();
  const manager = isManager(session);
  const [kind, setKind] = useState<Kind>('');
  const fetchPage = useCallback(
    (cursor?: string) =>
      session.api.get('GET /api/audit', {}, { query: { limit: PAGE, next: cursor, ...(kind ? { type: kind } : {}) } }),
    [session.api, kind],
  );
  const pages = useCursorPages(fetchPage, 'the audit trail', manager);
  const { items, loading, next } = pages;

  if (!manager) {
    return (
      <div className="problem" role="alert">
        <h1>Audit trail</h1>
        <p>Only managers can read the audit trail.</p>
      </div>
    );
  }

  return (
    <>
      <h1>Audit trail</h1>
      <p>
        Every look at a restricted case, and every subject access export, erasure, retention run, legal hold and
        disclosure: who, when and what. Entries are only ever added.
      </p>
      <p>
        <label htmlFor="audit-kind">Show </label>
        <select id="audit-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
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
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Case or contact</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <time dateTime={item.at}>{formatInstant(item.at)}</time>
                  </td>
                  <td>{item.officerId === 'retention' ? 'Retention schedule' : session.officerName(item.officerId)}</td>
                  <td>{humanise(item.action)}</td>
                  <td>
                    {item.caseRef ? <Link href={`/console/cases/${item.caseRef}`}>{item.caseRef}</Link> : null}
                    {item.contactId ? <div className="muted">Contact {item.contactId}</div> : null}
                  </td>
                  <td>
                    {Object.entries(item.detail ?? {}).map(([key, value]) => (
                      <div key={key}>
                        <span className="muted">{humanise(key)}:</span>{' '}
                        {Array.isArray(value) ? value.join(', ') || '—' : String(value)}
                      </div>
                    ))}
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
