/** The department requests on the case: each question, its answer, and the forms to answer, ask for more time or close it. */
import { CommandForm } from '../../components/Form.js';
import { REASON_FIELD } from '../../fields.js';
import { formatInstant, formatTarget } from '../../format.js';
import { isManager, useSession } from '../../session.js';
import type { DepartmentRequest } from '../../types.js';
import { RequestInputForm } from './RequestInputForm.js';
import { type CaseSectionProps, requestCommand } from './shared.js';

const REQUEST_STATUS: Record<DepartmentRequest['status'], string> = {
  open: 'Waiting for an answer',
  answered: 'Answered',
  closed: 'Closed',
};

export function RequestsSection({ kase, onChange, runs }: CaseSectionProps & { runs: boolean }) {
  const session = useSession();
  const mine = (r: DepartmentRequest) => r.department === session.me.teamId || isManager(session);
  return (
    <section aria-labelledby="requests-heading" className="panel">
      <h2 id="requests-heading">Department requests</h2>
      {kase.requests.length === 0 ? <p>No department has been asked for input.</p> : null}
      <ol className="requests">
        {kase.requests.map((r) => (
          <li key={r.id} id={`request-${r.id}`} className={`request request-${r.status}`}>
            <h3>
              {session.departmentName(r.department)} <span className="tag">{REQUEST_STATUS[r.status]}</span>
            </h3>
            <p className="question">{r.question}</p>
            <p className="muted">
              Asked by {session.officerName(r.askedBy)} on {formatInstant(r.askedAt)}; due by{' '}
              {formatTarget(r.moreTime?.until ?? r.dueBy)}
              {r.moreTime ? ` (more time: ${r.moreTime.reason})` : ''}
            </p>
            {r.answer ? (
              <blockquote className="answer">
                <p>{r.answer}</p>
                <footer>
                  {session.officerName(r.answeredBy)}, {formatInstant(r.answeredAt)}
                </footer>
              </blockquote>
            ) : null}
            {r.closedReason ? <p>Closed without an answer: {r.closedReason}</p> : null}
            {r.status === 'open' && mine(r) ? (
              <div className="request-forms">
                <CommandForm
                  id={`answer-${r.id}`}
                  level={4}
                  title={`Answer for ${session.departmentName(r.department)}`}
                  {...requestCommand(kase, r.id, 'answer')}
                  fields={[
                    {
                      name: 'answer',
                      label: 'Answer',
                      kind: 'textarea',
                      required: true,
                      hint: 'The owner quotes it in the reply to the resident: write it so a resident can read it.',
                    },
                  ]}
                  submitLabel="Send answer"
                  doneMessage="Answer sent to the case owner."
                  onDone={onChange}
                />
                <details>
                  <summary>Ask for more time</summary>
                  <CommandForm
                    id={`more-time-${r.id}`}
                    level={4}
                    title="Ask for more time"
                    {...requestCommand(kase, r.id, 'more-time')}
                    fields={[
                      { name: 'until', label: 'New due date', kind: 'date', required: true },
                      { name: 'reason', label: 'Why', kind: 'textarea', required: true },
                    ]}
                    submitLabel="Ask for more time"
                    doneMessage="More time recorded."
                    onDone={onChange}
                  />
                </details>
              </div>
            ) : null}
            {r.status === 'open' && runs ? (
              <details>
                <summary>Close this request without an answer</summary>
                <CommandForm
                  id={`close-request-${r.id}`}
                  level={4}
                  title="Close the request"
                  {...requestCommand(kase, r.id, 'close')}
                  fields={[REASON_FIELD]}
                  submitLabel="Close request"
                  doneMessage="Request closed."
                  onDone={onChange}
                />
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {runs && kase.status !== 'closed' ? <RequestInputForm kase={kase} onChange={onChange} /> : null}
    </section>
  );
}
