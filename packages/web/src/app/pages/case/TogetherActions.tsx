/**
 * Cases that belong together (issue 14): merge another case of the resident
 * into this one, or link a related case. Merging is for whoever runs both
 * cases; linking for anyone who can see both (the API checks each).
 */
import { REASON_FIELD } from '../../fields.js';
import { ActionPanel } from './ActionPanel.js';
import { type CaseSectionProps, caseCommand, useCaseAccess } from './shared.js';

export function TogetherActions({ kase, onChange }: CaseSectionProps) {
  const { runs, contributor, closed } = useCaseAccess(kase);
  const candidates = kase.linked
    .filter((l) => l.relation === 'same-resident' || l.relation === 'related')
    .map((l) => l.ref);
  const hint = candidates.length ? `For example ${[...new Set(candidates)].join(' or ')}.` : 'Such as HT-2026-000123.';
  return (
    <>
      {(runs && !closed) || kase.merging ? (
        <ActionPanel
          id="merge"
          summary={kase.merging ? 'Finish the merge' : 'Merge another case into this one'}
          onDone={onChange}
          title="Merge another case into this one"
          description={
            <p>
              Its messages, timeline and department requests move here; the earlier target stands; its reference leads
              here from now on. The resident is not acknowledged again.
            </p>
          }
          {...caseCommand(kase, 'merge')}
          fields={[
            {
              name: 'from',
              label: 'Case to merge in',
              kind: 'text',
              required: true,
              hint,
              initial: kase.merging?.from ?? (candidates.length === 1 ? candidates[0] : undefined),
            },
            REASON_FIELD,
          ]}
          submitLabel="Merge"
          doneMessage="Cases merged."
        />
      ) : null}
      {!contributor ? (
        <ActionPanel
          id="link"
          summary="Link a related case"
          onDone={onChange}
          title="Link a related case"
          description={<p>Both cases show the link; nothing moves.</p>}
          {...caseCommand(kase, 'link')}
          fields={[{ name: 'ref', label: 'Related case', kind: 'text', required: true, hint }, REASON_FIELD]}
          submitLabel="Link"
          doneMessage="Cases linked."
        />
      ) : null}
    </>
  );
}
