/** The one search box on every page of the console; `/` anywhere outside a field puts the cursor in it. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isTyping } from '../queue.js';
import { navigate, useLocation } from '../router.js';

export function HeaderSearch() {
  const { path, query } = useLocation();
  const onResults = path === '/console/search';
  const [text, setText] = useState(onResults ? (query.get('q') ?? '') : '');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (q) navigate(`/console/search?q=${encodeURIComponent(q)}`);
    else input.current?.focus();
  };

  return (
    <search className="header-search">
      <form onSubmit={submit} aria-label="Search every case">
        <label htmlFor="header-q">Search cases</label>
        <input
          id="header-q"
          ref={input}
          type="search"
          name="q"
          autoComplete="off"
          aria-keyshortcuts="/"
          placeholder="Reference, name, phone, postcode…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
