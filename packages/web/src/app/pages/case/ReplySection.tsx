/** The collated reply to the resident, with each department's answer one click from the reply. */
import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../../api.js';
import { ErrorSummary, Field, type FieldSpec, SubmitRow, useCommand } from '../../components/Form.js';
import { humanise } from '../../queue.js';
import { useSession } from '../../session.js';
import type { DepartmentRequest } from '../../types.js';
import { type CaseSectionProps, caseCommand } from './shared.js';

export function ReplySection({ kase, onChange }: CaseSectionProps) {
  const session = useSession();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const command = useCommand();
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
    const payload = { body: body.trim(), subject: subject.trim() || undefined };
    const updated = await command.run(caseCommand(kase, 'reply'), payload, 'Reply sent to the resident.');
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
        <SubmitRow label="Send reply" busyLabel="Sending…" busy={command.busy} done={command.done} />
      </form>
    </section>
  );
}
