/** The case's targets (acknowledgement, response, agreed date, extension) and where each stands. */
import { Due } from '../../components/Due.js';
import { dateInWords, instantInWords } from '../../errors.js';
import { formatInstant, formatTarget, isHoursTarget } from '../../format.js';
import { useSession } from '../../session.js';
import type { CaseDetail } from '../../types.js';
import { isHazardKind } from './clocks.js';
import { HazardClock } from './HazardClock.js';
import { SummaryRow } from './SummaryRow.js';

const PROMISED_HOW = {
  target: 'the target in our acknowledgement',
  'agreed-date': 'a reply date agreed with them',
  extension: 'an extension',
  'told-with-request': 'told when a department was asked after the target had passed',
} as const;

/** "Wednesday 23 December 2026 (told when …)", or that nothing has been promised yet. */
function lastPromisedText(kase: CaseDetail): string {
  const promised = kase.lastPromised;
  if (!promised) return 'Nothing yet: the resident has not been told a date';
  const date = isHoursTarget(promised.date) ? instantInWords(promised.date) : dateInWords(promised.date);
  return `${date} (${PROMISED_HOW[promised.source]})`;
}

export function TargetsSection({ kase }: { kase: CaseDetail }) {
  const session = useSession();
  const t = kase.targets;
  const ackState = t.acknowledgeBy
    ? kase.acknowledgedAt
      ? `Met: acknowledged ${formatInstant(kase.acknowledgedAt)}`
      : 'Not yet acknowledged'
    : 'No separate acknowledgement';
  const replyState = kase.respondedAt
    ? `Replied ${formatInstant(kase.respondedAt)}${kase.responseOutcome ? ` — target ${kase.responseOutcome}` : ''}`
    : kase.overdue
      ? 'Overdue'
      : 'Open';
  return (
    <section aria-labelledby="targets-heading" className="panel">
      <h2 id="targets-heading">Targets</h2>
      <dl className="summary-list">
        <SummaryRow label="Clock started">{formatTarget(t.clockStarts)}</SummaryRow>
        <SummaryRow label="Acknowledge by">
          {t.acknowledgeBy ? `${formatTarget(t.acknowledgeBy)} — ${ackState}` : ackState}
        </SummaryRow>
        <SummaryRow label="Respond by (policy)">{formatTarget(t.respondBy)}</SummaryRow>
        {kase.agreedReplyDate ? (
          <SummaryRow label="Agreed reply date">{formatTarget(kase.agreedReplyDate)}</SummaryRow>
        ) : null}
        {kase.extension ? (
          <SummaryRow label="Extension">
            {`${kase.extension.workingDays} working days to ${formatTarget(kase.extension.respondBy)}: ${kase.extension.reason} (${session.officerName(kase.extension.grantedBy)})`}
          </SummaryRow>
        ) : null}
        {/* A hazard's target is met by what happened, shown step by step below. */}
        {isHazardKind(kase.kind) ? null : (
          <SummaryRow label="Response">
            {replyState}
            {kase.workingDaysLeft !== null && kase.workingDaysLeft !== undefined ? (
              <>
                {' · '}
                <Due countdown={kase} />
              </>
            ) : null}
          </SummaryRow>
        )}
        <SummaryRow label="Last promised to the resident">{lastPromisedText(kase)}</SummaryRow>
        {kase.delayReason ? (
          <SummaryRow label="Delay reason (told to the resident)">{kase.delayReason}</SummaryRow>
        ) : null}
        {kase.closedAt ? <SummaryRow label="Closed">{formatInstant(kase.closedAt)}</SummaryRow> : null}
      </dl>
      <HazardClock kase={kase} />
    </section>
  );
}
