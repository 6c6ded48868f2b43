/** Who the case is for, and how they want to be contacted. */
import { humanise } from '../../queue.js';
import type { CaseDetail } from '../../types.js';
import { SummaryRow } from './SummaryRow.js';

export function ResidentSection({ kase }: { kase: CaseDetail }) {
  const c = kase.contact;
  const needs = c ? [c.communicationNeeds, c.largePrint ? 'Large print letters' : ''].filter(Boolean).join('; ') : '';
  return (
    <section aria-labelledby="resident-heading" className="panel">
      <h2 id="resident-heading">Resident</h2>
      {c ? (
        <dl className="summary-list">
          <SummaryRow label="Name">{c.name}</SummaryRow>
          <SummaryRow label="Email">{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}</SummaryRow>
          <SummaryRow label="Phone">{c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : null}</SummaryRow>
          <SummaryRow label="Address">{c.address ? <span className="pre">{c.address}</span> : c.postcode}</SummaryRow>
          <SummaryRow label="Tenancy reference">{c.tenancyRef}</SummaryRow>
          <SummaryRow label="Preferred reply channel">
            {c.preferredChannel ? humanise(c.preferredChannel) : null}
          </SummaryRow>
          <SummaryRow label="Communication needs">{needs ? <strong>{needs}</strong> : null}</SummaryRow>
          <SummaryRow label="Channels to avoid">
            {c.channelsToAvoid?.length ? c.channelsToAvoid.map(humanise).join(', ') : null}
          </SummaryRow>
        </dl>
      ) : (
        <p>No contact details are recorded.</p>
      )}
    </section>
  );
}
