/** The top of the case page: the reference and subject, warnings, the behaviour flag and the summary. */
import { Due } from '../../components/Due.js';
import { relationWords } from '../../components/Together.js';
import { formatInstant, formatTarget } from '../../format.js';
import { humanise } from '../../queue.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import type { CaseDetail } from '../../types.js';
import { HAZARD_NAMES, hazardOf } from './clocks.js';
import { SummaryRow } from './SummaryRow.js';
import { useCaseAccess } from './shared.js';

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
      {kase.mergedInto ? (
        <p className="notice">
          <strong>Merged:</strong> this case was merged into{' '}
          <Link href={`/console/cases/${kase.mergedInto}`}>{kase.mergedInto}</Link>; its reference leads there.
        </p>
      ) : null}
      {kase.merging ? (
        <p className="warning" role="status">
          Still taking in {kase.merging.from}: merge it again under Actions to finish.
        </p>
      ) : null}
      {kase.status !== 'closed'
        ? kase.linked
            .filter((l) => l.relation === 'same-resident')
            .map((l) => (
              <p className="notice" key={`same-${l.ref}`}>
                <strong>Possible duplicate:</strong> the same resident also has{' '}
                <Link href={`/console/cases/${l.ref}`}>{l.ref}</Link>. Merge or link it under Actions if it is the same
                matter.
              </p>
            ))
        : null}
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
        <SummaryRow label="Resident">
          {kase.contact ? (
            <Link href={`/console/contacts/${kase.contact.id}`}>
              {kase.contact.name ?? kase.contact.email ?? kase.contact.phone ?? 'The resident'}: every case and message
            </Link>
          ) : (
            <em>No contact recorded</em>
          )}
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
                <span className="muted">({relationWords(l.relation)})</span>
              </span>
            ))}
          </SummaryRow>
        ) : null}
      </dl>
    </>
  );
}
