/** POST /api/contacts/log: a phone message, voicemail or visit from someone, as a new case (or onto their open case). */
import { useState } from 'react';
import type { AnswerOf } from '../api.js';
import { CommandForm } from '../components/Form.js';
import { bodyTypes, LOGGED_KIND_FIELD, REPLY_CHANNEL_OPTIONS, whenField } from '../fields.js';
import { usePageTitle } from '../hooks.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';

export function LogContactPage() {
  usePageTitle('Log a contact');
  const [logged, setLogged] = useState<AnswerOf<'POST /api/contacts/log'>>();
  return (
    <div className="narrow">
      <h1>Log a contact</h1>
      <p>A phone message, voicemail or visit. It opens a case, or joins the person’s open case.</p>
      {logged ? (
        <div className="panel success" role="status">
          <p>
            Logged on case <Link href={`/console/cases/${logged.ref}`}>{logged.ref}</Link> ({humanise(logged.outcome)}).
          </p>
        </div>
      ) : null}
      <CommandForm
        id="log-contact"
        level={2}
        title="Who got in touch, and what they said"
        route="POST /api/contacts/log"
        params={{}}
        transform={bodyTypes({ instants: ['calledAt'] })}
        submitLabel="Log contact"
        doneMessage="Contact logged."
        onDone={setLogged}
        fields={[
          LOGGED_KIND_FIELD,
          { name: 'summary', label: 'What they said', kind: 'textarea', required: true },
          {
            ...whenField(
              'calledAt',
              'When the call came in',
              'For a voicemail, when it was left: its clock starts then, not when you log it.',
            ),
            when: (v) => v.kind !== 'visit',
          },
          { name: 'name', label: 'Name', autoComplete: 'off' },
          { name: 'phone', label: 'Phone', kind: 'tel', hint: 'A phone number or an email, so we can reply.' },
          { name: 'email', label: 'Email', kind: 'email' },
          { name: 'address', label: 'Address', kind: 'textarea' },
          {
            name: 'preferredChannel',
            label: 'How they want to hear back',
            kind: 'select',
            options: [{ value: '', label: 'No preference' }, ...REPLY_CHANNEL_OPTIONS],
          },
          { name: 'communicationNeeds', label: 'Communication needs' },
        ]}
      />
    </div>
  );
}
