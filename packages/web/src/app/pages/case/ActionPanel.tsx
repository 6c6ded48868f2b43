import type { CaseCommandRoute } from '../../api.js';
import { CommandForm, type CommandFormProps } from '../../components/Form.js';

/** One command on the case, folded away under its name until the officer opens it. */
export function ActionPanel<R extends CaseCommandRoute>({
  summary,
  ...form
}: CommandFormProps<R> & { summary: string }) {
  return (
    <details className="action">
      <summary>{summary}</summary>
      <CommandForm<R> level={3} {...form} />
    </details>
  );
}
