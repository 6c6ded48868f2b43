/**
 * Timeline entries as items. An entry is one item (`keys.timeline`), append-only; the entries
 * one ingest write makes at one instant (a new case's "opened", "message received",
 * "classified", "assigned" …) are one item instead (issue 16: 3 items and ~6 write units fewer a
 * new case), keyed as its first entry would be, holding them in order as `entries` (each
 * without the `caseRef` and `at` the item holds once). Readers expand it (`timelineEntriesOf`):
 * the case's timeline reads exactly as it did, entries from before stay one item each.
 */
import type { TimelineEntry } from '@housing-inbox/core';
import { keys } from './keys.js';
import { type Item, notExists, type Role, strip, type Table, type TransactItem } from './table.js';

/** An entry as a grouped item keeps it: what the item holds once left out. */
type GroupedEntry = Omit<TimelineEntry, 'caseRef' | 'at'>;

/**
 * The puts of `timeline` (append-only: each conditional on no item there). `grouped`: runs of
 * entries of one case at one instant become one item each; otherwise one item an entry.
 */
export function timelineItems(table: Table, timeline: TimelineEntry[], grouped = false): [Role, TransactItem][] {
  const runs: { seq: number; entries: TimelineEntry[] }[] = [];
  timeline.forEach((entry, seq) => {
    const last = runs.at(-1);
    const first = last?.entries[0];
    if (grouped && last && first && first.caseRef === entry.caseRef && first.at === entry.at) last.entries.push(entry);
    else runs.push({ seq, entries: [entry] });
  });
  return runs.map(({ seq, entries }) => {
    const [first] = entries as [TimelineEntry];
    const key = keys.timeline(first.caseRef, first.at, seq, first.id);
    const item =
      entries.length === 1
        ? { ...key, entity: 'timeline', ...first }
        : { ...key, entity: 'timeline', caseRef: first.caseRef, at: first.at, entries: entries.map(inGroup) };
    return ['other', table.put(item, notExists)];
  });
}

function inGroup({ caseRef: _ref, at: _at, ...rest }: TimelineEntry): GroupedEntry {
  return rest;
}

/** The entries a timeline item holds, in order: one, or a group's. */
export function timelineEntriesOf(item: Item): TimelineEntry[] {
  const stored = strip<TimelineEntry & { entries?: GroupedEntry[] }>(item);
  if (!Array.isArray(stored.entries)) return [stored];
  return stored.entries.map((entry) => ({ ...entry, caseRef: stored.caseRef, at: stored.at }));
}

/** A timeline item with each of its entries replaced by `change(entry)`, under the same key. */
export function rewrittenTimelineItem(item: Item, change: (entry: TimelineEntry) => TimelineEntry): Item {
  const entries = timelineEntriesOf(item).map(change);
  const kept = strip<Item>(item);
  const place = Object.fromEntries(Object.entries(item).filter(([k]) => !(k in kept)));
  if (!Array.isArray(item.entries)) return { ...place, ...entries[0] };
  const first = entries[0] as TimelineEntry;
  return { ...place, entity: 'timeline', caseRef: first.caseRef, at: first.at, entries: entries.map(inGroup) };
}
