/**
 * The collated reply to the resident: start from one of the policy's
 * templates, quote each department's answer, preview exactly what the
 * resident will get on their channel (the server's sending code computes it),
 * then confirm to send.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api.js';
import { ErrorSummary, Field, type FieldSpec, SubmitRow, useCommand } from '../../components/Form.js';
import { humanise } from '../../queue.js';
import { useSession } from '../../session.js';
import type { DepartmentRequest, ReplyPreview, ReplyTemplate } from '../../types.js';
import { ReplyPreviewPanel, unfilledPrompts } from './ReplyPreview.js';
import { type CaseSectionProps, caseCommand } from './shared.js';

const LABELS = { subject: 'Subject', body: 'Your reply' };

/** The policy's templates for this case, filled by the server; none when they cannot be loaded. */
function useReplyTemplates(ref: string): ReplyTemplate[] {
  const { api } = useSession();
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get('GET /api/cases/{ref}/reply/templates', { ref }, { signal: ctrl.signal }).then(
      (answer) => setTemplates(answer.items),
      () => setTemplates([]),
    );
    return () => ctrl.abort();
  }, [api, ref]);
  return templates;
}

export function ReplySection({ kase, onChange }: CaseSectionProps) {
  const session = useSession();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState('');
  const [preview, setPreview] = useState<ReplyPreview>();
  const [previewError, setPreviewError] = useState<Error>();
  const [previewing, setPreviewing] = useState(false);
  const command = useCommand();
  const templates = useReplyTemplates(kase.ref);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();
  const previewHeadingId = useId();
  const answered = kase.requests.filter((r) => r.answer);
  const open = kase.requests.filter((r) => r.status === 'open');
  const error = previewError ?? command.error;
  const fieldErrors = error instanceof ApiError ? error.fields : {};
  const channel = kase.contact?.preferredChannel;
  const subjectSpec: FieldSpec = {
    name: 'subject',
    label: 'Subject',
    hint: `Email and letters only. Left blank: “Our reply: ${kase.subject}”.`,
  };
  const prompts = unfilledPrompts(body);

  const edited = () => {
    command.clear();
    setPreview(undefined);
    setPreviewError(undefined);
  };
  const applyTemplate = () => {
    const template = templates.find((t) => t.id === chosen);
    if (!template) return;
    edited();
    setBody(template.body);
    setSubject(template.subject ?? '');
    bodyRef.current?.focus();
  };
  const quote = (r: DepartmentRequest) => {
    edited();
    setBody((b) => `${b}${b && !b.endsWith('\n\n') ? '\n\n' : ''}${r.answer ?? ''}`);
    bodyRef.current?.focus();
  };
  const payload = () => ({ body: body.trim(), subject: subject.trim() || undefined });
  const showPreview = async (e: FormEvent) => {
    e.preventDefault();
    if (previewing) return;
    setPreviewing(true);
    setPreviewError(undefined);
    command.clear();
    try {
      setPreview(await session.api.send('POST /api/cases/{ref}/reply/preview', { ref: kase.ref }, payload()));
      window.setTimeout(() => document.getElementById(previewHeadingId)?.focus(), 0);
    } catch (err) {
      setPreview(undefined);
      setPreviewError(err as Error);
    } finally {
      setPreviewing(false);
    }
  };
  const send = async () => {
    if (command.busy) return;
    const updated = await command.run(caseCommand(kase, 'reply'), payload(), 'Reply sent to the resident.');
    if (updated) {
      setBody('');
      setSubject('');
      setChosen('');
      setPreview(undefined);
      onChange(updated);
    }
  };
  const canSend = preview && preview.parts.length > 0 && !preview.blockedBy && prompts.length === 0;

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
      {templates.length > 0 ? (
        <div className="template-picker">
          <label htmlFor="reply-template">Start from a template</label>
          <p className="hint" id="reply-template-hint">
            It replaces what is in the reply box. Write in whatever is in [square brackets].
          </p>
          <div className="inline-row">
            <select
              id="reply-template"
              aria-describedby="reply-template-hint"
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
            >
              <option value="">Choose a template</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
            <button type="button" className="button button-secondary" onClick={applyTemplate} disabled={!chosen}>
              Use this template
            </button>
          </div>
        </div>
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
      <form onSubmit={showPreview} aria-labelledby={headingId} noValidate className="command">
        {error ? <ErrorSummary formId="reply" error={error} labels={LABELS} /> : null}
        <Field
          formId="reply"
          spec={subjectSpec}
          value={subject}
          error={fieldErrors.subject}
          onChange={(v) => {
            edited();
            setSubject(String(v));
          }}
        />
        <div className={`field${fieldErrors.body ? ' field-error' : ''}`}>
          <label htmlFor="reply-body">{LABELS.body}</label>
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
              edited();
              setBody(e.target.value);
            }}
          />
        </div>
        <SubmitRow label="Preview the reply" busyLabel="Preparing the preview…" busy={previewing} done={undefined} />
      </form>
      {preview ? (
        <div className="confirm-send">
          <ReplyPreviewPanel preview={preview} headingId={previewHeadingId} />
          {preview.blockedBy ? (
            <p className="notice">
              <strong>Not yet:</strong> {preview.blockedBy}.
            </p>
          ) : null}
          {prompts.length > 0 ? (
            <p className="notice">
              <strong>Write in the template’s gaps first:</strong> {prompts.join(', ')}.
            </p>
          ) : null}
          {canSend ? (
            <p>
              <strong>Check it, then send.</strong> Once sent it cannot be taken back.
            </p>
          ) : null}
          <div className="inline-row">
            <button type="button" className="button" onClick={send} disabled={!canSend || command.busy}>
              {command.busy ? 'Sending…' : 'Confirm and send'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setPreview(undefined);
                bodyRef.current?.focus();
              }}
            >
              Change the reply
            </button>
          </div>
        </div>
      ) : null}
      {command.done ? <p role="status">{command.done}</p> : null}
    </section>
  );
}
