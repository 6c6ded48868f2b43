import { CommandForm, type CommandFormProps } from '../../components/Form.js';
import type { CaseDetail } from '../../types.js';

/** One command on the case, folded away under its name until the officer opens it. */
export function ActionPanel({ summary, ...form }: CommandFormProps<CaseDetail> & { summary: string }) {
  return (
    <details className="action">
      <summary>{summary}</summary>
      <CommandForm<CaseDetail> level={3} {...form} />
    </details>
  );
}
