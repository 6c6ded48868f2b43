/** Search results: every case the officer may see that matches, best match then newest, in the queue's row shape. */
import { useState } from 'react';
import { usePageTitle, usePolling } from '../hooks.js';
import { useLocation } from '../router.js';
import { useSession } from '../session.js';
import type { CaseListItem } from '../types.js';
import { CaseRows } from './queue/CaseRows.js';

export function SearchPage() {
  const session = useSession();
  const q = useLocation().query.get('q')?.trim() ?? '';
  usePageTitle(q ? `Search: ${q}` : 'Search', q);
  const [more, setMore] = useState<{ q: string; items: CaseListItem[]; next: string | null }>();
  const { data, error, loading, refresh } = usePolling(
    (signal) =>
      q ? session.api.get('GET /api/search', {}, { query: { q }, signal }) : Promise.resolve({ items: [], next: null }),
    `search:${q}`,
    60_000,
  );
  const extra = more?.q === q ? more : undefined;
  const items = [...(data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (data?.next ?? null);
  const [moreError, setMoreError] = useState<string>();

  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await session.api.get('GET /api/search', {}, { query: { q, next } });
      setMore({ q, items: [...(extra?.items ?? []), ...page.items], next: page.next });
      setMoreError(undefined);
    } catch (err) {
      setMoreError((err as Error).message);
    }
  };

  return (
    <>
      <h1>{q ? `Cases matching “${q}”` : 'Search'}</h1>
      {!q ? (
        <p>
          Type a reference, name, email address, phone number, postcode, address, tenancy reference or words of the
          subject in the search box at the top of the page (press <kbd>/</kbd> to go there).
        </p>
      ) : null}
      {error ? (
        <p className="error-message" role="alert">
          Could not search: {error.message}{' '}
          <button type="button" className="link-button" onClick={() => void refresh()}>
            Try again
          </button>
        </p>
      ) : null}
      {q ? (
        <p role="status" className="count">
          {loading && !data
            ? 'Searching…'
            : `${items.length} ${items.length === 1 ? 'case' : 'cases'} found${next ? ' so far' : ''}`}
        </p>
      ) : null}
      {items.length > 0 ? <CaseRows items={items} caption="Best match first, then the newest." /> : null}
      {q && data && items.length === 0 ? (
        <p className="empty">
          No case you can see matches. Check the spelling, try the phone number or postcode, or fewer words.
        </p>
      ) : null}
      {next ? (
        <button type="button" onClick={() => void loadMore()}>
          Show more results
        </button>
      ) : null}
      {moreError ? (
        <p className="error-message" role="alert">
          Could not load more: {moreError}
        </p>
      ) : null}
    </>
  );
}
