/** What happened on the case, oldest first, and who did it: officers by name, dates in words. */
import { useMemo } from 'react';
import { instantInWords, inWords } from '../../errors.js';
import { humanise } from '../../queue.js';
import { useSession } from '../../session.js';
import type { CaseDetail } from '../../types.js';

export function TimelineSection({ kase }: { kase: CaseDetail }) {
  const session = useSession();
  const entries = useMemo(() => [...kase.timeline].sort((a, b) => a.at.localeCompare(b.at)), [kase.timeline]);
  const actor = (id: string) => (id === 'system' ? 'System' : id === 'resident' ? 'Resident' : session.officerName(id));
  return (
    <section aria-labelledby="timeline-heading" className="panel">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{instantInWords(e.at)}</time> <span className="tag">{humanise(e.type)}</span>{' '}
            <span className="actor">{actor(e.actor)}:</span> {inWords(e.summary)}
          </li>
        ))}
      </ol>
    </section>
  );
}
