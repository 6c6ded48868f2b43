/**
 * The audit trail (GET /api/audit, managers): who looked at which restricted
 * case, and who exported, erased, held or disclosed a resident's data, and
 * when. Newest first, a page at a time; one kind of act at a time if asked
 * (Disclosures is the report of what went to outside bodies). Nobody can edit it.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import { formatInstant } from '../format.js';
import { usePageTitle } from '../hooks.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';
import { isManager, useSession } from '../session.js';
import type { AuditEntry } from '../types.js';

const PAGE = 50;
const KINDS = [
  { value: '', label: 'Everything' },
  { value: 'view', label: 'Looks at restricted cases' },
  { value: 'export', label: 'Subject access exports' },
  { value: 'erasure', label: 'Erasures' },
  { value: 'retention', label: 'Retention runs' },
  { value: 'legal-hold', label: 'Legal holds' },
  { value: 'disclosure', label: 'Disclosures' },
] as const;
type Kind = (typeof KINDS)[number]['value'];

export function AuditPage() {
  usePageTitle('Audit trail');
  const session = useSession();
  const manager = isManager(session);
  const [kind, setKind] = useState<Kind>('');
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const query = { limit: PAGE, next: cursor, ...(kind ? { type: kind } : {}) };
        const page = await session.api.get('GET /api/audit', {}, { query });
        setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
        setNext(page.next);
      } catch (err) {
        setError(
          err instanceof ApiError && err.status === 403
            ? 'Only managers can read the audit trail.'
            : (err as Error).message,
        );
      } finally {
        setLoading(false);
      }
    },
    [session.api, kind],
  );

  useEffect(() => {
    if (manager) void load();
  }, [manager, load]);

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
      {next ? (
        <button type="button" onClick={() => void load(next)} disabled={loading}>
          {loading ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </>
  );
}
