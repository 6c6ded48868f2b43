/**
 * The resident's preferences, communication needs and address as a form that
 * sends only what changed (the contact command does not change a phone number
 * or an email address).
 */
import { REPLY_CHANNEL_OPTIONS } from '../../fields.js';
import type { Contact } from '../../types.js';
import { ActionPanel } from './ActionPanel.js';
import { type CaseSectionProps, caseCommand } from './shared.js';

export function ContactPanel({ kase, contact: c, onChange }: CaseSectionProps & { contact: Contact }) {
  const contactInitial = {
    preferredChannel: c.preferredChannel ?? '',
    communicationNeeds: c.communicationNeeds ?? '',
    largePrint: Boolean(c.largePrint),
    channelsToAvoid: c.channelsToAvoid ?? [],
    address: c.address ?? '',
  };
  return (
    // Keyed on the details so the form starts again from them when they change elsewhere.
    <ActionPanel
      key={`contact-${JSON.stringify(contactInitial)}`}
      summary="Contact details and preferences"
      id="contact"
      title="Contact details and preferences"
      {...caseCommand(kase, 'contact')}
      onDone={onChange}
      fields={[
        {
          name: 'preferredChannel',
          label: 'Preferred reply channel',
          kind: 'select',
          initial: contactInitial.preferredChannel,
          options: [{ value: '', label: 'No preference' }, ...REPLY_CHANNEL_OPTIONS],
        },
        {
          name: 'communicationNeeds',
          label: 'Communication needs',
          initial: contactInitial.communicationNeeds,
          hint: 'For example an interpreter, British Sign Language, a time to call.',
        },
        {
          name: 'largePrint',
          label: 'Send letters in large print',
          kind: 'checkbox',
          initial: contactInitial.largePrint,
        },
        {
          name: 'channelsToAvoid',
          label: 'Channels to avoid',
          kind: 'checkboxes',
          initial: contactInitial.channelsToAvoid,
          options: REPLY_CHANNEL_OPTIONS,
        },
        { name: 'address', label: 'Address', kind: 'textarea', initial: contactInitial.address },
      ]}
      transform={(body) => {
        const changed: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(contactInitial)) {
          const now = body[k] ?? (typeof v === 'boolean' ? false : Array.isArray(v) ? [] : '');
          if (JSON.stringify(now) !== JSON.stringify(v)) changed[k] = now;
        }
        return changed;
      }}
      submitLabel="Save contact details"
      doneMessage="Contact details saved."
    />
  );
}
