/** The owner's form to ask a department for input, due by the response target at the latest. */
import { CommandForm, type FieldSpec } from '../../components/Form.js';
import { formatTarget, localDateOf } from '../../format.js';
import { myId, useSession } from '../../session.js';
import { type CaseSectionProps, caseCommand } from './shared.js';

export function RequestInputForm({ kase, onChange }: CaseSectionProps) {
  const session = useSession();
  // The response target in force: an agreed date or extension, else the policy's.
  const respondBy = kase.effectiveRespondBy;
  const fields: FieldSpec<'department' | 'question' | 'dueBy' | 'newReplyDate'>[] = [
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
      hint: kase.overdue
        ? `A working day. The response target (${formatTarget(respondBy)}) has passed, so it may be later: give the new reply date you told the resident below.`
        : `A working day, on or before the response target (${formatTarget(respondBy)}).`,
      initial: kase.overdue ? '' : localDateOf(respondBy),
    },
    // An overdue case can still be worked: a later due date, with the date the resident was told.
    ...(kase.overdue
      ? [
          {
            name: 'newReplyDate' as const,
            label: 'New reply date told to the resident',
            kind: 'date' as const,
            hint: 'Only when the answer is needed after the target: on or after the date above. It is shown on the case as the date last promised.',
          },
        ]
      : []),
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
