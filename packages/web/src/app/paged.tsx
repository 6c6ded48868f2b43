/**
 * A list the API gives a page at a time behind a cursor (`{ items, next }`), newest
 * first: the first page loads when the page opens (and again when `fetchPage`
 * changes, say with a filter), **Show more** appends the next one, and a failed
 * load is said in words with a way to try again.
 */
import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import { loadProblem } from './errors.js';

export interface CursorPages<T> {
  items: T[];
  setItems: Dispatch<SetStateAction<T[]>>;
  next: string | null;
  loading: boolean;
  /** What went wrong, in the officer's words; undefined when the last load worked. */
  error: string | undefined;
  /** The first page (no cursor) or the page after `cursor`, appended. */
  load: (cursor?: string) => Promise<void>;
}

/**
 * `fetchPage` should be stable (`useCallback`); `what` names the list in errors
 * ("the audit trail"); nothing loads while `enabled` is false.
 */
export function useCursorPages<T>(
  fetchPage: (cursor?: string) => Promise<{ items: T[]; next: string | null }>,
  what: string,
  enabled = true,
): CursorPages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchPage(cursor);
        setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
        setNext(page.next);
      } catch (err) {
        setError(loadProblem(err as Error, what));
      } finally {
        setLoading(false);
      }
    },
    [fetchPage, what],
  );

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);

  return { items, setItems, next, loading, error, load };
}

/** The failed load, with **Try again** (it reloads the first page). */
export function LoadProblem({ pages }: { pages: Pick<CursorPages<unknown>, 'error' | 'load'> }) {
  if (!pages.error) return null;
  return (
    <div className="problem" role="alert">
      <p>{pages.error}</p>
      <button type="button" onClick={() => void pages.load()}>
        Try again
      </button>
    </div>
  );
}

/** **Show more** while there is a next page. */
export function ShowMore({ pages }: { pages: Pick<CursorPages<unknown>, 'next' | 'loading' | 'load'> }) {
  const { next, loading, load } = pages;
  if (!next) return null;
  return (
    <button type="button" onClick={() => void load(next)} disabled={loading}>
      {loading ? 'Loading…' : 'Show more'}
    </button>
  );
}
