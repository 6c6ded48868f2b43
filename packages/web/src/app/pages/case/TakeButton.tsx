/** One button for an officer to take a case they do not own. */
import { ErrorSummary, useCommand } from '../../components/Form.js';
import { type CaseSectionProps, caseCommand } from './shared.js';

export function TakeButton({ kase, onChange }: CaseSectionProps) {
  const command = useCommand();
  return (
    <div className="take">
      {command.error ? <ErrorSummary formId="take" error={command.error} labels={{}} /> : null}
      <button
        type="button"
        className="button"
        aria-disabled={command.busy || undefined}
        onClick={async () => {
          if (command.busy) return;
          const updated = await command.run(caseCommand(kase, 'take'), {}, 'You own this case now.');
          if (updated) onChange(updated);
        }}
      >
        Take ownership of this case
      </button>
      <span role="status" className="done">
        {command.done ?? ''}
      </span>
    </div>
  );
}
