/**
 * A hazard's statutory clock on the case page: the hazard and its status
 * (flagged, confirmed, ruled out), then each step — the investigation or
 * making safe, on the case's response target, and what the findings call
 * for — done (when), due (by when, and how long is left), overdue, or not
 * yet recorded. In words and an icon, never colour alone.
 */
import { Due } from '../../components/Due.js';
import { formatInstant, formatTarget } from '../../format.js';
import { useSession } from '../../session.js';
import type { CaseDetail } from '../../types.js';
import { type ClockRow, clockRows, HAZARD_NAMES, hazardOf } from './clocks.js';
import { SummaryRow } from './SummaryRow.js';

const STATUS = {
  suspected: 'Flagged by the words: to confirm or rule out',
  confirmed: 'Confirmed',
  'ruled-out': 'Ruled out',
};

/** Where one step stands; the first step is the one the case's response target measures. */
function StepState({ kase, row, first }: { kase: CaseDetail; row: ClockRow; first: boolean }) {
  if (row.state === 'done') {
    const outcome = first && kase.responseOutcome ? ` (target ${kase.responseOutcome})` : '';
    return (
      <>
        Done {row.at ? formatInstant(row.at) : ''}
        {outcome}
        {row.note ? <span className="muted"> — {row.note}</span> : null}
      </>
    );
  }
  if (row.state === 'to-do') {
    return row.due ? (
      <>
        Not yet recorded · {row.bestEffort ? 'aim to do by' : 'due by'} {formatTarget(row.due)}
      </>
    ) : (
      <>Not yet recorded</>
    );
  }
  return (
    <>
      Due by {formatTarget(kase.effectiveRespondBy)} · <Due countdown={kase} />
    </>
  );
}

export function HazardClock({ kase }: { kase: CaseDetail }) {
  const session = useSession();
  const hazard = hazardOf(kase);
  if (!hazard) return null;
  const rows = clockRows(kase);
  const decided = hazard.decidedBy
    ? ` by ${session.officerName(hazard.decidedBy)}${hazard.decidedAt ? ` on ${formatInstant(hazard.decidedAt)}` : ''}`
    : '';
  return (
    <>
      <h3>Hazard</h3>
      <dl className="summary-list">
        <SummaryRow label={HAZARD_NAMES[hazard.kind]}>
          <strong>{STATUS[hazard.status]}</strong>
          {decided}: {hazard.reason}
        </SummaryRow>
        {rows.map((row, i) => (
          <SummaryRow key={row.label} label={row.label}>
            <StepState kase={kase} row={row} first={i === 0} />
          </SummaryRow>
        ))}
      </dl>
    </>
  );
}
