/** The top of the case page: the reference and subject, warnings, the behaviour flag and the summary. */
import { Due } from '../../components/Due.js';
import { formatInstant, formatTarget } from '../../format.js';
import { humanise } from '../../queue.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import type { CaseDetail } from '../../types.js';
import { HAZARD_NAMES, hazardOf } from './clocks.js';
import { SummaryRow } from './SummaryRow.js';
import { useCaseAccess } from './shared.js';

/** How a linked case relates to this one, in the officer's words. */
const LINK_WORDS: Record<CaseDetail['linked'][number]['relation'], string> = {
  mentions: 'quoted here',
  'mentioned-by': 'quotes this case',
  'same-message': 'from the same message: its own clock',
  related: 'related',
  'same-resident': 'the same resident’s other open case',
  'merged-from': 'merged into this case',
  'merged-into': 'this case was merged there',
  'duplicate-of': 'this case duplicates it',
  'duplicated-by': 'closed as a duplicate of this case',
};

export function CaseHeader({ kase, stale }: { kase: CaseDetail; stale: boolean }) {
  const session = useSession();
  const { owner } = useCaseAccess(kase);
  const flag = kase.contact?.unacceptableBehaviour;
  const hazard = hazardOf(kase);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/console/">Queues</Link> <span aria-hidden="true">›</span> Case
      </p>
      <h1>
        <span className="ref">{kase.ref}</span> <span className="case-subject">{kase.subject}</span>
      </h1>
      {stale ? (
        <p className="warning" role="status">
          Could not refresh: this page may be out of date.
        </p>
      ) : null}
      {flag ? (
        <section className="flag-banner" aria-labelledby="flag-heading">
          <h2 id="flag-heading">
            <span aria-hidden="true">⚑ </span>Unacceptable behaviour flag
          </h2>
          <p>{flag.reason}</p>
          <p className="muted">
            Set by {session.officerName(flag.setBy)} on {formatInstant(flag.setAt)}. Follow the unacceptable behaviour
            policy on every contact with this person.
          </p>
        </section>
      ) : null}
      {hazard?.status === 'suspected' ? (
        <p className="notice">
          <strong>Likely hazard ({HAZARD_NAMES[hazard.kind].toLowerCase()}):</strong> confirm it or rule it out under
          Actions. Its clock runs from when we received it.
        </p>
      ) : null}
      {kase.restricted ? (
        <p className="notice">
          <strong>Restricted case:</strong> only the owner and managers can see it.
        </p>
      ) : null}

      <dl className="summary-list case-summary">
        <SummaryRow label="Status">{humanise(kase.status)}</SummaryRow>
        <SummaryRow label="Response due">
          <Due countdown={kase} /> <span className="muted">({formatTarget(kase.effectiveRespondBy)})</span>
        </SummaryRow>
        <SummaryRow label="Owner">
          {kase.ownerId ? session.officerName(kase.ownerId) : <em>Unassigned</em>}
          {owner ? ' (you)' : ''}
        </SummaryRow>
        <SummaryRow label="Department">{kase.teamId ? session.departmentName(kase.teamId) : '—'}</SummaryRow>
        <SummaryRow label="Kind">
          {humanise(kase.kind)} · {humanise(kase.classification.category)}
          {kase.classification.priority ? ` (${kase.classification.priority})` : ''}
        </SummaryRow>
        <SummaryRow label="First contact">
          {humanise(kase.channel)}, {formatInstant(kase.receivedAt)}
        </SummaryRow>
        {kase.linked.length > 0 ? (
          <SummaryRow label="Linked cases">
            {kase.linked.map((l, i) => (
              <span key={`${l.ref}-${l.at}`}>
                {i > 0 ? ', ' : ''}
                <Link href={`/console/cases/${l.ref}`}>{l.ref}</Link>{' '}
                <span className="muted">({LINK_WORDS[l.relation]})</span>
              </span>
            ))}
          </SummaryRow>
        ) : null}
      </dl>
    </>
  );
}
