/**
 * Every command on the case as a folded form, each shown only to those who
 * may run it: the owner and managers run the case, managers reassign and
 * restrict, any officer but a contributor may flag the person.
 */
import type { CaseCommandRoute } from '../../api.js';
import type { CommandFormProps } from '../../components/Form.js';
import { bodyTypes, LOGGED_KIND_FIELD, REASON_FIELD, whenField } from '../../fields.js';
import { humanise } from '../../queue.js';
import { useSession } from '../../session.js';
import { CASE_CATEGORIES, REPAIR_PRIORITIES } from '../../types.js';
import { ActionPanel } from './ActionPanel.js';
import { ClockActions } from './ClockActions.js';
import { ContactPanel } from './ContactPanel.js';
import { PendingDetailsPanel } from './PendingDetailsPanel.js';
import { type CaseSectionProps, caseCommand, useCaseAccess } from './shared.js';
import { TogetherActions } from './TogetherActions.js';

export function CaseActions({ kase, onChange }: CaseSectionProps) {
  const session = useSession();
  const { manager, runs, contributor, closed } = useCaseAccess(kase);
  const c = kase.contact;
  const flagged = Boolean(c?.unacceptableBehaviour);

  const otherOwners = session.officers
    .filter((o) => o.active && o.role !== 'contributor' && o.id !== kase.ownerId)
    .map((o) => ({ value: o.id, label: `${o.name} (${session.departmentName(o.teamId)}, ${o.role})` }));

  const action = <R extends CaseCommandRoute>(
    id: string,
    summary: string,
    props: Omit<CommandFormProps<R>, 'id' | 'onDone'>,
  ) => <ActionPanel key={id} id={id} summary={summary} onDone={onChange} {...props} />;

  return (
    <div className="actions-list">
      <ClockActions kase={kase} onChange={onChange} />
      {action('note', 'Add a note', {
        title: 'Add a note',
        ...caseCommand(kase, 'notes'),
        fields: [
          {
            name: 'text',
            label: 'Note',
            kind: 'textarea',
            required: true,
            hint: 'Staff only: never sent to the resident.',
          },
        ],
        submitLabel: 'Add note',
        doneMessage: 'Note added.',
      })}
      {action('log', 'Log a call or visit', {
        title: 'Log a call or visit',
        ...caseCommand(kase, 'log'),
        fields: [
          LOGGED_KIND_FIELD,
          { name: 'summary', label: 'Summary', kind: 'textarea', required: true },
          {
            ...whenField(
              'calledAt',
              'When the call came in',
              'For a voicemail, when it was left: its clock starts then.',
            ),
            when: (v) => v.kind !== 'visit',
          },
        ],
        transform: bodyTypes({ instants: ['calledAt'] }),
        submitLabel: 'Log it',
        doneMessage: 'Contact logged.',
      })}
      {runs && !closed
        ? action('delay', 'Record a delay', {
            title: 'Record why the answer is late',
            description: <p>The resident is told the reason and the progress.</p>,
            ...caseCommand(kase, 'delay'),
            fields: [
              { ...REASON_FIELD, hint: 'In words the resident will read.' },
              {
                name: 'extensionWorkingDays',
                label: 'Extension in working days',
                kind: 'number',
                min: 1,
                max: 20,
                hint: 'Complaints only, within the policy’s limit.',
              },
            ],
            submitLabel: 'Record delay',
            doneMessage: 'Delay recorded.',
          })
        : null}
      {runs && !closed
        ? action('agreed-date', 'Agree a reply date', {
            title: 'Agree a reply date with the resident',
            ...caseCommand(kase, 'agreed-date'),
            fields: [
              {
                name: 'date',
                label: 'Agreed date',
                kind: 'date',
                required: true,
                hint: 'A working day. It replaces the response target.',
              },
              { name: 'note', label: 'Note', kind: 'textarea' },
            ],
            submitLabel: 'Record agreed date',
            doneMessage: 'Agreed date recorded.',
          })
        : null}
      {runs && !closed
        ? action('reclassify', 'Reclassify', {
            title: 'Reclassify the case',
            description: (
              <p>
                Now: {humanise(kase.classification.category)} ({kase.classification.reason}).
              </p>
            ),
            ...caseCommand(kase, 'reclassify'),
            fields: [
              {
                name: 'category',
                label: 'Category',
                kind: 'select',
                required: true,
                initial: kase.classification.category,
                options: CASE_CATEGORIES.map((category) => ({ value: category, label: humanise(category) })),
              },
              {
                name: 'priority',
                label: 'Repair priority',
                kind: 'select',
                required: true,
                initial: kase.classification.priority ?? 'standard',
                when: (v) => v.category === 'repair',
                options: REPAIR_PRIORITIES.map((p) => ({ value: p, label: humanise(p) })),
              },
              {
                name: 'stage',
                label: 'Complaint stage',
                kind: 'select',
                when: (v) => v.category === 'complaint',
                options: [
                  { value: '', label: 'Stage 1' },
                  { value: '2', label: 'Stage 2 straight away (a complex complaint, where the policy allows it)' },
                ],
              },
              REASON_FIELD,
            ],
            transform: bodyTypes({ numbers: ['stage'] }),
            submitLabel: 'Reclassify',
            doneMessage: 'Case reclassified.',
          })
        : null}
      {runs && !closed && kase.kind === 'complaint-stage-1'
        ? action('escalate', 'Escalate to stage 2', {
            title: 'Escalate the complaint to stage 2',
            description: (
              <p>Under the Housing Ombudsman code, stage 2 is handled by someone other than the stage 1 owner.</p>
            ),
            ...caseCommand(kase, 'escalate'),
            fields: [
              REASON_FIELD,
              {
                name: 'ownerId',
                label: 'Stage 2 owner',
                kind: 'select',
                options: [{ value: '', label: 'Choose for me' }, ...otherOwners],
              },
              whenField('requestedAt', 'When the resident asked for stage 2', 'The stage 2 clock starts then.'),
            ],
            transform: bodyTypes({ instants: ['requestedAt'] }),
            submitLabel: 'Escalate',
            doneMessage: 'Escalated to stage 2.',
          })
        : null}
      {manager && !closed
        ? action('reassign', 'Reassign', {
            title: 'Reassign the case',
            ...caseCommand(kase, 'reassign'),
            fields: [
              {
                name: 'ownerId',
                label: 'New owner',
                kind: 'select',
                required: true,
                options: [{ value: '', label: 'Choose an officer' }, ...otherOwners],
              },
              { ...REASON_FIELD, hint: 'For example: absence, a leaver, workload.' },
            ],
            submitLabel: 'Reassign',
            doneMessage: 'Case reassigned.',
          })
        : null}
      {runs && kase.pendingDetails ? (
        <PendingDetailsPanel kase={kase} pending={kase.pendingDetails} onChange={onChange} />
      ) : null}
      {runs && c ? <ContactPanel kase={kase} contact={c} onChange={onChange} /> : null}
      {!contributor && c && !flagged
        ? action('flag', 'Flag unacceptable behaviour', {
            title: 'Flag unacceptable behaviour',
            description: <p>The flag is on the person: every officer sees it on all their cases.</p>,
            ...caseCommand(kase, 'flag'),
            fields: [REASON_FIELD],
            submitLabel: 'Set the flag',
            doneMessage: 'Flag set.',
            danger: true,
          })
        : null}
      {manager && flagged
        ? action('unflag', 'Lift the behaviour flag', {
            title: 'Lift the unacceptable behaviour flag',
            ...caseCommand(kase, 'unflag'),
            fields: [REASON_FIELD],
            submitLabel: 'Lift the flag',
            doneMessage: 'Flag lifted.',
          })
        : null}
      {manager
        ? action('restrict', kase.restricted ? 'Lift the restriction' : 'Restrict the case', {
            title: kase.restricted ? 'Lift the restriction' : 'Restrict the case',
            description: <p>A restricted case is seen only by its owner and managers.</p>,
            ...caseCommand(kase, 'restrict'),
            fields: [REASON_FIELD],
            transform: (body) => ({ ...body, restricted: !kase.restricted }),
            submitLabel: kase.restricted ? 'Lift restriction' : 'Restrict',
            doneMessage: kase.restricted ? 'Restriction lifted.' : 'Case restricted.',
          })
        : null}
      <TogetherActions kase={kase} onChange={onChange} />
      {runs && !closed
        ? action('close', 'Close the case', {
            title: 'Close the case',
            ...caseCommand(kase, 'close'),
            fields: [
              REASON_FIELD,
              {
                name: 'duplicateOf',
                label: 'Duplicate of (case reference)',
                kind: 'text',
                hint: 'Only when this case repeats another: it is closed with no reply and is not counted as answered.',
              },
            ],
            submitLabel: 'Close case',
            doneMessage: 'Case closed.',
            danger: true,
          })
        : null}
      {runs && closed
        ? action('reopen', 'Reopen the case', {
            title: 'Reopen the case',
            ...caseCommand(kase, 'reopen'),
            fields: [REASON_FIELD],
            submitLabel: 'Reopen case',
            doneMessage: 'Case reopened.',
          })
        : null}
    </div>
  );
}
