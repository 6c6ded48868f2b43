import { useCallback, useEffect, useRef, useState } from 'react';
import { hasNavigated } from './router.js';

/** How often open pages look for changes (someone else answering, a timer firing). */
export const POLL_MS = 5000;

/**
 * Loads now and every `intervalMs` after; keeps the last good data while a
 * refresh fails, and never runs two loads at once.
 */
export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, key: string, intervalMs = POLL_MS) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const busy = useRef(false);
  const controller = useRef<AbortController | null>(null);
  // Bumped when a command hands back fresher data: a poll that started before it must not undo it.
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const ctrl = new AbortController();
    controller.current = ctrl;
    const started = generation.current;
    try {
      const value = await loadRef.current(ctrl.signal);
      if (!ctrl.signal.aborted && started === generation.current) {
        setData(value);
        setError(undefined);
      }
    } catch (err) {
      if (!ctrl.signal.aborted) setError(err as Error);
    } finally {
      busy.current = false;
      if (!ctrl.signal.aborted) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` says when to start again
  useEffect(() => {
    setData(undefined);
    setLoading(true);
    busy.current = false;
    void refresh();
    const timer = window.setInterval(() => {
      if (!document.hidden) void refresh();
    }, intervalMs);
    return () => {
      window.clearInterval(timer);
      controller.current?.abort();
    };
  }, [key, intervalMs, refresh]);

  const replace = useCallback((value: T) => {
    generation.current++;
    setData(value);
  }, []);

  return { data, error, loading, refresh, setData: replace };
}

/**
 * Sets the tab title and, after an in-app page change, moves focus to the
 * page's h1 so screen readers announce the new page (a full load keeps the
 * browser's focus at the top, where the skip link is).
 */
export function usePageTitle(title: string, focusKey?: string) {
  useEffect(() => {
    document.title = `${title} – Housing inbox`;
  }, [title]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus only when the page itself changes
  useEffect(() => {
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1 && hasNavigated() && (document.activeElement === document.body || document.activeElement === null)) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
  }, [focusKey]);
}
