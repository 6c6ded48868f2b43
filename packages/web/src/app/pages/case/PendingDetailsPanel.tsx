/**
 * Contact details a web form, a text or an email gave that differ from the
 * contact's record: they wait on the case (`pendingDetails`) until an officer
 * confirms them (all, or the ones ticked) or discards them. Until then replies
 * go where the resident last asked.
 */
import type { CaseDetail } from '../../types.js';
import { ActionPanel } from './ActionPanel.js';
import { type CaseSectionProps, caseCommand } from './shared.js';

const LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email address',
  phone: 'Phone number',
  address: 'Address',
  tenancyRef: 'Tenancy reference',
  preferredChannel: 'Preferred reply channel',
  communicationNeeds: 'Communication needs',
};

export function PendingDetailsPanel({
  kase,
  pending,
  onChange,
}: CaseSectionProps & { pending: NonNullable<CaseDetail['pendingDetails']> }) {
  const entries = Object.entries(pending.details).filter(([, v]) => v !== undefined);
  const options = entries.map(([field, value]) => ({
    value: field,
    label: `${LABELS[field] ?? field}: ${value}${pending.conflicts?.[field as keyof typeof pending.conflicts] ? ` (${pending.conflicts[field as keyof typeof pending.conflicts]})` : ''}`,
  }));
  return (
    <ActionPanel
      key={`pending-${JSON.stringify(pending.details)}`}
      summary="New contact details to confirm"
      id="confirm-details"
      title="New contact details to confirm"
      description={
        <p>
          Given by {pending.channel === 'web-form' ? 'the web form' : `a message (${pending.channel})`}. Anyone can type
          a resident’s email or number, so nothing changes on the contact until you confirm it.
        </p>
      }
      {...caseCommand(kase, 'confirm-details')}
      onDone={onChange}
      fields={[
        {
          name: 'fields',
          label: 'Take these details',
          kind: 'checkboxes',
          initial: options.filter((o) => !o.label.endsWith(')')).map((o) => o.value),
          options,
        },
        { name: 'discard', label: 'Discard them all instead', kind: 'checkbox', initial: false },
      ]}
      transform={(body) => (body.discard ? { discard: true } : { fields: body.fields })}
      submitLabel="Confirm"
      doneMessage="Contact details confirmed."
    />
  );
}
