import type { ReactNode } from 'react';

/** One term of a summary list; an empty value reads "Not given". */
export function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children || <span className="muted">Not given</span>}</dd>
    </div>
  );
}
