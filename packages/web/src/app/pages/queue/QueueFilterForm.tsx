/**
 * The queue's order and filters. The store applies them as it reads, so every
 * page is right; "overdue only" and "due within" narrow the page shown. On a
 * narrow screen the form folds away behind "Filters and order".
 */
import { useEffect, useState } from 'react';
import { humanise, NO_FILTERS, type QueueFilters, SORT_LABELS } from '../../queue.js';
import { useSession } from '../../session.js';
import { CASE_KINDS, CASE_STATUSES, CHANNELS, REPAIR_PRIORITIES } from '../../types.js';

const HAZARDS = ['any', 'hazard-emergency', 'hazard-damp-mould'] as const;

function useWide(): boolean {
  const query = '(min-width: 40rem)';
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setWide(list.matches);
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, []);
  return wide;
}

export function QueueFilterForm({ filters, onChange }: { filters: QueueFilters; onChange(next: QueueFilters): void }) {
  const session = useSession();
  const wide = useWide();
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => onChange({ ...filters, [key]: value });
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const select = (key: keyof QueueFilters, label: string, any: string, values: readonly string[], name = humanise) => (
    <div className="field">
      <label htmlFor={`f-${key}`}>{label}</label>
      <select id={`f-${key}`} value={String(filters[key])} onChange={(e) => set(key, e.target.value as never)}>
        {any ? <option value="">{any}</option> : null}
        {values.map((v) => (
          <option key={v} value={v}>
            {name(v)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <details className="filters-panel" open={wide || undefined} key={String(wide)}>
      <summary>Filters and order{filtered ? ' (some applied)' : ''}</summary>
      <form className="filters" aria-label="Queue filters" onSubmit={(e) => e.preventDefault()}>
        {select('sort', 'Order', '', Object.keys(SORT_LABELS), (s) => SORT_LABELS[s as keyof typeof SORT_LABELS])}
        {select('kind', 'Kind', 'Any kind', CASE_KINDS)}
        {select('priority', 'Repair priority', 'Any priority', REPAIR_PRIORITIES)}
        {select('hazard', 'Hazard', 'Any, or none', HAZARDS, (h) => (h === 'any' ? 'Any hazard' : humanise(h)))}
        {select('channel', 'Channel', 'Any channel', CHANNELS)}
        {select('status', 'Status', 'Any open status', CASE_STATUSES)}
        {select(
          'team',
          'Team',
          'This queue’s team',
          session.departments.items.map((d) => d.id),
          (id) => session.departmentName(id),
        )}
        {select(
          'owner',
          'Owner',
          'Any owner',
          session.officers.filter((o) => o.active).map((o) => o.id),
          (id) => session.officerName(id),
        )}
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
          <button type="button" className="link-button" onClick={() => onChange(NO_FILTERS)}>
            Clear filters
          </button>
        ) : null}
      </form>
    </details>
  );
}
