/**
 * One case: the resident, every message and timeline entry in order, the
 * targets, the department requests and their answers, the collated reply,
 * and every command as a form. Polls so it follows changes made elsewhere.
 */
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api.js';
import { Attachments } from '../components/Attachments.js';
import { Due } from '../components/Due.js';
import {
  AnnounceContext,
  CommandForm,
  type CommandFormProps,
  ErrorSummary,
  Field,
  type FieldSpec,
  StatusToast,
  useCommand,
} from '../components/Form.js';
import { SafeHtml } from '../components/SafeHtml.js';
import { formatInstant, formatTarget, localDateOf } from '../format.js';
import { usePageTitle, usePolling } from '../hooks.js';
import { humanise } from '../queue.js';
import { Link } from '../router.js';
import { isManager, myId, type Session, useSession } from '../session.js';
import { type CaseDetail, type CaseMessage, type DepartmentRequest, REPLY_CHANNELS } from '../types.js';

export function CasePage({ caseRef }: { caseRef: string }) {
  const session = useSession();
  const { data, error, setData } = usePolling(
    (signal) => session.api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseRef)}`, signal),
    caseRef,
  );
  usePageTitle(`Case ${caseRef}`, caseRef);

  if (error && !data) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <>
        <h1>Case {caseRef}</h1>
        <p className="error-message" role="alert">
          {missing
            ? 'There is no such case, or it is not one you may see.'
            : `Could not load the case: ${error.message}`}
        </p>
        <p>
          <Link href="/console/">Back to your queues</Link>
        </p>
      </>
    );
  }
  if (!data) {
    return (
      <>
        <h1>Case {caseRef}</h1>
        <p role="status">Loading the case…</p>
      </>
    );
  }
  return <CaseView kase={data} onChange={setData} stale={Boolean(error)} />;
}

function useAnnouncer(): [string | undefined, (message: string) => void] {
  const [message, setMessage] = useState<string>();
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback((text: string) => {
    window.clearTimeout(timer.current);
    setMessage(text);
    timer.current = window.setTimeout(() => setMessage(undefined), 10_000);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [message, announce];
}

function CaseView({ kase, onChange, stale }: { kase: CaseDetail; onChange(c: CaseDetail): void; stale: boolean }) {
  const session = useSession();
  const me = myId(session);
  const manager = isManager(session);
  const owner = kase.ownerId === me;
  const runs = owner || manager;
  const closed = kase.status === 'closed';
  const flag = kase.contact?.unacceptableBehaviour;
  const [message, announce] = useAnnouncer();

  return (
    <AnnounceContext.Provider value={announce}>
      <StatusToast message={message} />
      <p className="breadcrumb">
        <Link href="/console/">Queues</Link> <span aria-hidden="true">›</span> Case
      </p>
      <h1>
        <span className="ref">{kase.ref}</span> <span className="case-subject">{kase.subject}</span>
      </h1>
      {stale ? (
        <p className="warning" role="status">
          Could not refresh: this page may be out of date.
        </p>
      ) : null}
      {flag ? (
        <section className="flag-banner" aria-labelledby="flag-heading">
          <h2 id="flag-heading">
            <span aria-hidden="true">⚑ </span>Unacceptable behaviour flag
          </h2>
          <p>{flag.reason}</p>
          <p className="muted">
            Set by {session.officerName(flag.setBy)} on {formatInstant(flag.setAt)}. Follow the unacceptable behaviour
            policy on every contact with this person.
          </p>
        </section>
      ) : null}
      {kase.restricted ? (
        <p className="notice">
          <strong>Restricted case:</strong> only the owner and managers can see it.
        </p>
      ) : null}

      <dl className="summary-list case-summary">
        <div>
          <dt>Status</dt>
          <dd>{humanise(kase.status)}</dd>
        </div>
        <div>
          <dt>Response due</dt>
          <dd>
            <Due countdown={kase} />{' '}
            <span className="muted">({formatTarget(kase.effectiveRespondBy ?? kase.targets.respondBy)})</span>
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>
            {kase.ownerId ? session.officerName(kase.ownerId) : <em>Unassigned</em>}
            {owner ? ' (you)' : ''}
          </dd>
        </div>
        <div>
          <dt>Department</dt>
          <dd>{kase.teamId ? session.departmentName(kase.teamId) : '—'}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>
            {humanise(kase.kind)} · {humanise(kase.classification.category)}
            {kase.classification.priority ? ` (${kase.classification.priority})` : ''}
          </dd>
        </div>
        <div>
          <dt>First contact</dt>
          <dd>
            {humanise(kase.channel)}, {formatInstant(kase.receivedAt)}
          </dd>
        </div>
      </dl>

      {!owner && !closed && session.me.role !== 'contributor' ? <TakeButton kase={kase} onChange={onChange} /> : null}

      <div className="case-layout">
        <div className="case-main">
          <MessagesSection kase={kase} />
          <RequestsSection kase={kase} onChange={onChange} runs={runs} />
          {runs && !closed ? <ReplySection kase={kase} onChange={onChange} /> : null}
          <TimelineSection kase={kase} />
        </div>
        <div className="case-side">
          <ResidentSection kase={kase} />
          <TargetsSection kase={kase} />
          <section className="case-actions" aria-labelledby="actions-heading">
            <h2 id="actions-heading">Actions</h2>
            <CaseActions kase={kase} onChange={onChange} />
          </section>
        </div>
      </div>
    </AnnounceContext.Provider>
  );
}

function TakeButton({ kase, onChange }: { kase: CaseDetail; onChange(c: CaseDetail): void }) {
  const command = useCommand<CaseDetail>();
  return (
    <div className="take">
      {command.error ? <ErrorSummary formId="take" error={command.error} labels={{}} /> : null}
      <button
        type="button"
        className="button"
        aria-disabled={command.busy || undefined}
        onClick={async () => {
          if (command.busy) return;
          const updated = await command.run(`/api/cases/${kase.ref}/take`, {}, 'You own this case now.');
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

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children || <span className="muted">Not given</span>}</dd>
    </div>
  );
}

function ResidentSection({ kase }: { kase: CaseDetail }) {
  const c = kase.contact;
  return (
    <section aria-labelledby="resident-heading" className="panel">
      <h2 id="resident-heading">Resident</h2>
      {c ? (
        <dl className="summary-list">
          <Row label="Name">{c.name}</Row>
          <Row label="Email">{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}</Row>
          <Row label="Phone">{c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : null}</Row>
          <Row label="Address">{c.address ? <span className="pre">{c.address}</span> : c.postcode}</Row>
          <Row label="Tenancy reference">{c.tenancyRef}</Row>
          <Row label="Preferred reply channel">{c.preferredChannel ? humanise(c.preferredChannel) : null}</Row>
          <Row label="Communication needs">
            {[c.communicationNeeds, c.largePrint ? 'Large print letters' : ''].filter(Boolean).join('; ') ? (
              <strong>
                {[c.communicationNeeds, c.largePrint ? 'Large print letters' : ''].filter(Boolean).join('; ')}
              </strong>
            ) : null}
          </Row>
          <Row label="Channels to avoid">
            {c.channelsToAvoid?.length ? c.channelsToAvoid.map(humanise).join(', ') : null}
          </Row>
        </dl>
      ) : (
        <p>No contact details are recorded.</p>
      )}
    </section>
  );
}

function TargetsSection({ kase }: { kase: CaseDetail }) {
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
        <Row label="Clock started">{formatTarget(t.clockStarts)}</Row>
        <Row label="Acknowledge by">
          {t.acknowledgeBy ? `${formatTarget(t.acknowledgeBy)} — ${ackState}` : ackState}
        </Row>
        <Row label="Respond by (policy)">{formatTarget(t.respondBy)}</Row>
        {kase.agreedReplyDate ? <Row label="Agreed reply date">{formatTarget(kase.agreedReplyDate)}</Row> : null}
        {kase.extension ? (
          <Row label="Extension">
            {`${kase.extension.workingDays} working days to ${formatTarget(kase.extension.respondBy)}: ${kase.extension.reason} (${session.officerName(kase.extension.grantedBy)})`}
          </Row>
        ) : null}
        <Row label="Response">
          {replyState}
          {kase.workingDaysLeft !== null && kase.workingDaysLeft !== undefined ? (
            <>
              {' · '}
              <Due countdown={kase} />
            </>
          ) : null}
        </Row>
        {kase.delayReason ? <Row label="Delay reason (told to the resident)">{kase.delayReason}</Row> : null}
        {kase.closedAt ? <Row label="Closed">{formatInstant(kase.closedAt)}</Row> : null}
      </dl>
    </section>
  );
}

const REQUEST_STATUS: Record<DepartmentRequest['status'], string> = {
  open: 'Waiting for an answer',
  answered: 'Answered',
  closed: 'Closed',
};

function RequestsSection({ kase, onChange, runs }: { kase: CaseDetail; onChange(c: CaseDetail): void; runs: boolean }) {
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
                <CommandForm<CaseDetail>
                  id={`answer-${r.id}`}
                  level={4}
                  title={`Answer for ${session.departmentName(r.department)}`}
                  path={`/api/cases/${kase.ref}/requests/${r.id}/answer`}
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
                  <CommandForm<CaseDetail>
                    id={`more-time-${r.id}`}
                    level={4}
                    title="Ask for more time"
                    path={`/api/cases/${kase.ref}/requests/${r.id}/more-time`}
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
                <CommandForm<CaseDetail>
                  id={`close-request-${r.id}`}
                  level={4}
                  title="Close the request"
                  path={`/api/cases/${kase.ref}/requests/${r.id}/close`}
                  fields={[{ name: 'reason', label: 'Reason', kind: 'textarea', required: true }]}
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

function RequestInputForm({ kase, onChange }: { kase: CaseDetail; onChange(c: CaseDetail): void }) {
  const session = useSession();
  const respondBy = kase.effectiveRespondBy ?? kase.targets.respondBy;
  const fields: FieldSpec[] = [
    {
      name: 'department',
      label: 'Department',
      kind: 'select',
      required: true,
      options: [
        { value: '', label: 'Choose a department' },
        ...session.departments.items.map((d) => ({ value: d.id, label: d.name })),
      ],
    },
    {
      name: 'question',
      label: 'Question',
      kind: 'textarea',
      required: true,
      hint: 'What do you need from them for the reply?',
    },
    {
      name: 'dueBy',
      label: 'Answer needed by',
      kind: 'date',
      required: true,
      hint: `A working day, on or before the response target (${formatTarget(respondBy)}).`,
      initial: localDateOf(respondBy),
    },
  ];
  return (
    <details
      className="request-input"
      open={kase.requests.length === 0 && kase.ownerId === myId(session) ? true : undefined}
    >
      <summary>Request input from a department</summary>
      <CommandForm<CaseDetail>
        id="request-input"
        title="Request input from a department"
        path={`/api/cases/${kase.ref}/requests`}
        fields={fields}
        submitLabel="Send request"
        doneMessage="Request sent to the department."
        onDone={onChange}
      />
    </details>
  );
}

function ReplySection({ kase, onChange }: { kase: CaseDetail; onChange(c: CaseDetail): void }) {
  const session = useSession();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const command = useCommand<CaseDetail>();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();
  const answered = kase.requests.filter((r) => r.answer);
  const open = kase.requests.filter((r) => r.status === 'open');
  const fieldErrors = command.error instanceof ApiError ? command.error.fields : {};
  const channel = kase.contact?.preferredChannel;
  const subjectSpec: FieldSpec = {
    name: 'subject',
    label: 'Subject',
    hint: `Email only. Left blank: “Re: ${kase.subject}”.`,
  };
  const bodySpec: FieldSpec = { name: 'body', label: 'Your reply', kind: 'textarea', required: true };

  const quote = (r: DepartmentRequest) => {
    setBody((b) => `${b}${b && !b.endsWith('\n\n') ? '\n\n' : ''}${r.answer ?? ''}`);
    bodyRef.current?.focus();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (command.busy) return;
    const payload: Record<string, string> = { body: body.trim() };
    if (subject.trim()) payload.subject = subject.trim();
    const updated = await command.run(`/api/cases/${kase.ref}/reply`, payload, 'Reply sent to the resident.');
    if (updated) {
      setBody('');
      setSubject('');
      onChange(updated);
    }
  };

  return (
    <section aria-labelledby={headingId} className="panel reply">
      <h2 id={headingId}>Reply to the resident</h2>
      <p>
        One collated reply, sent{' '}
        {channel
          ? `by ${humanise(channel).toLowerCase()} (the resident’s preference)`
          : 'on the channel the resident used'}
        {kase.contact?.communicationNeeds ? `; remember: ${kase.contact.communicationNeeds}` : ''}.
      </p>
      {open.length > 0 ? (
        <p className="notice">
          <strong>
            {open.length === 1 ? 'A department request is' : `${open.length} department requests are`} still open.
          </strong>{' '}
          The reply can be sent once each is answered or closed.
        </p>
      ) : null}
      {answered.length > 0 ? (
        <div className="answers">
          <h3>Department answers</h3>
          <ul>
            {answered.map((r) => (
              <li key={r.id}>
                <p>
                  <strong>{session.departmentName(r.department)}:</strong> {r.answer}
                </p>
                <button type="button" className="button button-secondary" onClick={() => quote(r)}>
                  Quote {session.departmentName(r.department)}’s answer in the reply
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form onSubmit={submit} aria-labelledby={headingId} noValidate className="command">
        {command.error ? (
          <ErrorSummary formId="reply" error={command.error} labels={{ subject: 'Subject', body: 'Your reply' }} />
        ) : null}
        <Field
          formId="reply"
          spec={subjectSpec}
          value={subject}
          error={fieldErrors.subject}
          onChange={(v) => setSubject(String(v))}
        />
        <div className={`field${fieldErrors.body ? ' field-error' : ''}`}>
          <label htmlFor="reply-body">{bodySpec.label}</label>
          {fieldErrors.body ? (
            <p className="error-message" id="reply-body-error">
              {fieldErrors.body}
            </p>
          ) : null}
          <textarea
            id="reply-body"
            name="body"
            ref={bodyRef}
            rows={10}
            required
            aria-invalid={fieldErrors.body ? true : undefined}
            aria-describedby={fieldErrors.body ? 'reply-body-error' : undefined}
            value={body}
            onChange={(e) => {
              command.clear();
              setBody(e.target.value);
            }}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={command.busy || undefined}>
            {command.busy ? 'Sending…' : 'Send reply'}
          </button>
          <p className="done" role="status">
            {command.done ?? ''}
          </p>
        </div>
      </form>
    </section>
  );
}

function messageHeading(m: CaseMessage, session: Session): string {
  if (m.direction === 'outbound') {
    return `${m.purpose ? humanise(m.purpose) : 'Message'} sent by ${humanise(m.channel).toLowerCase()}${m.sentBy ? ` (${session.officerName(m.sentBy)})` : ''}`;
  }
  if (m.logged) return `${humanise(m.logged.kind)} logged by ${session.officerName(m.logged.loggedBy)}`;
  const who = m.from.name ?? m.from.email ?? m.from.phone ?? 'the resident';
  return `${humanise(m.channel)} from ${who}`;
}

function MessagesSection({ kase }: { kase: CaseDetail }) {
  const session = useSession();
  const messages = useMemo(
    () => [...kase.messages].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    [kase.messages],
  );
  return (
    <section aria-labelledby="messages-heading" className="panel">
      <h2 id="messages-heading">Messages ({messages.length})</h2>
      <ol className="messages">
        {messages.map((m) => (
          <li key={m.id}>
            <article className={`message message-${m.direction}`} aria-labelledby={`msg-${m.id}`}>
              <h3 id={`msg-${m.id}`}>{messageHeading(m, session)}</h3>
              <p className="muted">
                <time dateTime={m.receivedAt}>{formatInstant(m.receivedAt)}</time>
                {m.direction === 'outbound' && m.to.length ? ` · to ${m.to.join(', ')}` : ''}
                {m.from.email && m.direction === 'inbound' ? ` · ${m.from.email}` : ''}
                {m.from.phone && m.direction === 'inbound' ? ` · ${m.from.phone}` : ''}
              </p>
              {m.automated ? (
                <p className="tag">
                  Automatic message ({m.automated.kind}): {m.automated.reason}
                </p>
              ) : null}
              {m.scan ? (
                <p className="muted">
                  Letter scan, text read by {m.scan.method}
                  {m.scan.confidence !== undefined ? ` (confidence ${Math.round(m.scan.confidence)}%)` : ''}: check it
                  against the scan.
                </p>
              ) : null}
              {m.subject ? (
                <p className="message-subject">
                  <strong>Subject:</strong> {m.subject}
                </p>
              ) : null}
              {m.safeHtml ? (
                <>
                  <SafeHtml html={m.safeHtml} label={`Email as formatted${m.subject ? `: ${m.subject}` : ''}`} />
                  <details className="message-views">
                    <summary>Show as plain text</summary>
                    <div className="message-text">{m.text}</div>
                  </details>
                </>
              ) : (
                <div className="message-text">{m.text}</div>
              )}
              <Attachments caseRef={kase.ref} messageId={m.id} items={m.attachments} />
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}

function TimelineSection({ kase }: { kase: CaseDetail }) {
  const session = useSession();
  const entries = useMemo(() => [...kase.timeline].sort((a, b) => a.at.localeCompare(b.at)), [kase.timeline]);
  const actor = (id: string) => (id === 'system' ? 'System' : id === 'resident' ? 'Resident' : session.officerName(id));
  return (
    <section aria-labelledby="timeline-heading" className="panel">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{formatInstant(e.at)}</time> <span className="tag">{humanise(e.type)}</span>{' '}
            <span className="actor">{actor(e.actor)}:</span> {e.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}

function CaseActions({ kase, onChange }: { kase: CaseDetail; onChange(c: CaseDetail): void }) {
  const session = useSession();
  const manager = isManager(session);
  const owner = kase.ownerId === myId(session);
  const runs = owner || manager;
  const contributor = session.me.role === 'contributor';
  const closed = kase.status === 'closed';
  const c = kase.contact;
  const flagged = Boolean(c?.unacceptableBehaviour);
  const path = (command: string) => `/api/cases/${kase.ref}/${command}`;
  const owners = session.officers
    .filter((o) => o.active && o.role !== 'contributor')
    .map((o) => ({ value: o.id, label: `${o.name} (${session.departmentName(o.teamId)}, ${o.role})` }));
  const reason: FieldSpec = { name: 'reason', label: 'Reason', kind: 'textarea', required: true };

  const action = (id: string, summary: string, props: Omit<CommandFormProps<CaseDetail>, 'id' | 'onDone'>) => (
    <details className="action" key={id}>
      <summary>{summary}</summary>
      <CommandForm<CaseDetail> id={id} level={3} onDone={onChange} {...props} />
    </details>
  );

  const contactInitial = {
    preferredChannel: c?.preferredChannel ?? '',
    communicationNeeds: c?.communicationNeeds ?? '',
    largePrint: Boolean(c?.largePrint),
    channelsToAvoid: c?.channelsToAvoid ?? [],
    phone: c?.phone ?? '',
    email: c?.email ?? '',
    address: c?.address ?? '',
  };

  return (
    <div className="actions-list">
      {action('note', 'Add a note', {
        title: 'Add a note',
        path: path('notes'),
        fields: [
          {
            name: 'text',
            label: 'Note',
            kind: 'textarea',
            required: true,
            hint: 'Staff only: never sent to the resident.',
          },
        ],
        submitLabel: 'Add note',
        doneMessage: 'Note added.',
      })}
      {action('log', 'Log a call or visit', {
        title: 'Log a call or visit',
        path: path('log'),
        fields: [
          {
            name: 'kind',
            label: 'What',
            kind: 'select',
            required: true,
            initial: 'phone-message',
            options: [
              { value: 'phone-message', label: 'Phone call or message' },
              { value: 'voicemail', label: 'Voicemail' },
              { value: 'visit', label: 'Visit' },
            ],
          },
          { name: 'summary', label: 'Summary', kind: 'textarea', required: true },
        ],
        submitLabel: 'Log it',
        doneMessage: 'Contact logged.',
      })}
      {runs && !closed
        ? action('delay', 'Record a delay', {
            title: 'Record why the answer is late',
            description: <p>The resident is told the reason and the progress.</p>,
            path: path('delay'),
            fields: [
              { ...reason, hint: 'In words the resident will read.' },
              {
                name: 'extensionWorkingDays',
                label: 'Extension in working days',
                kind: 'number',
                min: 1,
                max: 20,
                hint: 'Complaints only, within the policy’s limit.',
              },
            ],
            submitLabel: 'Record delay',
            doneMessage: 'Delay recorded.',
          })
        : null}
      {runs && !closed
        ? action('agreed-date', 'Agree a reply date', {
            title: 'Agree a reply date with the resident',
            path: path('agreed-date'),
            fields: [
              {
                name: 'date',
                label: 'Agreed date',
                kind: 'date',
                required: true,
                hint: 'A working day. It replaces the response target.',
              },
              { name: 'note', label: 'Note', kind: 'textarea' },
            ],
            submitLabel: 'Record agreed date',
            doneMessage: 'Agreed date recorded.',
          })
        : null}
      {runs && !closed
        ? action('reclassify', 'Reclassify', {
            title: 'Reclassify the case',
            description: (
              <p>
                Now: {humanise(kase.classification.category)} ({kase.classification.reason}).
              </p>
            ),
            path: path('reclassify'),
            fields: [
              {
                name: 'category',
                label: 'Category',
                kind: 'select',
                required: true,
                initial: kase.classification.category,
                options: [
                  { value: 'service-request', label: 'Service request' },
                  { value: 'complaint', label: 'Complaint' },
                  { value: 'repair', label: 'Repair' },
                ],
              },
              {
                name: 'priority',
                label: 'Repair priority',
                kind: 'select',
                required: true,
                initial: kase.classification.priority ?? 'standard',
                when: (v) => v.category === 'repair',
                options: ['emergency', 'urgent', 'standard', 'programmed'].map((p) => ({
                  value: p,
                  label: humanise(p),
                })),
              },
              reason,
            ],
            submitLabel: 'Reclassify',
            doneMessage: 'Case reclassified.',
          })
        : null}
      {runs && !closed && kase.kind === 'complaint-stage-1'
        ? action('escalate', 'Escalate to stage 2', {
            title: 'Escalate the complaint to stage 2',
            description: (
              <p>Under the Housing Ombudsman code, stage 2 is handled by someone other than the stage 1 owner.</p>
            ),
            path: path('escalate'),
            fields: [
              reason,
              {
                name: 'ownerId',
                label: 'Stage 2 owner',
                kind: 'select',
                options: [{ value: '', label: 'Choose for me' }, ...owners.filter((o) => o.value !== kase.ownerId)],
              },
            ],
            submitLabel: 'Escalate',
            doneMessage: 'Escalated to stage 2.',
          })
        : null}
      {manager && !closed
        ? action('reassign', 'Reassign', {
            title: 'Reassign the case',
            path: path('reassign'),
            fields: [
              {
                name: 'ownerId',
                label: 'New owner',
                kind: 'select',
                required: true,
                options: [{ value: '', label: 'Choose an officer' }, ...owners.filter((o) => o.value !== kase.ownerId)],
              },
              { ...reason, hint: 'For example: absence, a leaver, workload.' },
            ],
            submitLabel: 'Reassign',
            doneMessage: 'Case reassigned.',
          })
        : null}
      {runs && c ? (
        <details className="action" key={`contact-${JSON.stringify(contactInitial)}`}>
          <summary>Contact details and preferences</summary>
          <CommandForm<CaseDetail>
            id="contact"
            level={3}
            title="Contact details and preferences"
            path={path('contact')}
            onDone={onChange}
            fields={[
              {
                name: 'preferredChannel',
                label: 'Preferred reply channel',
                kind: 'select',
                initial: contactInitial.preferredChannel,
                options: [
                  { value: '', label: 'No preference' },
                  ...REPLY_CHANNELS.map((ch) => ({ value: ch, label: humanise(ch) })),
                ],
              },
              {
                name: 'communicationNeeds',
                label: 'Communication needs',
                initial: contactInitial.communicationNeeds,
                hint: 'For example an interpreter, British Sign Language, a time to call.',
              },
              {
                name: 'largePrint',
                label: 'Send letters in large print',
                kind: 'checkbox',
                initial: contactInitial.largePrint,
              },
              {
                name: 'channelsToAvoid',
                label: 'Channels to avoid',
                kind: 'checkboxes',
                initial: contactInitial.channelsToAvoid,
                options: REPLY_CHANNELS.map((ch) => ({ value: ch, label: humanise(ch) })),
              },
              { name: 'phone', label: 'Phone', kind: 'tel', initial: contactInitial.phone },
              { name: 'email', label: 'Email', kind: 'email', initial: contactInitial.email },
              { name: 'address', label: 'Address', kind: 'textarea', initial: contactInitial.address },
            ]}
            transform={(body) => {
              const changed: Record<string, unknown> = {};
              for (const [k, v] of Object.entries(contactInitial)) {
                const now = body[k] ?? (typeof v === 'boolean' ? false : Array.isArray(v) ? [] : '');
                if (JSON.stringify(now) !== JSON.stringify(v)) changed[k] = now;
              }
              return changed;
            }}
            submitLabel="Save contact details"
            doneMessage="Contact details saved."
          />
        </details>
      ) : null}
      {!contributor && c && !flagged
        ? action('flag', 'Flag unacceptable behaviour', {
            title: 'Flag unacceptable behaviour',
            description: <p>The flag is on the person: every officer sees it on all their cases.</p>,
            path: path('flag'),
            fields: [reason],
            submitLabel: 'Set the flag',
            doneMessage: 'Flag set.',
            danger: true,
          })
        : null}
      {manager && flagged
        ? action('unflag', 'Lift the behaviour flag', {
            title: 'Lift the unacceptable behaviour flag',
            path: path('unflag'),
            fields: [reason],
            submitLabel: 'Lift the flag',
            doneMessage: 'Flag lifted.',
          })
        : null}
      {manager
        ? action('restrict', kase.restricted ? 'Lift the restriction' : 'Restrict the case', {
            title: kase.restricted ? 'Lift the restriction' : 'Restrict the case',
            description: <p>A restricted case is seen only by its owner and managers.</p>,
            path: path('restrict'),
            fields: [reason],
            transform: (body) => ({ ...body, restricted: !kase.restricted }),
            submitLabel: kase.restricted ? 'Lift restriction' : 'Restrict',
            doneMessage: kase.restricted ? 'Restriction lifted.' : 'Case restricted.',
          })
        : null}
      {runs && !closed
        ? action('close', 'Close the case', {
            title: 'Close the case',
            path: path('close'),
            fields: [reason],
            submitLabel: 'Close case',
            doneMessage: 'Case closed.',
            danger: true,
          })
        : null}
      {runs && closed
        ? action('reopen', 'Reopen the case', {
            title: 'Reopen the case',
            path: path('reopen'),
            fields: [reason],
            submitLabel: 'Reopen case',
            doneMessage: 'Case reopened.',
          })
        : null}
    </div>
  );
}
