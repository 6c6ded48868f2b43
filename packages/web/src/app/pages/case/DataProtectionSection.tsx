/**
 * Data protection on the case page: a legal hold (nothing erased or aged out
 * while it stands), the disclosures made to outside bodies, and for managers
 * the subject access export of the contact (a zip), the legal hold command
 * and the disclosure record — which the API allows only to the officers the
 * policy names (Blairtummock 4.3: the Housing Services Manager or the
 * Director), answering anyone else with who may.
 */
import { useState } from 'react';
import { saveObjectUrl } from '../../components/Attachments.js';
import { formatInstant } from '../../format.js';
import { useSession } from '../../session.js';
import { ActionPanel } from './ActionPanel.js';
import { type CaseSectionProps, caseCommand, useCaseAccess } from './shared.js';

export function DataProtectionSection({ kase, onChange }: CaseSectionProps) {
  const { manager } = useCaseAccess(kase);
  const hold = kase.legalHold;
  return (
    <section aria-labelledby="data-protection-heading" className="panel">
      <h2 id="data-protection-heading">Data protection</h2>
      {hold ? (
        <p>
          <strong>Legal hold</strong> since <time dateTime={hold.at}>{formatInstant(hold.at)}</time>: {hold.reason}.
          Nothing on this case is erased while it stands.
        </p>
      ) : null}
      {kase.erased ? (
        <p>
          Personal data erased <time dateTime={kase.erased.at}>{formatInstant(kase.erased.at)}</time>:{' '}
          {kase.erased.reason}
        </p>
      ) : null}
      <h3>Disclosures</h3>
      {kase.disclosures.length ? (
        <ul>
          {kase.disclosures.map((d) => (
            <li key={d.id}>
              <time dateTime={d.at}>{formatInstant(d.at)}</time>: to <strong>{d.to}</strong>, {d.what}. Why: {d.why}.
              Lawful basis: {d.lawfulBasis}.
            </li>
          ))}
        </ul>
      ) : (
        <p>No information from this case has been passed to an outside body.</p>
      )}
      {manager ? (
        <div className="actions-list">
          {kase.contact ? <ExportButton contactId={kase.contact.id} /> : null}
          <ActionPanel
            id="legal-hold"
            summary={hold ? 'Lift the legal hold' : 'Place a legal hold'}
            title={hold ? 'Lift the legal hold' : 'Place a legal hold'}
            description={
              <p>While a legal hold stands, neither an erasure nor the retention period touches the case.</p>
            }
            {...caseCommand(kase, 'legal-hold')}
            fields={[{ name: 'reason', label: 'Reason', kind: 'textarea', required: true }]}
            transform={(body) => ({ ...body, hold: !hold })}
            submitLabel={hold ? 'Lift hold' : 'Place hold'}
            doneMessage={hold ? 'Legal hold lifted.' : 'Legal hold placed.'}
            onDone={onChange}
          />
          <ActionPanel
            id="disclosure"
            summary="Record a disclosure"
            title="Record a disclosure to an outside body"
            description={<p>Only the people the landlord’s policy names may decide to pass information on.</p>}
            {...caseCommand(kase, 'disclosure')}
            fields={[
              { name: 'to', label: 'Passed to', required: true, hint: 'The body, e.g. the police or the council' },
              { name: 'what', label: 'What was passed on', kind: 'textarea', required: true },
              { name: 'why', label: 'Why', kind: 'textarea', required: true },
              {
                name: 'lawfulBasis',
                label: 'Lawful basis',
                required: true,
                hint: 'e.g. UK GDPR Art. 6(1)(c); DPA 2018 Sch. 2 para 2',
              },
            ]}
            submitLabel="Record disclosure"
            doneMessage="Disclosure recorded."
            onDone={onChange}
          />
        </div>
      ) : null}
    </section>
  );
}

/** The contact's subject access export: fetched with the token, saved as a zip. Recorded on the audit trail. */
function ExportButton({ contactId }: { contactId: string }) {
  const { api } = useSession();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <p>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setStatus('Preparing the export…');
          try {
            const zip = await api.blob('GET /api/contacts/{id}/export', { id: contactId });
            saveObjectUrl(URL.createObjectURL(zip), `subject-access-${contactId}.zip`);
            setStatus('Export saved. It is recorded on the audit trail.');
          } catch (err) {
            setStatus(`Could not export: ${(err as Error).message}`);
          } finally {
            setBusy(false);
          }
        }}
      >
        Export everything held about this resident
      </button>{' '}
      <span role="status">{status}</span>
    </p>
  );
}
