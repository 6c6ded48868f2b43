/**
 * The statutory clock commands (issue 11) as folded forms, each shown only
 * when it applies (`clockPanels`): confirm or rule out a flagged hazard, or
 * report one the words missed; record the investigation, the summary, the
 * works and alternative accommodation; complete a repair; record a call back
 * or visit as the response; state the complaint as we understand it.
 */
import type { ReactNode } from 'react';
import type { CaseCommandRoute } from '../../api.js';
import type { CommandFormProps, FieldSpec } from '../../components/Form.js';
import { bodyTypes, whenField, YES_NO_OPTIONS } from '../../fields.js';
import { formatInstant } from '../../format.js';
import { useSession } from '../../session.js';
import { ActionPanel } from './ActionPanel.js';
import { type ClockPanel, clockPanels, complaintSummaryOf, HAZARD_NAMES, hazardOf, investigationOf } from './clocks.js';
import { type CaseSectionProps, caseCommand, useCaseAccess } from './shared.js';

const HAZARD_OPTIONS = Object.entries(HAZARD_NAMES).map(([value, label]) => ({ value, label }));
/** Which hazard: the flagged one to start with, or one to choose. */
function hazardField(flagged?: string): FieldSpec<'kind'> {
  const options = flagged ? HAZARD_OPTIONS : [{ value: '', label: 'Choose the hazard' }, ...HAZARD_OPTIONS];
  return { name: 'kind', label: 'Hazard', kind: 'select', required: true, initial: flagged ?? '', options };
}
const noteField = { name: 'note', label: 'Note', kind: 'textarea' } as const;
const at = bodyTypes({ instants: ['at'] });

export function ClockActions({ kase, onChange }: CaseSectionProps) {
  const session = useSession();
  const { runs } = useCaseAccess(kase);
  const hazard = hazardOf(kase);
  const investigation = investigationOf(kase);
  const stated = complaintSummaryOf(kase);

  const panel = <R extends CaseCommandRoute>(
    id: ClockPanel,
    summary: string,
    props: Omit<CommandFormProps<R>, 'id' | 'onDone' | 'title'> & { title?: string },
  ) => <ActionPanel key={id} id={id} summary={summary} onDone={onChange} {...props} title={props.title ?? summary} />;

  /** A step recorded with when it happened and a note: the summary, the works, a repair, made safe. */
  const milestone = (
    id: ClockPanel,
    summary: string,
    command: 'summary-sent' | 'works-started' | 'repair-completed',
    words: { when: string; submit: string; done: string; title?: string; description?: ReactNode; further?: boolean },
  ) =>
    panel(id, summary, {
      title: words.title,
      description: words.description,
      ...caseCommand(kase, command),
      fields: [whenField('at', words.when), noteField],
      transform: (body) => at(words.further === undefined ? body : { ...body, further: words.further }),
      submitLabel: words.submit,
      doneMessage: words.done,
    });

  const found: ReactNode = investigation ? (
    <p>
      Investigation concluded {formatInstant(investigation.concludedAt)}: {investigation.findings}
    </p>
  ) : null;

  const panels: Record<ClockPanel, () => ReactNode> = {
    'hazard-confirm': () =>
      panel('hazard-confirm', 'Confirm the hazard', {
        description: (
          <p>
            Flagged by the words: {hazard?.reason}. Its clock runs from when we received it, whether you confirm it or
            rule it out.
          </p>
        ),
        ...caseCommand(kase, 'hazard-confirm'),
        fields: [
          hazardField(kase.kind),
          { name: 'reason', label: 'Why it is a hazard', kind: 'textarea', required: true },
        ],
        submitLabel: 'Confirm the hazard',
        doneMessage: 'Hazard confirmed.',
      }),
    'hazard-rule-out': () =>
      panel('hazard-rule-out', 'Rule out the hazard', {
        description: <p>The case goes back to what it was without the hazard, its clock still from receipt.</p>,
        ...caseCommand(kase, 'hazard-rule-out'),
        fields: [{ name: 'reason', label: 'Why it is not a hazard', kind: 'textarea', required: true }],
        submitLabel: 'Rule it out',
        doneMessage: 'Hazard ruled out.',
        danger: true,
      }),
    'hazard-report': () =>
      panel('hazard-report', 'Report a hazard the message did not flag', {
        description: <p>The case takes the hazard’s statutory clock, counted from when we received it.</p>,
        ...caseCommand(kase, 'hazard-confirm'),
        fields: [hazardField(), { name: 'reason', label: 'What the hazard is', kind: 'textarea', required: true }],
        // Left unchosen, the API says to choose one (a case with no flagged hazard has no kind to take).
        transform: ({ kind, ...rest }) => (kind ? { kind, ...rest } : rest),
        submitLabel: 'Report the hazard',
        doneMessage: 'Hazard recorded.',
      }),
    'made-safe': () =>
      milestone('made-safe', 'Record the home made safe', 'repair-completed', {
        description: <p>The emergency’s target is met when the home is made safe.</p>,
        when: 'When it was made safe',
        submit: 'Record made safe',
        done: 'Recorded: the home is made safe.',
      }),
    'investigation-concluded': () =>
      panel('investigation-concluded', 'Record the investigation’s findings', {
        description: <p>The written summary and the works are due counted from when the investigation concluded.</p>,
        ...caseCommand(kase, 'investigation-concluded'),
        fields: [
          { name: 'findings', label: 'What the investigation found', kind: 'textarea', required: true },
          {
            name: 'worksNeeded',
            label: 'Is safety work or a repair needed?',
            kind: 'select',
            required: true,
            options: YES_NO_OPTIONS,
          },
          {
            name: 'furtherWorksNeeded',
            label: 'Is further (preventative) work needed?',
            kind: 'select',
            options: YES_NO_OPTIONS,
          },
          whenField('at', 'When the investigation concluded'),
        ],
        transform: bodyTypes({ instants: ['at'], booleans: ['worksNeeded', 'furtherWorksNeeded'] }),
        submitLabel: 'Record the findings',
        doneMessage: 'Investigation recorded.',
      }),
    'summary-sent': () =>
      milestone('summary-sent', 'Record the written summary sent', 'summary-sent', {
        title: 'Record the written summary of the findings sent to the resident',
        description: found,
        when: 'When it was sent',
        submit: 'Record summary sent',
        done: 'Summary recorded.',
      }),
    'works-started': () =>
      milestone('works-started', 'Record the works started', 'works-started', {
        description: found,
        further: false,
        when: 'When the works started',
        submit: 'Record works started',
        done: 'Works started recorded.',
      }),
    'works-completed': () =>
      milestone('works-completed', 'Record the works completed', 'repair-completed', {
        when: 'When the works were completed',
        submit: 'Record works completed',
        done: 'Works completed recorded.',
      }),
    'further-works-started': () =>
      milestone('further-works-started', 'Record the further (preventative) works started', 'works-started', {
        description: found,
        further: true,
        when: 'When the further works started',
        submit: 'Record further works started',
        done: 'Further works started recorded.',
      }),
    'alternative-accommodation': () =>
      panel('alternative-accommodation', 'Record alternative accommodation offered', {
        description: <p>When the home cannot be made safe in time, suitable alternative accommodation is offered.</p>,
        ...caseCommand(kase, 'alternative-accommodation'),
        fields: [
          { name: 'note', label: 'What was offered', kind: 'textarea', required: true },
          whenField('at', 'When it was offered'),
        ],
        transform: at,
        submitLabel: 'Record the offer',
        doneMessage: 'Alternative accommodation recorded.',
      }),
    'repair-completed': () =>
      milestone('repair-completed', 'Record the repair completed', 'repair-completed', {
        description: <p>A repair’s target is met by the work done, not by a letter.</p>,
        when: 'When the repair was completed',
        submit: 'Record repair completed',
        done: 'Repair completed recorded.',
      }),
    responded: () =>
      panel('responded', 'Record a call-back or visit as the response', {
        description: <p>It meets or misses the response target like a written reply.</p>,
        ...caseCommand(kase, 'responded'),
        fields: [
          {
            name: 'how',
            label: 'How we responded',
            kind: 'select',
            required: true,
            initial: 'call-back',
            options: [
              { value: 'call-back', label: 'We called the resident back' },
              { value: 'visit', label: 'We visited' },
            ],
          },
          { name: 'summary', label: 'What was said or done', kind: 'textarea', required: true },
          whenField('at', 'When it happened'),
        ],
        transform: at,
        submitLabel: 'Record the response',
        doneMessage: 'Response recorded.',
      }),
    'complaint-summary': () =>
      panel('complaint-summary', 'State the complaint as we understand it', {
        description: stated ? (
          <p>
            Stated by {session.officerName(stated.by)} on {formatInstant(stated.at)}: {stated.note}
          </p>
        ) : (
          <p>Until it is stated, the acknowledgement tells the resident it will follow.</p>
        ),
        ...caseCommand(kase, 'complaint-summary'),
        fields: [
          {
            name: 'summary',
            label: 'The complaint as we understand it',
            kind: 'textarea',
            required: true,
            hint: 'The resident is sent this, in these words.',
          },
        ],
        submitLabel: stated ? 'Send the revised statement' : 'Send the statement',
        doneMessage: 'Complaint statement recorded; the resident will be sent it.',
      }),
  };

  return <>{clockPanels(kase, runs).map((p) => panels[p]())}</>;
}
