/**
 * New-activity markers (issue 14, "never miss a change"): what happened on a
 * case since its owner last opened it, shown on their queue row until they do.
 */

/** What happened on a case since its owner last opened it. */
export const ACTIVITY_KINDS = ['resident-wrote', 'department-answered', 'reassigned'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface CaseActivity {
  kinds: ActivityKind[];
  /** The instant of the latest. */
  at: string;
}

/** The case's activity markers with one more. */
export function withActivity(kase: { activity?: CaseActivity }, kind: ActivityKind, at: string): CaseActivity {
  const kinds = kase.activity?.kinds ?? [];
  return { kinds: kinds.includes(kind) ? kinds : [...kinds, kind], at };
}
