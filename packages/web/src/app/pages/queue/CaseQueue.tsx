/**
 * One queue (mine, my team's, everyone's), 50 cases a page from the server in
 * the order and with the filters chosen; select cases to take or reassign them
 * together; `j`/`k` move through the rows (on to the next or previous page),
 * `Enter` opens the case, `x` selects it, `?` shows the keys.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { usePolling } from '../../hooks.js';
import { applyFilters, isTyping, moveRow, NO_FILTERS, type QueueFilters, queueQuery } from '../../queue.js';
import { isManager, useSession } from '../../session.js';
import { BulkActions } from './BulkActions.js';
import { CaseRows } from './CaseRows.js';
import { KeyHelp } from './KeyHelp.js';
import { QueueFilterForm } from './QueueFilterForm.js';

export function CaseQueue({ queue }: { queue: 'mine' | 'team' | 'all' }) {
  const session = useSession();
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  // The cursors of the pages before this one: Previous goes back, Next pushes.
  const [trail, setTrail] = useState<(string | undefined)[]>([undefined]);
  const cursor = trail[trail.length - 1];
  const { overdueOnly, dueWithin, ...server } = filters;
  const key = `${queue}:${JSON.stringify(server)}:${cursor ?? ''}`;
  const { data, error, loading, refresh } = usePolling(
    (signal) => session.api.get('GET /api/cases', {}, { query: queueQuery(queue, server, cursor), signal }),
    key,
  );
  const shown = useMemo(
    () => (data ? applyFilters(data.items, { overdueOnly, dueWithin }) : []),
    [data, overdueOnly, dueWithin],
  );
  const [current, setCurrentState] = useState<number | undefined>(undefined);
  // Read by the key handler at once: keys pressed faster than React renders each move on from the last.
  const currentRef = useRef<number | undefined>(undefined);
  const setCurrent = useCallback((at: number | undefined) => {
    currentRef.current = at;
    setCurrentState(at);
  }, []);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [help, setHelp] = useState(false);
  const pendingFocus = useRef<'first' | 'last' | undefined>(undefined);

  const changeFilters = (next: QueueFilters) => {
    setFilters(next);
    setCurrent(undefined);
    setTrail([undefined]);
    setSelected(new Set());
  };
  const nextPage = useCallback(() => {
    if (data?.next) setTrail((t) => [...t, data.next as string]);
  }, [data]);
  const previousPage = useCallback(() => setTrail((t) => (t.length > 1 ? t.slice(0, -1) : t)), []);

  // A new page: the current row is its first (or, going back by `k`, its last).
  useEffect(() => {
    if (!data || pendingFocus.current === undefined) return;
    const at = pendingFocus.current === 'first' ? 0 : shown.length - 1;
    pendingFocus.current = undefined;
    setCurrent(at);
  }, [data, shown.length, setCurrent]);

  const focusCurrent = useCallback(() => {
    if (currentRef.current === undefined) return;
    const link = document.querySelectorAll<HTMLAnchorElement>('table.queue tbody .row-link')[currentRef.current];
    link?.focus();
    link?.scrollIntoView({ block: 'nearest' });
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the current row
  useEffect(focusCurrent, [current, focusCurrent]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
        return;
      }
      const at = currentRef.current;
      if (e.key === 'x' && at !== undefined) {
        const ref = shown[at]?.ref;
        if (ref) toggle(ref);
        return;
      }
      if (e.key !== 'j' && e.key !== 'k') return;
      e.preventDefault();
      // While the next page loads, further presses wait for it.
      if (pendingFocus.current !== undefined) return;
      const to = moveRow(at ?? -1, e.key, shown.length, { next: Boolean(data?.next), previous: trail.length > 1 });
      if (to === 'next-page') {
        pendingFocus.current = 'first';
        nextPage();
      } else if (to === 'previous-page') {
        pendingFocus.current = 'last';
        previousPage();
      } else setCurrent(to);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const toggle = (ref: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(ref)) next.delete(ref);
      else next.add(ref);
      return next;
    });
  const toggleAll = () =>
    setSelected((s) => (shown.every((i) => s.has(i.ref)) ? new Set() : new Set(shown.map((i) => i.ref))));
  const pageNo = trail.length;
  const narrowed = overdueOnly || dueWithin.trim() !== '';

  return (
    <>
      <QueueFilterForm filters={filters} onChange={changeFilters} />
      <p className="hint">
        Keys: <kbd>j</kbd> and <kbd>k</kbd> move through the cases, <kbd>Enter</kbd> opens one, <kbd>?</kbd> shows every
        key.
      </p>
      {error ? (
        <p className="error-message" role="alert">
          Could not load the queue: {error.message}{' '}
          <button type="button" className="link-button" onClick={() => void refresh()}>
            Try again
          </button>
        </p>
      ) : null}
      <p role="status" className="count">
        {loading && !data
          ? 'Loading cases…'
          : `Page ${pageNo}: ${shown.length} ${shown.length === 1 ? 'case' : 'cases'}${narrowed ? ` match (of ${data?.items.length ?? 0} on this page)` : ''}`}
      </p>
      {selected.size > 0 ? (
        <BulkActions
          refs={[...selected]}
          canReassign={isManager(session)}
          onDone={() => {
            setSelected(new Set());
            void refresh();
          }}
        />
      ) : null}
      {data && shown.length > 0 ? (
        <CaseRows
          items={shown}
          caption="Select a reference to open the case, or tick cases to act on them together."
          selection={{ selected, toggle, toggleAll }}
          current={current}
        />
      ) : null}
      {data && shown.length === 0 ? (
        <p className="empty">
          {narrowed || JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)
            ? 'No case matches these filters. Clear them to see the whole queue.'
            : 'Nothing here. New contacts for you appear on their own.'}
        </p>
      ) : null}
      <nav className="pager" aria-label="Pages of this queue">
        <button type="button" onClick={previousPage} disabled={pageNo === 1}>
          Previous page
        </button>
        <span>Page {pageNo}</span>
        <button type="button" onClick={nextPage} disabled={!data?.next}>
          Next page
        </button>
      </nav>
      {help ? (
        <KeyHelp
          onClose={() => {
            setHelp(false);
            // Back to the row the keys were on, so Enter opens it.
            window.setTimeout(focusCurrent, 0);
          }}
        />
      ) : null}
    </>
  );
}
