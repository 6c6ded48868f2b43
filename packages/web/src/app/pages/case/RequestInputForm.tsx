/** The owner's form to ask a department for input, due by the response target at the latest. */
import { CommandForm, type FieldSpec } from '../../components/Form.js';
import { formatTarget, localDateOf } from '../../format.js';
import { myId, useSession } from '../../session.js';
import { type CaseSectionProps, caseCommand } from './shared.js';

export function RequestInputForm({ kase, onChange }: CaseSectionProps) {
  const session = useSession();
  // The response target in force: an agreed date or extension, else the policy's.
  const respondBy = kase.effectiveRespondBy;
  const fields: FieldSpec<'department' | 'question' | 'dueBy'>[] = [
    {
      name: 'department',
      label: 'Department',
      kind: 'select',
      required: true,
      options: [
        { value: '', label: 'Choose a department' },
        ...session.departments.items.map((d) => ({ value: d.id, label: d.name })),
      ],
    },
    {
      name: 'question',
      label: 'Question',
      kind: 'textarea',
      required: true,
      hint: 'What do you need from them for the reply?',
    },
    {
      name: 'dueBy',
      label: 'Answer needed by',
      kind: 'date',
      required: true,
      hint: `A working day, on or before the response target (${formatTarget(respondBy)}).`,
      initial: localDateOf(respondBy),
    },
  ];
  return (
    <details
      className="request-input"
      open={kase.requests.length === 0 && kase.ownerId === myId(session) ? true : undefined}
    >
      <summary>Request input from a department</summary>
      <CommandForm
        id="request-input"
        title="Request input from a department"
        {...caseCommand(kase, 'requests')}
        fields={fields}
        submitLabel="Send request"
        doneMessage="Request sent to the department."
        onDone={onChange}
      />
    </details>
  );
}
